import { type ExpressionBuilder, type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import {
  type NeedAudience,
  type NeedStatus,
  type NeedUrgency,
  OPEN_STATUSES,
} from '../../../domain/needs.js';
import { insertRowSets, insertRows } from '../../db/insert-rows.js';
import { cachedRow } from '../../db/row-cache.js';
import { QueryShapes } from '../../db/query-shapes.js';
import type { Database, NeedsTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { PgNotify } from '../../lib/bus.js';
import type { JobRow } from '../../lib/jobs.js';
import type { NotificationRow } from '../notifications/notifications.repository.js';

// The needs tables (needs, need_events, need_photos, need_supporters) for posting and reading. The
// serving steps (claims, logs, follow-ups) have their own repository (serving.*).

type Q = Kysely<Database>;
export type NeedRow = Selectable<NeedsTable>;
export type NeedSource = 'app' | 'staff' | 'open311';

/** A need as the services see it: the row in camelCase, with its enums typed. */
export interface Need {
  id: string;
  districtId: string;
  communityId: string;
  placeId: string;
  placePath: string;
  compoundId: string | null;
  buildingId: string | null;
  householdId: string | null;
  category: string;
  description: string;
  urgency: NeedUrgency;
  quantity: number | null;
  quantityUnit: string | null;
  status: NeedStatus;
  audience: NeedAudience;
  residentUserId: string | null;
  residentPersonId: string | null;
  postedBy: string | null;
  source: NeedSource;
  helpersNeeded: number;
  helpersClaimed: number;
  convenedAt: string | null;
  partnerUnitId: string | null;
  escalationLevel: number;
  escalatedAt: string | null;
  rating: number | null;
  thanks: string | null;
  reopenCount: number;
  lat: number | null;
  long: number | null;
  /** Private contact of an Open311 submitter: never in public output. */
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  createdAt: string;
  updatedAt: string;
  claimedAt: string | null;
  doneAt: string | null;
  confirmedAt: string | null;
  cancelledAt: string | null;
}

export function needOf(r: NeedRow): Need {
  return {
    ...listedOf(r),
    districtId: r.district_id,
    placeId: r.place_id,
    compoundId: r.compound_id,
    buildingId: r.building_id,
    residentPersonId: r.resident_person_id,
    postedBy: r.posted_by,
    source: r.source as NeedSource,
    convenedAt: r.convened_at,
    escalatedAt: r.escalated_at,
    rating: r.rating,
    thanks: r.thanks,
    reopenCount: Number(r.reopen_count),
    lat: r.lat,
    long: r.long,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    claimedAt: r.claimed_at,
    doneAt: r.done_at,
    confirmedAt: r.confirmed_at,
    cancelledAt: r.cancelled_at,
  };
}

/** One need by id, or undefined. */
export async function findNeed(db: Q, id: string): Promise<Need | undefined> {
  const row = await db.selectFrom('needs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && needOf(row);
}

export async function findNeedsByIds(db: Q, ids: readonly string[]): Promise<Need[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('needs')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(needOf);
}

export type NewNeedRow = Omit<
  NeedRow,
  'helpers_needed' | 'helpers_claimed' | 'escalation_level' | 'reopen_count'
> & { helpers_needed?: number };

/**
 * Insert needs posted together, their `posted` events and what follows from them (notifications,
 * jobs, the NOTIFY announcing the notifications), in one statement on PostgreSQL
 * (db/insert-rows.ts). Returns the needs as stored: every column is written (the counters start as
 * the migration's defaults do), so nothing is read back.
 */
export async function insertPostedNeeds(
  db: Q,
  writes: {
    needs: readonly NewNeedRow[];
    events: readonly NeedEventInput[];
    notifications: readonly NotificationRow[];
    jobs: readonly JobRow[];
    notify?: PgNotify;
  },
): Promise<Need[]> {
  const needs: NeedRow[] = writes.needs.map((r) => ({
    helpers_needed: 1,
    helpers_claimed: 0,
    escalation_level: 0,
    reopen_count: 0,
    ...r,
  }));
  await insertRowSets(
    db,
    [
      { table: 'needs', rows: needs },
      { table: 'need_events', rows: writes.events.map(needEventRow) },
      { table: 'notifications', rows: writes.notifications },
      { table: 'jobs', rows: writes.jobs },
    ],
    writes.notify,
  );
  return needs.map(needOf);
}

export interface NeedEventInput {
  needId: string;
  communityId: string;
  at: string;
  actorId: string | null;
  /** A kind from contracts NEED_EVENT_KINDS. */
  kind: string;
  params?: Record<string, string | number | null> | null;
}

/** Put one step on a need's timeline. Returns the event id. */
export async function recordNeedEvent(db: Q, e: NeedEventInput): Promise<string> {
  return (await recordNeedEvents(db, [e]))[0]!;
}

/** Put steps on needs' timelines in one statement. Returns the event ids, in order. */
export async function recordNeedEvents(db: Q, events: readonly NeedEventInput[]): Promise<string[]> {
  const rows = events.map(needEventRow);
  await insertRows(db, 'need_events', rows);
  return rows.map((r) => r.id);
}

function needEventRow(e: NeedEventInput) {
  return {
    id: newId(Date.parse(e.at)),
    need_id: e.needId,
    community_id: e.communityId,
    at: e.at,
    actor_id: e.actorId,
    kind: e.kind,
    params: e.params && Object.keys(e.params).length > 0 ? JSON.stringify(e.params) : null,
  };
}

export function listNeedEvents(db: Q, needId: string) {
  return db
    .selectFrom('need_events')
    .leftJoin('users', 'users.id', 'need_events.actor_id')
    .select([
      'need_events.id',
      'need_events.at',
      'need_events.kind',
      'need_events.params',
      'need_events.actor_id',
      'users.display_name as actor_name',
    ])
    .where('need_events.need_id', '=', needId)
    .orderBy('need_events.at')
    .orderBy('need_events.id')
    .execute();
}

// Photos -----------------------------------------------------------------------------------------

export async function insertPhoto(
  db: Q,
  row: { id: string; uploadedBy: string; contentType: string; data: Buffer; at: string },
): Promise<void> {
  await db
    .insertInto('need_photos')
    .values({
      id: row.id,
      need_id: null,
      log_id: null,
      community_id: null,
      uploaded_by: row.uploadedBy,
      content_type: row.contentType,
      size: row.data.length,
      data: row.data,
      created_at: row.at,
    })
    .execute();
}

export interface PhotoMeta {
  id: string;
  needId: string | null;
  logId: string | null;
  uploadedBy: string;
  contentType: string;
  size: number;
  createdAt: string;
}

const PHOTO_META = ['id', 'need_id', 'log_id', 'uploaded_by', 'content_type', 'size', 'created_at'] as const;

function photoMetaOf(r: {
  id: string;
  need_id: string | null;
  log_id: string | null;
  uploaded_by: string;
  content_type: string;
  size: number;
  created_at: string;
}): PhotoMeta {
  return {
    id: r.id,
    needId: r.need_id,
    logId: r.log_id,
    uploadedBy: r.uploaded_by,
    contentType: r.content_type,
    size: Number(r.size),
    createdAt: r.created_at,
  };
}

export async function findPhotoMeta(db: Q, id: string): Promise<PhotoMeta | undefined> {
  const row = await db.selectFrom('need_photos').select(PHOTO_META).where('id', '=', id).executeTakeFirst();
  return row && photoMetaOf(row);
}

export async function findPhotoData(db: Q, id: string): Promise<(PhotoMeta & { data: Buffer }) | undefined> {
  const row = await db
    .selectFrom('need_photos')
    .select([...PHOTO_META, 'data'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...photoMetaOf(row), data: Buffer.from(row.data) };
}

export async function findPhotosByIds(db: Q, ids: readonly string[]): Promise<PhotoMeta[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('need_photos')
    .select(PHOTO_META)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(photoMetaOf);
}

/** Photos of a need (attached when posting) and of its service logs, oldest first. */
export async function photosOfNeed(db: Q, needId: string): Promise<PhotoMeta[]> {
  const rows = await db
    .selectFrom('need_photos')
    .select(PHOTO_META)
    .where('need_id', '=', needId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(photoMetaOf);
}

/**
 * Attach the caller's unattached uploads to a need (and optionally a service log). Only rows still
 * unattached and uploaded by `uploadedBy` move; returns how many did.
 */
export async function attachPhotos(
  db: Q,
  ids: readonly string[],
  to: { needId: string; communityId: string; logId?: string | null; uploadedBy: string },
): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await db
    .updateTable('need_photos')
    .set({ need_id: to.needId, community_id: to.communityId, log_id: to.logId ?? null })
    .where('id', 'in', [...ids])
    .where('uploaded_by', '=', to.uploadedBy)
    .where('need_id', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// Supporters ("me too") ---------------------------------------------------------------------------

/** Add a supporter; false when the user already supports the need. */
export async function addSupporter(
  db: Q,
  row: { needId: string; userId: string; householdId: string | null; at: string },
): Promise<boolean> {
  const res = await db
    .insertInto('need_supporters')
    .values({ need_id: row.needId, user_id: row.userId, household_id: row.householdId, at: row.at })
    .onConflict((oc) => oc.columns(['need_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * What a list shows beside each need, in one round trip: how many said "me too", how many photos it
 * has (not the service logs'), and whether `userId` holds an active claim on it.
 */
export async function needFacets(
  db: Q,
  userId: string,
  needIds: readonly string[],
): Promise<{ supporters: Map<string, number>; photos: Map<string, number>; claimedByMe: Set<string> }> {
  const out = {
    supporters: new Map<string, number>(),
    photos: new Map<string, number>(),
    claimedByMe: new Set<string>(),
  };
  if (needIds.length === 0) return out;
  const ids = [...needIds];
  const rows = await db
    .selectFrom('need_photos')
    .select([sql<string>`'p'`.as('facet'), 'need_id', db.fn.countAll<number>().as('n')])
    .where('need_id', 'in', ids)
    .where('log_id', 'is', null)
    .groupBy('need_id')
    .unionAll(
      db
        .selectFrom('need_supporters')
        .select([sql<string>`'s'`.as('facet'), 'need_id', db.fn.countAll<number>().as('n')])
        .where('need_id', 'in', ids)
        .groupBy('need_id'),
    )
    .unionAll(
      db
        .selectFrom('need_claims')
        .select([sql<string>`'c'`.as('facet'), 'need_id', db.fn.countAll<number>().as('n')])
        .where('user_id', '=', userId)
        .where('withdrawn_at', 'is', null)
        .where('need_id', 'in', ids)
        .groupBy('need_id'),
    )
    .execute();
  for (const r of rows) {
    if (r.need_id === null) continue;
    if (r.facet === 's') out.supporters.set(r.need_id, Number(r.n));
    else if (r.facet === 'p') out.photos.set(r.need_id, Number(r.n));
    else out.claimedByMe.add(r.need_id);
  }
  return out;
}

export async function isSupporter(db: Q, needId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('need_supporters')
    .select('need_id')
    .where('need_id', '=', needId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

// Claims, logs and follow-ups, read for the detail -------------------------------------------------

export async function hasActiveClaim(db: Q, needId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('need_claims')
    .select('id')
    .where('need_id', '=', needId)
    .where('user_id', '=', userId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export function activeClaimsOf(db: Q, needId: string) {
  return db
    .selectFrom('need_claims')
    .innerJoin('users', 'users.id', 'need_claims.user_id')
    .select([
      'need_claims.id',
      'need_claims.user_id',
      'users.display_name as name',
      'need_claims.claimed_at',
      'need_claims.assigned_by',
    ])
    .where('need_claims.need_id', '=', needId)
    .where('need_claims.withdrawn_at', 'is', null)
    .orderBy('need_claims.claimed_at')
    .orderBy('need_claims.id')
    .execute();
}

export function serviceLogsOf(db: Q, needId: string) {
  return db
    .selectFrom('need_service_logs')
    .innerJoin('users', 'users.id', 'need_service_logs.user_id')
    .select([
      'need_service_logs.id',
      'need_service_logs.user_id',
      'users.display_name as name',
      'need_service_logs.at',
      'need_service_logs.note',
      'need_service_logs.hours',
      'need_service_logs.outside_helpers',
      'need_service_logs.items_handled',
    ])
    .where('need_service_logs.need_id', '=', needId)
    .orderBy('need_service_logs.at')
    .orderBy('need_service_logs.id')
    .execute();
}

export function followUpsOf(db: Q, needId: string) {
  return db
    .selectFrom('need_follow_ups')
    .innerJoin('users', 'users.id', 'need_follow_ups.assignee_id')
    .select([
      'need_follow_ups.id',
      'need_follow_ups.need_id',
      'need_follow_ups.assignee_id',
      'users.display_name as assignee_name',
      'need_follow_ups.due_at',
      'need_follow_ups.note',
      'need_follow_ups.created_at',
      'need_follow_ups.reminded_at',
      'need_follow_ups.done_at',
      'need_follow_ups.outcome',
    ])
    .where('need_follow_ups.need_id', '=', needId)
    .orderBy('need_follow_ups.due_at')
    .orderBy('need_follow_ups.id')
    .execute();
}

// People, users, partner units -------------------------------------------------------------------

export function findPerson(db: Q, id: string) {
  return db
    .selectFrom('people')
    .select(['id', 'community_id', 'name', 'phone', 'household_id', 'user_id', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The person record behind an account in a community (for the resident's name and phone). */
export function personOfUser(db: Q, userId: string, communityId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'name', 'phone', 'household_id'])
    .where('user_id', '=', userId)
    .where('community_id', '=', communityId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

export function findUsersByIds(db: Q, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'phone'])
    .where('id', 'in', [...ids])
    .execute();
}

/** The accounts bound to a household (resident or resident party member): her household. */
export async function householdUserIds(db: Q, householdId: string | null): Promise<string[]> {
  if (householdId === null) return [];
  const rows = await db
    .selectFrom('grants')
    .select('user_id')
    .where('place_id', '=', householdId)
    .where('role', 'in', ['resident', 'party_member'])
    .execute();
  return rows.map((r) => r.user_id);
}

export async function partnerUnitNames(db: Q, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('partner_units')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// Settings ---------------------------------------------------------------------------------------

export async function findDistrictSetting(
  db: Q,
  districtId: string,
  key: string,
): Promise<{ value: string; updatedAt: string } | undefined> {
  // Kept as a copy (server/db/row-cache.ts), also when there is none: null.
  const setting = await cachedRow(db, 'settings', `${districtId}/${key}`, async () => {
    const row = await db
      .selectFrom('district_settings')
      .select(['value', 'updated_at'])
      .where('district_id', '=', districtId)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? { value: row.value, updatedAt: row.updated_at } : null;
  });
  return setting ?? undefined;
}

export async function saveDistrictSetting(
  db: Q,
  row: { districtId: string; key: string; value: string; by: string; at: string },
): Promise<void> {
  await db
    .insertInto('district_settings')
    .values({
      district_id: row.districtId,
      key: row.key,
      value: row.value,
      updated_at: row.at,
      updated_by: row.by,
    })
    .onConflict((oc) =>
      oc
        .columns(['district_id', 'key'])
        .doUpdateSet({ value: row.value, updated_at: row.at, updated_by: row.by }),
    )
    .execute();
}

// Lists: index-backed keyset pages ------------------------------------------------------------------

/** Where a page starts: strictly older than this (created_at, id). */
export interface NeedKey {
  createdAt: string;
  id: string;
}

export async function keyOfNeed(db: Q, id: string): Promise<NeedKey | undefined> {
  const row = await db
    .selectFrom('needs')
    .select(['id', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, createdAt: row.created_at };
}

/** One index-backed slice of needs: an indexed column equal to one value (plus filters). */
export interface NeedBranch {
  column:
    | 'building_id'
    | 'compound_id'
    | 'community_id'
    | 'household_id'
    | 'resident_user_id'
    | 'district_id'
    | 'partner_unit_id';
  value: string;
  /** Only needs at this audience (with column, an index range of its own). */
  audience?: string;
  /** Only needs without a building: spots of a compound (a partial index). */
  spots?: boolean;
  /** Only needs whose place lies under this path. */
  pathPrefix?: string;
}

export interface NeedFilters {
  statuses?: readonly string[];
  category?: string;
  urgency?: string;
  escalated?: boolean;
  /** Overdue: unclaimed and posted at or before these instants (null: that urgency is never overdue). */
  overdue?: { value: boolean; urgentBefore: string | null; normalBefore: string | null };
}

function overdueCondition(
  eb: ExpressionBuilder<Database, 'needs'>,
  o: { urgentBefore: string | null; normalBefore: string | null },
) {
  const parts = [];
  if (o.urgentBefore !== null) {
    parts.push(eb.and([eb('needs.urgency', '=', 'urgent'), eb('needs.created_at', '<=', o.urgentBefore)]));
  }
  if (o.normalBefore !== null) {
    parts.push(eb.and([eb('needs.urgency', '=', 'normal'), eb('needs.created_at', '<=', o.normalBefore)]));
  }
  return eb.and([
    eb('needs.status', 'in', ['posted', 'convened']),
    parts.length > 0 ? eb.or(parts) : eb.lit(false),
  ]);
}

/**
 * The open statuses as the partial indexes of migration 20261130T1400 spell them: a query that
 * names them with this same literal list may use those indexes (a bound parameter would not prove it).
 */
const OPEN_NEEDS = sql<boolean>`needs.status in ('posted', 'convened', 'claimed', 'in_service')`;

const sameStatuses = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((s) => b.includes(s));

function applyFilters<O>(q: SelectQueryBuilder<Database, 'needs', O>, f: NeedFilters) {
  let out = q;
  if (f.statuses && sameStatuses(f.statuses, OPEN_STATUSES)) out = out.where(OPEN_NEEDS);
  else if (f.statuses && f.statuses.length > 0) out = out.where('needs.status', 'in', [...f.statuses]);
  if (f.category !== undefined) out = out.where('needs.category', '=', f.category);
  if (f.urgency !== undefined) out = out.where('needs.urgency', '=', f.urgency);
  if (f.escalated !== undefined) out = out.where('needs.escalation_level', f.escalated ? '>' : '=', 0);
  if (f.overdue !== undefined) {
    const o = f.overdue;
    out = out.where((eb) => (o.value ? overdueCondition(eb, o) : eb.not(overdueCondition(eb, o))));
  }
  return out;
}

function afterKey<O>(q: SelectQueryBuilder<Database, 'needs', O>, key: NeedKey | undefined) {
  if (!key) return q;
  return q
    .where('needs.created_at', '<=', key.createdAt)
    .where((eb) =>
      eb.or([
        eb('needs.created_at', '<', key.createdAt),
        eb.and([eb('needs.created_at', '=', key.createdAt), eb('needs.id', '<', key.id)]),
      ]),
    );
}

interface ListOptions {
  key?: NeedKey | undefined;
  take: number;
  filters?: NeedFilters;
  /** Also read each need's facets for this user, in the same statement (see withFacets). */
  viewer?: string | undefined;
}

/** What a list shows of a need besides its row. */
export interface NeedFacets {
  /** Photos of the need itself (not of its service logs). */
  photos: number;
  /** Neighbours who said "me too". */
  supporters: number;
  /** Whether the viewer holds an active claim on it. */
  claimedByMe: boolean;
}

/**
 * The columns a list reads of each need: what its summary shows and what deciding the summary takes
 * (who sees the flat, whether it is overdue). Not the contact details, coordinates or rating: a page
 * of whole rows took SQLite three times as long to hand over, and `pg` as long to parse.
 */
const LISTED_COLUMNS = [
  'needs.id',
  'needs.community_id',
  'needs.place_path',
  'needs.household_id',
  'needs.resident_user_id',
  'needs.category',
  'needs.description',
  'needs.urgency',
  'needs.quantity',
  'needs.quantity_unit',
  'needs.status',
  'needs.audience',
  'needs.helpers_needed',
  'needs.helpers_claimed',
  'needs.partner_unit_id',
  'needs.escalation_level',
  'needs.created_at',
  'needs.updated_at',
] as const;

type ListedRow = Pick<NeedRow, (typeof LISTED_COLUMNS)[number] extends `needs.${infer C}` ? C : never>;

/** A need of a list (LISTED_COLUMNS); `facets` when the list was read for a viewer. */
export type ListedNeed = Pick<
  Need,
  | 'id'
  | 'communityId'
  | 'placePath'
  | 'householdId'
  | 'residentUserId'
  | 'category'
  | 'description'
  | 'urgency'
  | 'quantity'
  | 'quantityUnit'
  | 'status'
  | 'audience'
  | 'helpersNeeded'
  | 'helpersClaimed'
  | 'partnerUnitId'
  | 'escalationLevel'
  | 'createdAt'
  | 'updatedAt'
> & { facets?: NeedFacets };

interface FacetColumns {
  facet_photos?: number | string | null;
  facet_supporters?: number | string | null;
  facet_claimed?: number | string | null;
}

/**
 * The need's facets as three counted subqueries on their (need_id, …) indexes, so a page of a list
 * is one round trip and not two (needFacets answers the same for needs read otherwise).
 */
function withFacets<O>(q: SelectQueryBuilder<Database, 'needs', O>, viewer: string | undefined) {
  if (viewer === undefined) return q as SelectQueryBuilder<Database, 'needs', O & FacetColumns>;
  return q.select((eb) => [
    eb
      .selectFrom('need_photos')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('need_photos.need_id', '=', 'needs.id')
      .where('need_photos.log_id', 'is', null)
      .as('facet_photos'),
    eb
      .selectFrom('need_supporters')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('need_supporters.need_id', '=', 'needs.id')
      .as('facet_supporters'),
    eb
      .selectFrom('need_claims')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('need_claims.need_id', '=', 'needs.id')
      .where('need_claims.user_id', '=', viewer)
      .where('need_claims.withdrawn_at', 'is', null)
      .as('facet_claimed'),
  ]) as SelectQueryBuilder<Database, 'needs', O & FacetColumns>;
}

/** What a list shows of a need (LISTED_COLUMNS); needOf adds the rest. */
function listedOf(r: ListedRow): ListedNeed {
  return {
    id: r.id,
    communityId: r.community_id,
    placePath: r.place_path,
    householdId: r.household_id,
    residentUserId: r.resident_user_id,
    category: r.category,
    description: r.description,
    urgency: r.urgency as NeedUrgency,
    quantity: r.quantity,
    quantityUnit: r.quantity_unit,
    status: r.status as NeedStatus,
    audience: r.audience as NeedAudience,
    helpersNeeded: Number(r.helpers_needed),
    helpersClaimed: Number(r.helpers_claimed),
    partnerUnitId: r.partner_unit_id,
    escalationLevel: Number(r.escalation_level),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function listed(rows: (ListedRow & FacetColumns)[]): ListedNeed[] {
  return rows.map((r) => {
    const need = listedOf(r);
    if (r.facet_photos !== undefined) {
      need.facets = {
        photos: Number(r.facet_photos ?? 0),
        supporters: Number(r.facet_supporters ?? 0),
        claimedByMe: Number(r.facet_claimed ?? 0) > 0,
      };
    }
    return need;
  });
}

const newestFirst = (a: ListedRow, b: ListedRow) =>
  a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/** The list queries' compiled statements, by shape (listNeedBranches). */
const shapes = new QueryShapes();

/**
 * Needs of several branches, newest first, at most `take` of them after `key`. Each branch is a
 * subquery on its (column, created_at, id) index with a LIMIT. With several branches, they give only
 * ids (read from the index alone), a UNION merges them and keeps the newest `take`, and only those
 * rows are read: one round trip that reads `take` rows, not `take` per branch.
 *
 * `take` (a whole number the caller computed) is written into the SQL, not bound: with a bound
 * LIMIT, PostgreSQL's generic plan of a prepared statement assumes a tenth of the rows and looks
 * dearer than a custom one, so it planned the UNION afresh on every execution (2.4 ms of planning
 * for 0.3 ms of work, "needs around me" on 200,000 needs); with the number in the text it keeps
 * the generic plan.
 */
export async function listNeedBranches(
  db: Q,
  branches: readonly NeedBranch[],
  opts: ListOptions,
): Promise<ListedNeed[]> {
  if (branches.length === 0) return [];
  // Built once per shape (which columns, audiences, filters, cursor, page size), with stand-ins for
  // the values: see QueryShapes.
  const { value, list } = shapes.values();
  const f = opts.filters ?? {};
  const shaped: { branches: NeedBranch[]; opts: ListOptions } = {
    branches: branches.map((b) => ({
      column: b.column,
      value: value(b.value),
      ...(b.audience !== undefined ? { audience: value(b.audience) } : {}),
      ...(b.spots ? { spots: true } : {}),
      ...(b.pathPrefix !== undefined ? { pathPrefix: value(b.pathPrefix) } : {}),
    })),
    opts: {
      take: opts.take,
      ...(opts.key ? { key: { createdAt: value(opts.key.createdAt), id: value(opts.key.id) } } : {}),
      ...(opts.viewer !== undefined ? { viewer: value(opts.viewer) } : {}),
      filters: {
        ...(f.statuses ? { statuses: f.statuses } : {}),
        ...(f.category !== undefined ? { category: value(f.category) } : {}),
        ...(f.urgency !== undefined ? { urgency: value(f.urgency) } : {}),
        ...(f.escalated !== undefined ? { escalated: f.escalated } : {}),
        ...(f.overdue
          ? {
              overdue: {
                value: f.overdue.value,
                urgentBefore: f.overdue.urgentBefore === null ? null : value(f.overdue.urgentBefore),
                normalBefore: f.overdue.normalBefore === null ? null : value(f.overdue.normalBefore),
              },
            }
          : {}),
      },
    },
  };
  const query = shapes.compile(db, JSON.stringify(shaped), list, () =>
    branchesQuery(db, shaped.branches, shaped.opts),
  );
  const rows = (await db.executeQuery(query)).rows;
  return listed(branches.length === 1 ? rows : rows.sort(newestFirst));
}

/** The newest `take` needs of the branches: one index range each, merged (listNeedBranches). */
function branchesQuery(db: Q, branches: readonly NeedBranch[], opts: ListOptions) {
  const parts = branches.map((b) => {
    let q = db.selectFrom('needs').where(`needs.${b.column}`, '=', b.value);
    if (b.audience !== undefined) q = q.where('needs.audience', '=', b.audience);
    if (b.spots) q = q.where('needs.building_id', 'is', null);
    if (b.pathPrefix !== undefined) q = q.where('needs.place_path', 'like', `${b.pathPrefix}%`);
    q = applyFilters(q, opts.filters ?? {});
    q = afterKey(q, opts.key);
    return q.orderBy('needs.created_at', 'desc').orderBy('needs.id', 'desc').limit(sql.lit(opts.take));
  });
  const [only, ...more] = parts;
  if (more.length === 0) return withFacets(only!.select(LISTED_COLUMNS), opts.viewer);
  const [first, ...rest] = parts.map((q, i) =>
    db.selectFrom(q.select(['needs.id', 'needs.created_at']).as(`b${i}`)).selectAll(),
  );
  const newest = db
    .selectFrom(rest.reduce((u, q) => u.union(q), first!).as('u'))
    .select('u.id')
    .orderBy('u.created_at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(sql.lit(opts.take));
  return withFacets(
    db.selectFrom('needs').select(LISTED_COLUMNS).where('needs.id', 'in', newest),
    opts.viewer,
  );
}

/** Needs the user holds an active claim on, newest first (need_claims_user_idx). */
export async function listClaimedNeeds(db: Q, userId: string, opts: ListOptions): Promise<ListedNeed[]> {
  let q = db
    .selectFrom('needs')
    .innerJoin('need_claims', 'need_claims.need_id', 'needs.id')
    .select(LISTED_COLUMNS)
    .where('need_claims.user_id', '=', userId)
    .where('need_claims.withdrawn_at', 'is', null);
  q = applyFilters(q, opts.filters ?? {});
  q = afterKey(q, opts.key);
  const rows = await withFacets(
    q.orderBy('needs.created_at', 'desc').orderBy('needs.id', 'desc').limit(sql.lit(opts.take)),
    opts.viewer,
  ).execute();
  return listed(rows);
}

export interface NeedCountRow {
  status: string;
  category: string;
  urgency: string;
  escalated: number;
  overdue: number;
  n: number;
}

/** Counts by status, category, urgency, escalated and overdue over branches (one grouped query each). */
export async function countNeedBranches(
  db: Q,
  branches: readonly NeedBranch[],
  overdue: { urgentBefore: string | null; normalBefore: string | null },
): Promise<NeedCountRow[]> {
  const out: NeedCountRow[] = [];
  for (const b of branches) {
    let q = db.selectFrom('needs').where(`needs.${b.column}`, '=', b.value);
    if (b.pathPrefix !== undefined) q = q.where('needs.place_path', 'like', `${b.pathPrefix}%`);
    const rows = await q
      .select((eb) => [
        'needs.status',
        'needs.category',
        'needs.urgency',
        eb.case().when('needs.escalation_level', '>', 0).then(1).else(0).end().as('escalated'),
        eb.case().when(overdueCondition(eb, overdue)).then(1).else(0).end().as('overdue'),
        eb.fn.countAll<number>().as('n'),
      ])
      .groupBy(['needs.status', 'needs.category', 'needs.urgency', 'escalated', 'overdue'])
      .execute();
    for (const r of rows) {
      out.push({
        status: r.status,
        category: r.category,
        urgency: r.urgency,
        escalated: Number(r.escalated),
        overdue: Number(r.overdue),
        n: Number(r.n),
      });
    }
  }
  return out;
}

/** Open needs of a building or compound, newest first, for "similar needs" (bounded). */
export async function openNeedsNear(
  db: Q,
  where: { compoundId: string | null; buildingId: string | null },
  limit: number,
): Promise<ListedNeed[]> {
  const branches: NeedBranch[] = [];
  if (where.buildingId !== null) branches.push({ column: 'building_id', value: where.buildingId });
  if (where.compoundId !== null) branches.push({ column: 'compound_id', value: where.compoundId });
  return listNeedBranches(db, branches, {
    take: limit,
    filters: { statuses: ['posted', 'convened', 'claimed', 'in_service'] },
  });
}

/** Unattached uploads of a user since a time (to bound what one account can store). */
export async function countRecentUnattached(db: Q, userId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('need_photos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('uploaded_by', '=', userId)
    .where('created_at', '>=', since)
    .where('need_id', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
