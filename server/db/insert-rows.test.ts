import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../test/factories.js';
import { dialect, freshDb } from '../test/harness.js';
import type { Db } from './index.js';
import { insertRowSets, insertRows } from './insert-rows.js';

const job = (id: string) => ({
  id,
  kind: 'test.job',
  ref_id: 'ref',
  payload: null,
  run_at: '2026-12-01T00:00:00.000Z',
  status: 'pending',
  created_at: '2026-11-30T00:00:00.000Z',
});

const note = (id: string, userId: string) => ({
  id,
  user_id: userId,
  kind: 'need_posted',
  need_id: null,
  link: null,
  params: '{}',
  created_at: '2026-11-30T00:00:00.000Z',
  read_at: null,
});

describe('inserting rows of several tables at once', () => {
  let db: Db;
  let userId: string;
  const count = async (table: 'jobs' | 'notifications') =>
    Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    db = await freshDb();
    userId = (await buildUser(db)).id;
  });
  afterAll(() => db?.close());

  it('writes every set, and nothing when one of them fails', async () => {
    await insertRowSets(db.kysely, [
      { table: 'jobs', rows: [job('j1'), job('j2')] },
      { table: 'notifications', rows: [note('n1', userId)] },
      { table: 'need_events', rows: [] },
    ]);
    expect([await count('jobs'), await count('notifications')]).toEqual([2, 1]);

    // A notification for a user who does not exist breaks its foreign key: the jobs beside it are
    // not written either (one statement on PostgreSQL; the caller's transaction on SQLite).
    await expect(
      db.kysely.transaction().execute((trx) =>
        insertRowSets(trx, [
          { table: 'jobs', rows: [job('j3')] },
          { table: 'notifications', rows: [note('n2', 'nobody')] },
        ]),
      ),
    ).rejects.toThrow();
    expect([await count('jobs'), await count('notifications')]).toEqual([2, 1]);
  });

  it('writes sets past the parameter limit in several statements', async () => {
    const many = Array.from({ length: 5_000 }, (_, i) => job(`many${i}`));
    await insertRowSets(db.kysely, [
      { table: 'jobs', rows: many },
      { table: 'notifications', rows: [note('n3', userId)] },
    ]);
    expect(await count('jobs')).toBe(2 + 5_000);
    await insertRows(db.kysely, 'jobs', []);
    expect(await count('jobs')).toBe(2 + 5_000);
  });

  it('refuses a table with in-process copies, which it could not drop', async () => {
    await expect(
      insertRowSets(db.kysely, [
        { table: 'jobs', rows: [job('j4')] },
        {
          table: 'district_settings',
          rows: [{ district_id: 'd', key: 'k', value: '{}', updated_at: '2026-11-30T00:00:00.000Z' }],
        },
      ]),
    ).rejects.toThrow(/district_settings/);
    expect(await count('jobs')).toBe(2 + 5_000);
  });

  it.skipIf(dialect !== 'postgres')(
    'sends its NOTIFYs with the rows, delivered when they commit',
    async () => {
      const channel = `linli_test_${randomBytes(4).toString('hex')}`;
      const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await listener.connect();
      const heard: string[] = [];
      listener.on('notification', (m) => {
        if (m.channel === channel && m.payload) heard.push(m.payload);
      });
      await listener.query(`listen ${channel}`);
      try {
        await db.kysely.transaction().execute(async (trx) => {
          await insertRowSets(trx, [{ table: 'jobs', rows: [job('j5')] }], { channel, payloads: ['a', 'b'] });
          await new Promise((r) => setTimeout(r, 100));
          expect(heard).toEqual([]);
        });
        await expect.poll(() => heard).toEqual(['a', 'b']);
        expect(await count('jobs')).toBe(2 + 5_000 + 1);
      } finally {
        await listener.end();
      }
    },
  );
});
