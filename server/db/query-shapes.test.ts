import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../test/harness.js';
import type { Db } from './index.js';
import { QueryShapes } from './query-shapes.js';

interface T {
  shape_t: { k: string; v: string; n: number };
}

describe('QueryShapes', () => {
  let db: Db;
  let k: Kysely<T>;
  beforeAll(async () => {
    db = await freshDb();
    k = db.kysely as unknown as Kysely<T>;
    await sql`create table shape_t (k text not null, v text not null, n integer not null)`.execute(k);
  });
  afterAll(async () => {
    await db.close();
  });

  const direct = (key: string, prefix: string, limit: number) =>
    k
      .selectFrom('shape_t')
      .select(['k', 'v', 'n'])
      .where((eb) => eb.or([eb('k', '=', key), eb('v', 'like', `${prefix}%`)]))
      .orderBy('n')
      .limit(sql.lit(limit));

  it('answers as the query built afresh, for any values, building each shape once', async () => {
    const shapes = new QueryShapes();
    let builds = 0;
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '%', '_', "'", '\u00e9'), maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ k: word, v: word }), { maxLength: 12 }),
        word,
        word,
        fc.integer({ min: 1, max: 3 }),
        async (rows, key, prefix, limit) => {
          await k.deleteFrom('shape_t').execute();
          if (rows.length > 0)
            await k
              .insertInto('shape_t')
              .values(rows.map((r, n) => ({ ...r, n })))
              .execute();
          const { value, list } = shapes.values();
          const shaped = { key: value(key), prefix: value(prefix), limit };
          const query = shapes.compile(k, JSON.stringify(shaped), list, () => {
            builds++;
            return direct(shaped.key, shaped.prefix, limit);
          });
          const expected = await direct(key, prefix, limit).execute();
          expect((await k.executeQuery(query)).rows).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
    expect(builds).toBeLessThanOrEqual(3);
  });

  it('refuses a value that would be frozen into the SQL text, or one the query never uses', () => {
    const shapes = new QueryShapes();
    const a = shapes.values();
    expect(() =>
      shapes.compile(k, 'lit', a.list, () =>
        k
          .selectFrom('shape_t')
          .select('k')
          .where('k', '=', sql.lit(a.value('x'))),
      ),
    ).toThrow(/SQL text/);
    const b = shapes.values();
    b.value('unused');
    expect(() => shapes.compile(k, 'unused', b.list, () => k.selectFrom('shape_t').select('k'))).toThrow(
      /not in any/,
    );
  });
});
