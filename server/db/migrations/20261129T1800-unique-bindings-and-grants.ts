import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Checks in code cannot stop two simultaneous requests: one pending request per person and
 * household, and one grant per person, role and place, are kept by the database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('bindings_one_pending_idx')
    .unique()
    .on('bindings')
    .columns(['user_id', 'household_id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('grants_unique_idx')
    .unique()
    .on('grants')
    .columns(['user_id', 'role', 'place_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('grants_unique_idx').execute();
  await db.schema.dropIndex('bindings_one_pending_idx').execute();
}
