import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never import application code here.
// PostgreSQL: every instance keeps copies of sessions, places, settings and where needs reach a user
// (server/db/row-cache.ts).
// A write to a table they are made of tells every instance, on commit, which table changed; a
// statement trigger sends it once per statement, however many rows it touched. SQLite has one
// process, which sees its own writes.

const TABLES = [
  ['sessions', 'delete'],
  ['users', 'update or delete'],
  ['grants', 'insert or update or delete'],
  ['places', 'update or delete'],
  ['district_settings', 'insert or update or delete'],
  ...[
    'people',
    'party_members',
    'red_butlers',
    'central_households',
    'partner_unit_contacts',
    'partner_units',
    'organisations',
    'organisation_buildings',
    'pairings',
  ].map((table) => [table, 'insert or update or delete'] as const),
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create function linli_rows_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('linli_rows', tg_table_name);
      return null;
    end $$`.execute(db);
  for (const [table, events] of TABLES) {
    await sql
      .raw(
        `create trigger ${table}_rows_changed after ${events} on ${table}
         for each statement execute function linli_rows_changed()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const [table] of TABLES) await sql.raw(`drop trigger ${table}_rows_changed on ${table}`).execute(db);
  await sql`drop function linli_rows_changed()`.execute(db);
}
