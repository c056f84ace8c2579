// From node:timers, not the globals: a test's fake timers must not stop writes.
import { setImmediate } from 'node:timers';

/**
 * Writes that arrive together are written together. `submit` queues one item; the items queued
 * while a batch is being written wait and become the next batch, so a lone item is written at once
 * (after the requests ready in the same turn of the event loop) and, under load, one transaction of
 * a few statements writes many items instead of each item making its own round trips and COMMIT.
 *
 *  - One batch is written at a time, at most `maxSize` items.
 *  - Every item is answered only once the write that holds it has returned.
 *  - If a batch fails, each of its items is written again on its own, so an item's error (a photo
 *    taken by another need meanwhile, a lost connection) is its own and never another's: the failed
 *    batch's transaction changed nothing.
 */
export class Batcher<T, R> {
  readonly #write: (items: readonly T[]) => Promise<readonly R[]>;
  readonly #maxSize: number;
  readonly #queue: Waiting<T, R>[] = [];
  #draining = false;

  /** `write` writes the items in one transaction and returns one result per item, in order. */
  constructor(write: (items: readonly T[]) => Promise<readonly R[]>, options: { maxSize?: number } = {}) {
    this.#write = write;
    this.#maxSize = options.maxSize ?? 64;
  }

  /** Write `item` with whatever else is waiting; resolves with its result once that is durable. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (this.#draining) return;
      this.#draining = true;
      setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) await this.#run(this.#queue.splice(0, this.#maxSize));
    this.#draining = false;
  }

  async #run(batch: readonly Waiting<T, R>[]): Promise<void> {
    let results: readonly R[];
    try {
      results = await this.#write(batch.map((w) => w.item));
      if (results.length !== batch.length) {
        throw new Error(`A batch of ${batch.length} returned ${results.length} results`);
      }
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else await Promise.all(batch.map((w) => this.#run([w])));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}
