import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.js';

/** A writer that records its batches and answers each when the test releases it. */
function slowWriter(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const write = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<number[]>((resolve, reject) => {
      pending.push(() => {
        const bad = items.find(fail);
        if (bad !== undefined) reject(new Error(`item ${bad} failed`));
        else resolve(items.map((i) => i * 10));
      });
    });
  };
  const releaseAll = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { batches, write, releaseAll };
}

describe('Batcher', () => {
  it('writes a lone item at once, on its own', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(async (items) => {
      batches.push([...items]);
      return items.map((i) => i + 1);
    });
    expect(await batcher.submit(1)).toBe(2);
    expect(batches).toEqual([[1]]);
  });

  it('writes the items that arrived during a write as the next batch, each answered with its result', async () => {
    const w = slowWriter();
    const batcher = new Batcher<number, number>(w.write);
    const first = batcher.submit(1);
    await new Promise((r) => setImmediate(r));
    const rest = [2, 3, 4].map((i) => batcher.submit(i));
    await new Promise((r) => setImmediate(r));
    // The first write has not returned: the others wait rather than start their own.
    expect(w.batches).toEqual([[1]]);
    await w.releaseAll();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('writes items submitted in the same turn together, at most maxSize at a time', async () => {
    const w = slowWriter();
    const batcher = new Batcher<number, number>(w.write, { maxSize: 2 });
    const all = [1, 2, 3, 4, 5].map((i) => batcher.submit(i));
    await new Promise((r) => setImmediate(r));
    await w.releaseAll();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    expect(w.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('writes each item of a failed batch again on its own, so only the bad one fails', async () => {
    const w = slowWriter((i) => i === 3);
    const batcher = new Batcher<number, number>(w.write);
    const all = [1, 2, 3, 4].map((i) => batcher.submit(i).then(String, (e: Error) => e.message));
    await new Promise((r) => setImmediate(r));
    await w.releaseAll();
    expect(await Promise.all(all)).toEqual(['10', '20', 'item 3 failed', '40']);
    expect(w.batches).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
    // It keeps working after a failure.
    const later = batcher.submit(5);
    await new Promise((r) => setImmediate(r));
    await w.releaseAll();
    expect(await later).toBe(50);
  });

  it('fails the items of a write that returns the wrong number of results, one by one', async () => {
    const batcher = new Batcher<number, number>(async (items) => (items.length > 1 ? [1] : [items[0]!]));
    expect(await Promise.all([batcher.submit(7), batcher.submit(8)])).toEqual([7, 8]);
  });
});
