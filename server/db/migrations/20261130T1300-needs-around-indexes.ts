import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
// Indexes for "needs around me" at 1,000,000 needs: needs a partner unit was attached to (convene)
// reach its contacts; needs reach a compound's or a community's responders once their audience is
// wide enough (one index range per audience, newest first); spots (no building) reach the compound.

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of [
    ['needs_partner_idx', ['partner_unit_id', 'created_at', 'id']],
    ['needs_compound_audience_idx', ['compound_id', 'audience', 'created_at', 'id']],
    ['needs_community_audience_idx', ['community_id', 'audience', 'created_at', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('needs')
      .columns([...columns])
      .execute();
  }
  await db.schema
    .createIndex('needs_spot_idx')
    .on('needs')
    .columns(['compound_id', 'created_at', 'id'])
    .where(sql.ref('building_id'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'needs_spot_idx',
    'needs_community_audience_idx',
    'needs_compound_audience_idx',
    'needs_partner_idx',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
