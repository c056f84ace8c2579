import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never import application code here.
// The four-level organisation, people, partner units, lighting up, living rooms, meetings and
// per-district settings (SPEC.md §2–3, C3, C4). Every row owned by a community carries community_id.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const real = pg ? sql`double precision` : sql`real`;

  // A person has one record per community however many roles they hold.
  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('gender', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('household_id', 'text', (c) => c.references('places.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('archived_at', ts)
    .execute();
  await db.schema.createIndex('people_community_idx').on('people').columns(['community_id', 'id']).execute();
  await db.schema
    .createIndex('people_household_idx')
    .on('people')
    .columns(['household_id', 'name'])
    .execute();
  await db.schema.createIndex('people_user_idx').on('people').column('user_id').execute();
  await db.schema
    .createIndex('people_phone_idx')
    .unique()
    .on('people')
    .columns(['community_id', 'phone'])
    .where(sql.ref('phone'), 'is not', null)
    .execute();

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('parent_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('dissolved_at', ts)
    .addColumn('dissolved_reason', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('organisations.id'))
    .execute();
  await db.schema
    .createIndex('organisations_community_idx')
    .on('organisations')
    .columns(['community_id', 'kind'])
    .execute();
  await db.schema.createIndex('organisations_place_idx').on('organisations').column('place_id').execute();

  // The buildings a building group (one) or a joint group (several) covers.
  await db.schema
    .createTable('organisation_buildings')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('building_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .addPrimaryKeyConstraint('organisation_buildings_pk', ['organisation_id', 'building_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('organisation_buildings_building_idx')
    .on('organisation_buildings')
    .column('building_id')
    .execute();

  // Positions: secretary, deputy, committee member, group leader, the building-leader pioneer post,
  // and big-committee seats held by partner units.
  await db.schema
    .createTable('positions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('partner_unit_id', 'text')
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .execute();
  await db.schema
    .createIndex('positions_org_idx')
    .on('positions')
    .columns(['organisation_id', 'title'])
    .execute();
  await db.schema.createIndex('positions_person_idx').on('positions').column('person_id').execute();

  await db.schema
    .createTable('party_members')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('work_unit', 'text')
    .addColumn('joined_on', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .execute();
  await db.schema
    .createIndex('party_members_community_idx')
    .on('party_members')
    .columns(['community_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('party_members_org_idx')
    .on('party_members')
    .column('organisation_id')
    .execute();

  // Red butler teams per building or per group; open to non-members.
  await db.schema
    .createTable('red_butlers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('building_id', 'text', (c) => c.references('places.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .execute();
  await db.schema
    .createIndex('red_butlers_community_idx')
    .on('red_butlers')
    .columns(['community_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('owners_committee_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .execute();
  await db.schema
    .createIndex('owners_committee_compound_idx')
    .on('owners_committee_members')
    .columns(['compound_id', 'role'])
    .execute();

  await db.schema
    .createTable('instructor_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('compound_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .execute();
  await db.schema
    .createIndex('instructor_links_person_idx')
    .on('instructor_links')
    .columns(['person_id', 'ended_at'])
    .execute();
  await db.schema
    .createIndex('instructor_links_compound_idx')
    .on('instructor_links')
    .column('compound_id')
    .execute();

  // Consents (PIPL): separate, revocable, per purpose.
  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('granted_at', ts, (c) => c.notNull())
    .addColumn('withdrawn_at', ts)
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema
    .createIndex('consents_person_idx')
    .on('consents')
    .columns(['person_id', 'purpose'])
    .execute();

  await db.schema
    .createTable('central_households')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull().unique().references('places.id'))
    .addColumn('leader_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('services', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('motto', 'text')
    .addColumn('show_name', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lit_at', ts)
    .addColumn('consent_id', 'text', (c) => c.references('consents.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .execute();
  await db.schema
    .createIndex('central_households_community_idx')
    .on('central_households')
    .columns(['community_id', 'lit_at'])
    .execute();

  await db.schema
    .createTable('central_household_links')
    .addColumn('central_household_id', 'text', (c) => c.notNull().references('central_households.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('places.id'))
    .addPrimaryKeyConstraint('central_household_links_pk', ['central_household_id', 'household_id'])
    .execute();

  await db.schema
    .createTable('living_rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('area_m2', real, (c) => c.notNull())
    .addColumn('has_logo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('functions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hours', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('archived_at', ts)
    .execute();
  await db.schema
    .createIndex('living_rooms_place_idx')
    .on('living_rooms')
    .columns(['community_id', 'place_id'])
    .execute();

  // Meetings (deliberation, C5, builds on this); the standards read plenary cadence from it (S7).
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meetings_org_idx')
    .on('meetings')
    .columns(['organisation_id', 'kind', 'held_at'])
    .execute();

  await db.schema
    .createTable('partner_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('address', 'text')
    .addColumn('party_org', 'text')
    .addColumn('description', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('archived_at', ts)
    .execute();
  await db.schema
    .createIndex('partner_units_district_idx')
    .on('partner_units')
    .columns(['district_id', 'name'])
    .execute();

  // Which accounts speak for a partner unit (the partner-unit contact role's "own unit").
  await db.schema
    .createTable('partner_unit_contacts')
    .addColumn('partner_unit_id', 'text', (c) => c.notNull().references('partner_units.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('partner_unit_contacts_pk', ['partner_unit_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('pairings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_unit_id', 'text', (c) => c.notNull().references('partner_units.id'))
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('community_id', 'text')
    .addColumn('note', 'text')
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pairings_unit_idx').on('pairings').column('partner_unit_id').execute();
  await db.schema.createIndex('pairings_place_idx').on('pairings').column('place_id').execute();

  await db.schema
    .createTable('partner_offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_unit_id', 'text', (c) => c.notNull().references('partner_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('capacity', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('archived_at', ts)
    .execute();
  await db.schema
    .createIndex('partner_offers_unit_idx')
    .on('partner_offers')
    .column('partner_unit_id')
    .execute();

  await db.schema
    .createTable('partner_contributions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_unit_id', 'text', (c) => c.notNull().references('partner_units.id'))
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('community_id', 'text')
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('outcome', 'text')
    .addColumn('people_count', 'integer')
    .addColumn('hours', real)
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('partner_contributions_unit_idx')
    .on('partner_contributions')
    .columns(['partner_unit_id', 'occurred_on'])
    .execute();
  await db.schema
    .createIndex('partner_contributions_place_idx')
    .on('partner_contributions')
    .column('place_id')
    .execute();

  // Per-district configuration: standards thresholds now; categories and ladders later.
  await db.schema
    .createTable('district_settings')
    .addColumn('district_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('district_settings_pk', ['district_id', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'district_settings',
    'partner_contributions',
    'partner_offers',
    'pairings',
    'partner_unit_contacts',
    'partner_units',
    'meetings',
    'living_rooms',
    'central_household_links',
    'central_households',
    'consents',
    'instructor_links',
    'owners_committee_members',
    'red_butlers',
    'party_members',
    'positions',
    'organisation_buildings',
    'organisations',
    'people',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
