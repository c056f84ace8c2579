import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { GroupCommitSqliteDialect } from './group-commit.js';
import { migrations } from './migrations/index.js';
import { RowCache } from './row-cache.js';
import type { Database } from './schema.js';

export type { Database } from './schema.js';
export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL only: the connection string, for a dedicated connection (LISTEN in lib/bus.ts). */
  pgUrl?: string;
  close(): Promise<void>;
}

/** Counts come back as numbers and timestamps as ISO strings, the same as on SQLite. */
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, isoFromTimestamptz);

const UTC_TIMESTAMPTZ = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * A timestamptz as PostgreSQL prints it (`2026-11-30 01:28:33.1047+00` in a UTC session) to the ISO
 * string `new Date(v).toISOString()` gives, by rearranging the text: parsing a Date for every
 * timestamp of every row was 4% of a page of needs' CPU. Any other form (another time zone, a year
 * past 9999, infinity) goes through Date.
 */
export function isoFromTimestamptz(v: string): string {
  const m = UTC_TIMESTAMPTZ.exec(v);
  if (!m) return new Date(v).toISOString();
  return `${m[1]}T${m[2]}.${(m[3] ?? '').slice(0, 3).padEnd(3, '0')}Z`;
}

export type DbOptions = Config['database'] & {
  /** PostgreSQL only: run in this schema (tests give each file its own). */
  schema?: string;
};

/** Open the database named by the configuration. Nothing is migrated here; call migrate(). */
export function createDb(options: DbOptions): Db {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const rows = new RowCache({ pgUrl: options.url });
    const kysely = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }),
      plugins: [rows],
    });
    const close = async () => {
      await rows.close();
      await kysely.destroy();
    };
    return { kysely, dialect: 'postgres', pgUrl: options.url, close };
  }
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const database = new SqliteDatabase(options.file);
  database.pragma('journal_mode = WAL');
  // FULL: an acknowledged commit survives power loss, not only a crash of the process.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // LIKE matches case as on PostgreSQL, and then a prefix (`path like '/d/s/c/%'`) is an index
  // range on SQLite too instead of a scan of the table.
  database.pragma('case_sensitive_like = ON');
  // Group commit: every COMMIT waits for an fsync (synchronous = FULL), so transactions that arrive
  // together are committed together, each still answered only once its COMMIT has returned.
  const kysely = new Kysely<Database>({
    dialect: new GroupCommitSqliteDialect(withStatementCache(database)),
    plugins: [new RowCache()],
  });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

/**
 * PostgreSQL plans every unnamed statement afresh, and planning a page of needs around a volunteer
 * (a UNION of up to nine index ranges over a table with twenty indexes) took 8 ms where running it
 * took 1.6 ms. A statement that comes back is named instead: each connection prepares it once, and
 * PostgreSQL keeps its plan (a generic one, once it costs no more than the custom ones). Statements
 * are named from their fifth use, and at most `limit` texts are, so one-off queries (an IN list of
 * an unusual length) never fill the server's memory with plans.
 */
export function withPreparedStatements(pool: pg.Pool, limit = 300) {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const name = names.get(text);
    if (name !== undefined || names.size >= limit) return name;
    if (!/^\s*(select|insert|update|delete|with)\b/i.test(text)) return undefined;
    const uses = (seen.get(text) ?? 0) + 1;
    if (uses < 5) {
      if (seen.size >= 10 * limit) seen.clear();
      seen.set(text, uses);
      return undefined;
    }
    seen.delete(text);
    const fresh = `linli_${names.size + 1}`;
    names.set(text, fresh);
    return fresh;
  };
  // The pool hands out the same clients again: each is given the naming query once.
  const wrapped = new WeakSet<pg.PoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      if (wrapped.has(client)) return client;
      wrapped.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      return Object.assign(client, {
        query: (textOrCursor: unknown, values?: unknown[]) => {
          const name = typeof textOrCursor === 'string' && values?.length ? nameOf(textOrCursor) : undefined;
          return name ? query({ name, text: textOrCursor, values }) : query(textOrCursor, values);
        },
      });
    },
    end: () => pool.end(),
  };
}

/**
 * Kysely prepares every query afresh; preparing costs more than running a small indexed query.
 * The one SQLite connection keeps its prepared statements by SQL text instead (SQLite re-prepares a
 * statement by itself after a schema change). The driver runs one query at a time on this
 * connection, so a statement is never used by two queries at once.
 */
export function withStatementCache(database: SqliteDatabase.Database, size = 2000): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = database.prepare.bind(database);
  const cachedPrepare = (source: string) => {
    let statement = cache.get(source);
    if (statement) return statement;
    statement = prepare(source);
    if (cache.size >= size) cache.delete(cache.keys().next().value!);
    cache.set(source, statement);
    return statement;
  };
  return new Proxy(database, {
    get(target, prop) {
      if (prop === 'prepare') return cachedPrepare;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Run every pending migration; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<string[]> {
  // Name the schema: otherwise Kysely takes a migration table in any schema of the database
  // (another app's, or another test file's) for ours.
  const schema =
    db.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(
      `Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True once the database answers a trivial query. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db.kysely);
    return true;
  } catch {
    return false;
  }
}
