import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { findPlace, findPlacesByIds, renamePlace } from '../features/places/places.repository.js';
import { touchSession } from '../features/auth/auth.repository.js';
import { buildPlace, buildUser } from '../test/factories.js';
import { dialect, freshDb, logIn, TestClock, testConfig } from '../test/harness.js';
import { createDb, type Db, withPreparedStatements } from './index.js';
import { RowCache, rowCacheOf } from './row-cache.js';
import { seedDemo } from '../seed/demo.js';

/** Wait until `check` holds; fails after `ms` (well inside the copies' 10 s life). */
async function eventually(check: () => Promise<boolean>, ms = 5_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('the condition never held');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Read the place until the copy is kept (on PostgreSQL, once this instance is listening). */
async function cached(db: Db, id: string) {
  await eventually(async () => {
    await findPlace(db.kysely, id);
    return rowCacheOf(db.kysely)!.get('places', id) !== undefined;
  });
}

describe('RowCache', () => {
  it('keeps a copy for its time to live only', () => {
    let now = 0;
    const cache = new RowCache({ ttlMs: 1_000, now: () => now });
    cache.set('places', 'p1', { id: 'p1' }, cache.generation('places'));
    expect(cache.get('places', 'p1')).toEqual({ id: 'p1' });
    now = 1_001;
    expect(cache.get('places', 'p1')).toBeUndefined();
  });

  it('never keeps a row read before a write that came in meanwhile', () => {
    const cache = new RowCache();
    const before = cache.generation('places');
    cache.forgetTable('places'); // a write while the row was being read
    cache.set('places', 'p1', { id: 'p1', name: 'old' }, before);
    expect(cache.get('places', 'p1')).toBeUndefined();
    cache.forgetTable('needs'); // not a table of any copy
    cache.set('places', 'p1', { id: 'p1' }, cache.generation('places'));
    expect(cache.get('places', 'p1')).toBeDefined();
  });

  it('hands out frozen copies, so no reader can change another’s', () => {
    const cache = new RowCache();
    cache.set('auth', 's', { grants: [{ role: 'resident' }] }, cache.generation('auth'));
    const copy = cache.get('auth', 's') as { grants: { role: string }[] };
    expect(() => {
      copy.grants[0]!.role = 'system_admin';
    }).toThrow(TypeError);
  });
});

describe(`copies of rows on ${dialect}`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('drops a copy when the place is written, inside a transaction or not', async () => {
    const place = await buildPlace(db, { kind: 'building', name: '1幢' });
    await cached(db, place.id);
    await renamePlace(db.kysely, place.id, '一幢', '2026-11-29T09:00:00.000Z');
    expect((await findPlace(db.kysely, place.id))?.name).toBe('一幢');

    await cached(db, place.id);
    await db.kysely.transaction().execute(async (trx) => {
      await renamePlace(trx, place.id, '壹幢', '2026-11-29T09:01:00.000Z');
    });
    expect((await findPlace(db.kysely, place.id))?.name).toBe('壹幢');

    await cached(db, place.id);
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await renamePlace(trx, place.id, '不该留下', '2026-11-29T09:02:00.000Z');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await findPlace(db.kysely, place.id))?.name).toBe('壹幢');
  });

  it('reads inside a transaction from the database, never from the copies', async () => {
    const place = await buildPlace(db, { kind: 'building', name: '2幢' });
    await cached(db, place.id);
    // A copy that differs from the row: reads outside a transaction get it, reads inside never do.
    const cache = rowCacheOf(db.kysely)!;
    cache.set('places', place.id, { ...place, name: '副本' }, cache.generation('places'));
    expect((await findPlace(db.kysely, place.id))?.name).toBe('副本');
    await db.kysely.transaction().execute(async (trx) => {
      expect((await findPlace(trx, place.id))?.name).toBe('2幢');
      expect((await findPlacesByIds(trx, [place.id]))[0]?.name).toBe('2幢');
    });
  });

  it('gives the places of a chain shallowest first, copies and fresh rows alike', async () => {
    const household = await buildPlace(db, { kind: 'household' });
    const ids = household.path.split('/').filter(Boolean);
    await cached(db, ids[2]!);
    const chain = await findPlacesByIds(db.kysely, [...ids].reverse());
    expect(chain.map((p) => p.id)).toEqual(ids);
  });

  it('keeps the copies when only a session’s idle clock moves', async () => {
    const place = await buildPlace(db, { kind: 'building' });
    await cached(db, place.id);
    const cache = rowCacheOf(db.kysely)!;
    const auth = cache.generation('auth');
    await touchSession(db.kysely, 'no-such-session', '2026-11-29T09:00:00.000Z');
    expect(cache.generation('auth')).toBe(auth);
    await buildUser(db); // a new user changes no copy either
    expect(cache.generation('auth')).toBe(auth);
    expect(cache.get('places', place.id)).toBeDefined();
  });
});

describe.skipIf(dialect !== 'postgres')('two instances on one PostgreSQL', () => {
  let a: Db;
  let b: Db;
  beforeAll(async () => {
    a = await freshDb();
    const { schema } = (await sql<{ schema: string }>`select current_schema() as schema`.execute(a.kysely))
      .rows[0]!;
    b = createDb({ kind: 'postgres', url: process.env.DATABASE_URL!, poolSize: 2, schema });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('drops this instance’s copy when the other instance writes the row', async () => {
    const place = await buildPlace(a, { kind: 'building', name: '3幢' });
    await cached(a, place.id);
    await renamePlace(b.kysely, place.id, '三幢', '2026-11-29T09:00:00.000Z');
    await eventually(async () => (await findPlace(a.kysely, place.id))?.name === '三幢');
  });

  it('ends a session on this instance when it is ended on the other', async () => {
    await seedDemo(a, new Date('2026-11-29T08:00:00.000Z'));
    const clock = new TestClock();
    const config = testConfig();
    const appA = await buildApp(config, { db: a, clock, logger: false, webDist: '/nonexistent' });
    const appB = await buildApp(config, { db: b, clock, logger: false, webDist: '/nonexistent' });
    try {
      const onA = await logIn(appA, 'resident');
      await eventually(async () => {
        expect((await onA.get('/api/v1/me')).statusCode).toBe(200);
        return rowCacheOf(a.kysely)!.active;
      });
      const logout = await appB.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie: onA.cookie },
      });
      expect(logout.statusCode).toBe(204);
      await eventually(async () => (await onA.get('/api/v1/me')).statusCode === 401);
    } finally {
      await appA.close();
      await appB.close();
    }
  });
});

describe.skipIf(dialect !== 'postgres')('prepared statements on PostgreSQL', () => {
  it('names a statement from its fifth use, and answers the same', async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: 1 });
    const prepared = withPreparedStatements(pool, 1);
    try {
      const client = await prepared.connect();
      const answers: unknown[] = [];
      for (let i = 0; i < 6; i++) {
        answers.push((await client.query('select $1::int + 1 as n', [i])).rows[0]);
      }
      await client.query('select $1::int * 2 as m', [1]); // past the limit of one name: unnamed
      for (let i = 0; i < 5; i++) await client.query('select $1::int * 2 as m', [i]);
      const names = await client.query('select name, statement from pg_prepared_statements', []);
      client.release();
      expect(answers).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ n })));
      expect(names.rows).toEqual([{ name: 'linli_1', statement: 'select $1::int + 1 as n' }]);
    } finally {
      await prepared.end();
    }
  });
});
