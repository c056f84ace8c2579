import { type Insertable, type Kysely, PostgresAdapter, type QueryCreator, sql } from 'kysely';
import { CACHED_TABLES } from './row-cache.js';
import type { PgNotify } from '../lib/bus.js';
import type { Database } from './schema.js';

type Table = keyof Database;

/** Parameters per statement we stay under (PostgreSQL allows 65,535; SQLite 32,766). */
const MAX_PARAMETERS = 30_000;

/** Rows for one table, for insertRowSets. */
export interface RowSet<T extends Table = Table> {
  table: T;
  rows: readonly Insertable<Database[T]>[];
}

/**
 * Insert rows into one table: multi-row VALUES, in as few statements as the parameter limits
 * allow. Every row must have the same keys (a column left out gets its default).
 */
export async function insertRows<T extends Table>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  for (let i = 0; i < rows.length; i += perStatement) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + perStatement))
      .execute();
  }
}

/**
 * insertRows for several tables at once (needs posted together, with their events, notifications
 * and jobs), and NOTIFYs to send with them. On PostgreSQL that is ONE statement, each table's insert
 * a data-modifying CTE and the NOTIFYs its main query: one round trip, where one per table cost
 * more than the inserts themselves. The NOTIFYs are delivered when the rows are committed. (Foreign
 * keys between the sets hold: PostgreSQL checks them once the whole statement has run.) On SQLite,
 * or past the parameter limit, one insertRows per table in order, then the NOTIFYs.
 *
 * A CTE's insert is a query inside another, which the copies (row-cache.ts) do not look into: a
 * cached table is refused.
 */
export async function insertRowSets(
  db: Kysely<Database>,
  sets: readonly RowSet[],
  notify?: PgNotify,
): Promise<void> {
  const filled = sets.filter((s) => s.rows.length > 0);
  const cached = filled.find((s) => s.table in CACHED_TABLES);
  if (cached) throw new Error(`insertRowSets cannot write ${cached.table}, which has in-process copies`);
  const payloads = notify?.payloads ?? [];
  if (filled.length === 0 && payloads.length === 0) return;
  const parameters =
    payloads.length + filled.reduce((n, s) => n + s.rows.length * Object.keys(s.rows[0]!).length, 0);
  if (parameters > MAX_PARAMETERS || !(db.getExecutor().adapter instanceof PostgresAdapter)) {
    for (const s of filled) await insertRows(db, s.table, s.rows);
    if (notify && payloads.length > 0) await sendNotify(db, notify);
    return;
  }
  // The tables are chosen at run time, which Kysely cannot type: the rows carry the column names.
  type Loose = Record<string, Record<string, unknown>>;
  let query = db as unknown as QueryCreator<Loose>;
  filled.forEach((s, i) => {
    query = query.with(`w${i}`, (q) =>
      q.insertInto(s.table).values([...s.rows]),
    ) as unknown as QueryCreator<Loose>;
  });
  await query
    .selectFrom(sql<{ p: string }>`unnest(${payloads}::text[])`.as('p'))
    .select(sql`pg_notify(${notify?.channel ?? ''}, p)`.as('sent'))
    .execute();
}

/** NOTIFY each payload (delivered at commit), a thousand to a statement. */
export async function sendNotify(db: Kysely<Database>, { channel, payloads }: PgNotify): Promise<void> {
  for (let i = 0; i < payloads.length; i += 1000) {
    await sql`select pg_notify(${channel}, p) from unnest(${payloads.slice(i, i + 1000)}::text[]) as p`.execute(
      db,
    );
  }
}
