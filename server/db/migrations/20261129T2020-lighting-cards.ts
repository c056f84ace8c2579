import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never import application code here.
// Lighting up (C3): the public card of a lit central household is reached by an unguessable token
// (never a phone number), the member may show which flat it is, and visitors who want to reach the
// member leave a short message through the platform instead of seeing a number.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;

  await db.schema.alterTable('central_households').addColumn('card_token', 'text').execute();
  await db.schema
    .alterTable('central_households')
    .addColumn('show_flat', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('central_households_card_token_idx')
    .unique()
    .on('central_households')
    .column('card_token')
    .execute();

  await db.schema
    .createTable('card_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('central_household_id', 'text', (c) => c.notNull().references('central_households.id'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('from_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('read_at', ts)
    .execute();
  await db.schema
    .createIndex('card_messages_household_idx')
    .on('card_messages')
    .columns(['central_household_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('card_messages_sender_idx')
    .on('card_messages')
    .columns(['from_user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('card_messages').execute();
  await db.schema.dropIndex('central_households_card_token_idx').execute();
  await db.schema.alterTable('central_households').dropColumn('show_flat').execute();
  await db.schema.alterTable('central_households').dropColumn('card_token').execute();
}
