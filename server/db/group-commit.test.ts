import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GroupCommitOptions, GroupCommitSqliteDialect } from './group-commit.js';
import { withStatementCache } from './index.js';

interface Schema {
  items: { id: number | null; name: string };
  children: { id: number | null; item_id: number };
}

let dir: string;
let file: string;
const opened: Kysely<Schema>[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-group-commit-'));
  file = join(dir, 'test.db');
  const setup = new SqliteDatabase(file);
  setup.exec(`
    create table items (id integer primary key, name text not null unique);
    -- Deferred: checked by the COMMIT, so one member can make the whole batch's COMMIT fail.
    create table children (id integer primary key,
      item_id integer not null references items (id) deferrable initially deferred);
  `);
  setup.close();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((k) => k.destroy()));
  rmSync(dir, { recursive: true, force: true });
});

/** The app's setup: WAL, synchronous FULL, the statement cache, this driver; `commits` lists batch sizes. */
function open(options: GroupCommitOptions = {}) {
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  const commits: number[] = [];
  const kysely = new Kysely<Schema>({
    dialect: new GroupCommitSqliteDialect(withStatementCache(database), {
      ...options,
      onCommit: (members) => commits.push(members),
    }),
  });
  opened.push(kysely);
  return { kysely, commits };
}

/** What another connection sees in the file: only committed rows. */
function committedNames(): string[] {
  const other = new SqliteDatabase(file, { readonly: true });
  try {
    return (other.prepare('select name from items order by name').all() as { name: string }[]).map(
      (r) => r.name,
    );
  } finally {
    other.close();
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const name = (i: number) => `n${String(i).padStart(2, '0')}`;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit on SQLite', () => {
  it('commits 50 concurrent transactions durably in fewer COMMITs', async () => {
    const { kysely, commits } = open();
    await Promise.all(
      range(50).map((i) =>
        kysely.transaction().execute(async (trx) => {
          await trx
            .insertInto('items')
            .values({ name: name(i) })
            .execute();
          await tick();
          await trx
            .insertInto('items')
            .values({ name: `${name(i)}b` })
            .execute();
        }),
      ),
    );
    expect(commits.length).toBeLessThan(50);
    expect(commits.reduce((a, b) => a + b, 0)).toBe(50);
    await kysely.destroy();
    // A fresh handle on the file, after the first one is closed.
    expect(committedNames()).toHaveLength(100);
  });

  it('rolls back a failing member alone; the rest of its batch commits', async () => {
    const { kysely, commits } = open();
    const results = await Promise.allSettled(
      range(10).map((i) =>
        kysely.transaction().execute(async (trx) => {
          await trx
            .insertInto('items')
            .values({ name: name(i) })
            .execute();
          if (i === 5) throw new Error('member 5 fails');
          return i;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(range(10).map((i) => (i === 5 ? 'rejected' : 'fulfilled')));
    expect(commits).toEqual([9]); // one batch: the failure was in the middle of it
    expect(committedNames()).toEqual(
      range(10)
        .filter((i) => i !== 5)
        .map(name),
    );
  });

  it('batches transactions that each run whole in their own callback, as HTTP requests do', async () => {
    const { kysely, commits } = open();
    // Nobody waits for the connection at any commit: each transaction starts and ends in one
    // callback of the event loop, before the next callback starts.
    const done = range(10).map(
      (i) =>
        new Promise((resolve, reject) =>
          setImmediate(() => {
            kysely
              .transaction()
              .execute((trx) =>
                trx
                  .insertInto('items')
                  .values({ name: name(i) })
                  .execute(),
              )
              .then(resolve, reject);
          }),
        ),
    );
    await Promise.all(done);
    expect(commits).toEqual([10]);
    expect(committedNames()).toHaveLength(10);
  });

  it('commits a lone transaction before it resolves', async () => {
    const { kysely, commits } = open();
    await kysely.transaction().execute((trx) => trx.insertInto('items').values({ name: 'alone' }).execute());
    expect(committedNames()).toEqual(['alone']);
    expect(commits).toEqual([1]);
  });

  it('commits the batch before an autocommit write that joined it returns', async () => {
    const { kysely, commits } = open({ maxBatchMs: 1000 });
    const seenByOthers: string[][] = [];
    const first = kysely.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'a' }).execute();
      await new Promise((resolve) => setTimeout(resolve, 20)); // the others queue up meanwhile
    });
    const second = kysely
      .transaction()
      .execute((trx) => trx.insertInto('items').values({ name: 'b' }).execute());
    const write = kysely
      .insertInto('items')
      .values({ name: 'outside' })
      .execute()
      .then(() => seenByOthers.push(committedNames()));
    // Still waiting when the write is done: it cannot leave the COMMIT to the last one out.
    const third = kysely
      .transaction()
      .execute((trx) => trx.insertInto('items').values({ name: 'c' }).execute());
    await Promise.all([first, second, write, third]);
    expect(seenByOthers[0]).toContain('outside');
    // It was written into a batch that still held a transaction waiting for its COMMIT.
    expect(commits[0]).toBeGreaterThanOrEqual(2);
  });

  it('keeps savepoints inside a transaction, next to other transactions of the batch', async () => {
    const { kysely } = open();
    const others = range(3).map((i) =>
      kysely.transaction().execute((trx) =>
        trx
          .insertInto('items')
          .values({ name: name(i) })
          .execute(),
      ),
    );
    const trx = await kysely.startTransaction().execute();
    await trx.insertInto('items').values({ name: 'kept' }).execute();
    const inner = await trx.savepoint('inner').execute();
    await inner.insertInto('items').values({ name: 'undone' }).execute();
    await inner.rollbackToSavepoint('inner').execute();
    await trx.insertInto('items').values({ name: 'after' }).execute();
    await trx.commit().execute();
    await Promise.all(others);
    expect(committedNames()).toEqual(['after', 'kept', 'n00', 'n01', 'n02']);
  });

  it('lets one acquisition run several transactions (commit hands the connection on and back)', async () => {
    const { kysely } = open();
    const others = range(3).map((i) =>
      kysely.transaction().execute((trx) =>
        trx
          .insertInto('items')
          .values({ name: name(i) })
          .execute(),
      ),
    );
    const count = await kysely.connection().execute(async (db) => {
      await db.transaction().execute((trx) => trx.insertInto('items').values({ name: 'x' }).execute());
      await db.transaction().execute((trx) => trx.insertInto('items').values({ name: 'y' }).execute());
      return (
        await db
          .selectFrom('items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    });
    await Promise.all(others);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(committedNames()).toEqual(['n00', 'n01', 'n02', 'x', 'y']);
  });

  it('streams a select', async () => {
    const { kysely } = open();
    await kysely
      .insertInto('items')
      .values(range(5).map((i) => ({ name: name(i) })))
      .execute();
    const seen: string[] = [];
    for await (const row of kysely.selectFrom('items').select('name').orderBy('name').stream())
      seen.push(row.name);
    expect(seen).toEqual(range(5).map(name));
    // Left early, the stream must not keep the connection busy.
    for await (const row of kysely.selectFrom('items').select('name').stream()) if (row.name) break;
    expect(await kysely.selectFrom('items').select('name').execute()).toHaveLength(5);
  });

  it('caps a batch at maxBatchSize transactions', async () => {
    const { kysely, commits } = open({ maxBatchSize: 3 });
    await Promise.all(
      range(10).map((i) =>
        kysely.transaction().execute((trx) =>
          trx
            .insertInto('items')
            .values({ name: name(i) })
            .execute(),
        ),
      ),
    );
    expect(commits).toEqual([3, 3, 3, 1]);
  });

  it('commits a batch that has been open maxBatchMs even while others wait', async () => {
    const { kysely, commits } = open({ maxBatchMs: 10 });
    const slow = kysely.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'slow' }).execute();
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    const quick = range(3).map((i) =>
      kysely.transaction().execute((trx) =>
        trx
          .insertInto('items')
          .values({ name: name(i) })
          .execute(),
      ),
    );
    await Promise.all([slow, ...quick]);
    expect(commits).toEqual([1, 3]);
  });

  it('rejects every member when SQLite rolls back the whole batch, and goes on working', async () => {
    const { kysely, commits } = open();
    await kysely.insertInto('items').values({ name: 'taken' }).execute();
    const results = await Promise.allSettled([
      ...range(3).map((i) =>
        kysely.transaction().execute((trx) =>
          trx
            .insertInto('items')
            .values({ name: name(i) })
            .execute(),
        ),
      ),
      // OR ROLLBACK: on a conflict SQLite ends the whole transaction, as SQLITE_FULL or IOERR can.
      kysely
        .transaction()
        .execute((trx) => sql`insert or rollback into items (name) values ('taken')`.execute(trx)),
      ...range(2).map((i) =>
        kysely.transaction().execute((trx) =>
          trx
            .insertInto('items')
            .values({ name: name(10 + i) })
            .execute(),
        ),
      ),
    ]);
    const errors = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'committed'));
    // The three before it waited for the batch's COMMIT; those after started a new batch.
    expect(errors).toEqual([
      ...range(4).map(() => 'UNIQUE constraint failed: items.name'),
      'committed',
      'committed',
    ]);
    expect(commits).toEqual([2]);
    expect(committedNames()).toEqual(['n10', 'n11', 'taken']);
  });

  it('rejects every member when the COMMIT fails, and goes on working', async () => {
    const { kysely, commits } = open();
    const results = await Promise.allSettled([
      ...range(3).map((i) =>
        kysely.transaction().execute((trx) =>
          trx
            .insertInto('items')
            .values({ name: name(i) })
            .execute(),
        ),
      ),
      // A deferred foreign key to nothing: only the COMMIT finds out.
      kysely.transaction().execute((trx) => trx.insertInto('children').values({ item_id: 999 }).execute()),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'committed'))).toEqual(
      range(4).map(() => 'FOREIGN KEY constraint failed'),
    );
    expect(commits).toEqual([]);
    expect(committedNames()).toEqual([]);
    await kysely.transaction().execute((trx) => trx.insertInto('items').values({ name: 'later' }).execute());
    expect(committedNames()).toEqual(['later']);
  });
});
