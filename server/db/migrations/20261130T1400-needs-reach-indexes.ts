import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
// "Needs around me" shows open needs only. At 1,000,000 needs four in five are closed, so the
// (place, audience, created_at) ranges walked past many closed needs before filling a page; these
// partial indexes hold the open ones alone. Queries name the statuses with the same literal list
// (needs.repository.ts OPEN_NEEDS) so both databases can prove the index applies.
// A new need reaches its building's red butlers, found by building and by covering group.

const OPEN = sql<boolean>`status in ('posted', 'convened', 'claimed', 'in_service')`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns, spots] of [
    ['needs_open_building_idx', ['building_id', 'created_at', 'id'], false],
    ['needs_open_compound_audience_idx', ['compound_id', 'audience', 'created_at', 'id'], false],
    ['needs_open_community_audience_idx', ['community_id', 'audience', 'created_at', 'id'], false],
    ['needs_open_spot_idx', ['compound_id', 'created_at', 'id'], true],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('needs')
      .columns([...columns])
      .where(spots ? sql<boolean>`${OPEN} and building_id is null` : OPEN)
      .execute();
  }
  await db.schema.createIndex('red_butlers_building_idx').on('red_butlers').column('building_id').execute();
  await db.schema
    .createIndex('red_butlers_organisation_idx')
    .on('red_butlers')
    .column('organisation_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'red_butlers_organisation_idx',
    'red_butlers_building_idx',
    'needs_open_spot_idx',
    'needs_open_community_audience_idx',
    'needs_open_compound_audience_idx',
    'needs_open_building_idx',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
