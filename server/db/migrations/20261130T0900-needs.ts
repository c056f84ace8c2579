import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never import application code here.
// Needs (C1): the need and its timeline, claims, service logs, photos, "me too" supporters and
// follow-ups; the notification inbox (C9); stored jobs for the ladder, reminders and auto-confirmation
// (they survive restarts and run once across instances); Open311 API keys.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const real = pg ? sql`double precision` : sql`real`;
  const bytes = pg ? sql`bytea` : sql`blob`;

  await db.schema
    .createTable('needs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('place_path', 'text', (c) => c.notNull())
    .addColumn('compound_id', 'text')
    .addColumn('building_id', 'text')
    .addColumn('household_id', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer')
    .addColumn('quantity_unit', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('resident_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('resident_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('posted_by', 'text', (c) => c.references('users.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('helpers_needed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('helpers_claimed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('convened_at', ts)
    .addColumn('partner_unit_id', 'text', (c) => c.references('partner_units.id'))
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_at', ts)
    .addColumn('rating', 'integer')
    .addColumn('thanks', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lat', real)
    .addColumn('long', real)
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('claimed_at', ts)
    .addColumn('done_at', ts)
    .addColumn('confirmed_at', ts)
    .addColumn('cancelled_at', ts)
    .execute();
  for (const [name, columns] of [
    ['needs_building_idx', ['building_id', 'created_at', 'id']],
    ['needs_compound_idx', ['compound_id', 'created_at', 'id']],
    ['needs_community_idx', ['community_id', 'status', 'created_at', 'id']],
    ['needs_community_time_idx', ['community_id', 'created_at', 'id']],
    ['needs_district_time_idx', ['district_id', 'created_at', 'id']],
    ['needs_resident_idx', ['resident_user_id', 'created_at', 'id']],
    ['needs_household_idx', ['household_id', 'created_at', 'id']],
    ['needs_path_idx', ['place_path']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('needs')
      .columns([...columns])
      .execute();
  }

  await db.schema
    .createTable('need_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text')
    .execute();
  await db.schema
    .createIndex('need_events_need_idx')
    .on('need_events')
    .columns(['need_id', 'at', 'id'])
    .execute();

  await db.schema
    .createTable('need_claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_by', 'text', (c) => c.references('users.id'))
    .addColumn('claimed_at', ts, (c) => c.notNull())
    .addColumn('withdrawn_at', ts)
    .execute();
  await db.schema
    .createIndex('need_claims_need_user_idx')
    .unique()
    .on('need_claims')
    .columns(['need_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('need_claims_user_idx')
    .on('need_claims')
    .columns(['user_id', 'claimed_at', 'id'])
    .execute();

  await db.schema
    .createTable('need_service_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('hours', real, (c) => c.notNull().defaultTo(0))
    .addColumn('outside_helpers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_handled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('need_service_logs_need_idx')
    .on('need_service_logs')
    .columns(['need_id', 'at'])
    .execute();
  await db.schema
    .createIndex('need_service_logs_user_idx')
    .on('need_service_logs')
    .columns(['user_id', 'at'])
    .execute();

  await db.schema
    .createTable('need_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.references('needs.id'))
    .addColumn('log_id', 'text', (c) => c.references('need_service_logs.id'))
    .addColumn('community_id', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('need_photos_need_idx')
    .on('need_photos')
    .columns(['need_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('need_photos_uploader_idx')
    .on('need_photos')
    .columns(['uploaded_by', 'created_at'])
    .execute();

  await db.schema
    .createTable('need_supporters')
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('household_id', 'text')
    .addColumn('at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('need_supporters_pk', ['need_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('need_follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('reminded_at', ts)
    .addColumn('done_at', ts)
    .addColumn('outcome', 'text')
    .execute();
  await db.schema
    .createIndex('need_follow_ups_need_idx')
    .on('need_follow_ups')
    .columns(['need_id', 'due_at'])
    .execute();
  await db.schema
    .createIndex('need_follow_ups_assignee_idx')
    .on('need_follow_ups')
    .columns(['assignee_id', 'due_at'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('need_id', 'text')
    .addColumn('link', 'text')
    .addColumn('params', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('read_at', ts)
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('notifications_unread_idx')
    .on('notifications')
    .columns(['user_id', 'read_at'])
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('run_at', ts, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('done_at', ts)
    .addColumn('done_by', 'text')
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_ref_idx').on('jobs').columns(['ref_id', 'kind']).execute();

  await db.schema
    .createTable('open311_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('district_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addColumn('revoked_at', ts)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'open311_keys',
    'jobs',
    'notifications',
    'need_follow_ups',
    'need_supporters',
    'need_photos',
    'need_service_logs',
    'need_claims',
    'need_events',
    'needs',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
