import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never import application code here.
// Whistle and report (C2): in-service members' report-in, the ten posts with claims and service
// logs, whistles with their calls, small matters with their photos (bytes stay in need_photos).
// Every table carries the materialised path it counts under, so the headline counts of any place
// are prefix matches on an index (text_pattern_ops on PostgreSQL).

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const real = pg ? sql`double precision` : sql`real`;

  /** An index whose first column is a path matched by prefix. */
  async function pathIndex(name: string, table: string, columns: string[]) {
    const [first, ...rest] = columns;
    if (pg) {
      const cols = [`${first} text_pattern_ops`, ...rest].join(', ');
      await sql.raw(`create index ${name} on ${table} (${cols})`).execute(db);
    } else {
      await db.schema.createIndex(name).on(table).columns(columns).execute();
    }
  }

  await db.schema
    .createTable('member_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('community_path', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('work_unit', 'text', (c) => c.notNull())
    .addColumn('work_unit_party_org', 'text')
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('availability', 'text')
    .addColumn('note', 'text')
    .addColumn('reason', 'text')
    .addColumn('previous_report_id', 'text')
    .addColumn('submitted_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts)
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('confirmed_at', ts)
    .addColumn('confirm_due_at', ts)
    .addColumn('ended_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('member_reports_community_idx')
    .on('member_reports')
    .columns(['community_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('member_reports_user_idx')
    .on('member_reports')
    .columns(['user_id', 'id'])
    .execute();
  await db.schema
    .createIndex('member_reports_due_idx')
    .on('member_reports')
    .columns(['status', 'confirm_due_at'])
    .execute();
  await pathIndex('member_reports_path_idx', 'member_reports', ['community_path', 'status']);
  // One open report per member and community: the database settles double submissions.
  await sql`create unique index member_reports_open_uq on member_reports (user_id, community_id)
    where status in ('pending', 'returned', 'approved')`.execute(db);

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('community_path', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('capacity', 'integer', (c) => c.notNull())
    /** Approved, not-left claims; approvals race on holders < capacity. */
    .addColumn('holders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('archived_at', ts)
    .execute();
  await db.schema
    .createIndex('posts_community_idx')
    .on('posts')
    .columns(['community_id', 'sort_order'])
    .execute();
  // The ten defaults are created lazily; two first readers at once make them once.
  await sql`create unique index posts_code_uq on posts (community_id, code) where code is not null`.execute(
    db,
  );

  await db.schema
    .createTable('post_claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('community_path', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reason', 'text')
    .addColumn('claimed_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts)
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('left_at', ts)
    .execute();
  await db.schema
    .createIndex('post_claims_community_idx')
    .on('post_claims')
    .columns(['community_id', 'status', 'id'])
    .execute();
  await db.schema.createIndex('post_claims_user_idx').on('post_claims').columns(['user_id', 'id']).execute();
  await db.schema
    .createIndex('post_claims_post_idx')
    .on('post_claims')
    .columns(['post_id', 'status'])
    .execute();
  await pathIndex('post_claims_path_idx', 'post_claims', ['community_path', 'status']);
  await sql`create unique index post_claims_open_uq on post_claims (post_id, user_id)
    where status in ('pending', 'approved')`.execute(db);

  await db.schema
    .createTable('post_service_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('claim_id', 'text', (c) => c.notNull().references('post_claims.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('hours', real, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('post_service_logs_claim_idx')
    .on('post_service_logs')
    .columns(['claim_id', 'at'])
    .execute();
  await db.schema
    .createIndex('post_service_logs_user_idx')
    .on('post_service_logs')
    .columns(['user_id', 'at'])
    .execute();

  await db.schema
    .createTable('whistles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('place_path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('where_text', 'text')
    .addColumn('happens_at', ts, (c) => c.notNull())
    .addColumn('arrive_by', ts, (c) => c.notNull())
    .addColumn('people_needed', 'integer', (c) => c.notNull())
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    /** JSON: { reportedMembers, partnerUnitIds, redButlerCompoundIds } */
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('need_id', 'text', (c) => c.references('needs.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('blown_by', 'text', (c) => c.references('users.id'))
    .addColumn('blown_at', ts, (c) => c.notNull())
    .addColumn('closed_at', ts)
    .addColumn('closed_note', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('whistles_community_idx')
    .on('whistles')
    .columns(['community_id', 'status', 'id'])
    .execute();
  await db.schema.createIndex('whistles_need_idx').on('whistles').column('need_id').execute();

  await db.schema
    .createTable('whistle_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('whistle_id', 'text', (c) => c.notNull().references('whistles.id'))
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('place_path', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('partner_unit_id', 'text', (c) => c.references('partner_units.id'))
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('answered_at', ts)
    .addColumn('note', 'text')
    .addColumn('arrived_at', ts)
    .addColumn('minutes_to_arrive', 'integer')
    .addColumn('done_at', ts)
    .addColumn('done_note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('whistle_calls_whistle_user_uq', ['whistle_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('whistle_calls_user_idx')
    .on('whistle_calls')
    .columns(['user_id', 'whistle_id'])
    .execute();
  await pathIndex('whistle_calls_path_idx', 'whistle_calls', ['place_path', 'answer']);
  await pathIndex('whistle_calls_arrival_idx', 'whistle_calls', ['place_path', 'minutes_to_arrive']);

  await db.schema
    .createTable('small_matters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('place_path', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('where_text', 'text')
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('on_wall', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts)
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('small_matters_community_idx')
    .on('small_matters')
    .columns(['community_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('small_matters_wall_idx')
    .on('small_matters')
    .columns(['community_id', 'on_wall', 'id'])
    .execute();
  await db.schema
    .createIndex('small_matters_user_idx')
    .on('small_matters')
    .columns(['user_id', 'id'])
    .execute();
  await pathIndex('small_matters_path_idx', 'small_matters', ['place_path', 'status']);

  await db.schema
    .createTable('small_matter_photos')
    .addColumn('small_matter_id', 'text', (c) => c.notNull().references('small_matters.id'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('need_photos.id'))
    /** before | after */
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('small_matter_photos_pk', ['small_matter_id', 'photo_id'])
    .addUniqueConstraint('small_matter_photos_photo_uq', ['photo_id'])
    .execute();

  // Needs solved under a place: a prefix match on the need's path (the needs migration's plain
  // index serves equality only on PostgreSQL).
  if (pg)
    await sql`create index needs_path_status_idx on needs (place_path text_pattern_ops, status)`.execute(db);
  else
    await db.schema
      .createIndex('needs_path_status_idx')
      .on('needs')
      .columns(['place_path', 'status'])
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('needs_path_status_idx').ifExists().execute();
  for (const t of [
    'small_matter_photos',
    'small_matters',
    'whistle_calls',
    'whistles',
    'post_service_logs',
    'post_claims',
    'posts',
    'member_reports',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
