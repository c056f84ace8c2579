import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never import application code here.
// Open311 (C1): a key is issued at a place (a community's staff issue keys for their community; the
// CLI issues district-wide keys with no place), and each need posted through Open311 remembers the
// key that posted it and what the partner app sent beside the need (its media URL, its ids).

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;

  await db.schema
    .alterTable('open311_keys')
    .addColumn('place_id', 'text', (c) => c.references('places.id'))
    .execute();
  await db.schema.createIndex('open311_keys_district_idx').on('open311_keys').column('district_id').execute();

  await db.schema
    .createTable('open311_requests')
    .addColumn('need_id', 'text', (c) => c.primaryKey().references('needs.id'))
    .addColumn('key_id', 'text', (c) => c.notNull().references('open311_keys.id'))
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('media_url', 'text')
    .addColumn('account_id', 'text')
    .addColumn('device_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('open311_requests_key_idx')
    .on('open311_requests')
    .columns(['key_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('open311_requests').execute();
  await db.schema.dropIndex('open311_keys_district_idx').execute();
  await db.schema.alterTable('open311_keys').dropColumn('place_id').execute();
}
