import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, PlaceRow } from '../../db/schema.js';

// Open311's tables (open311_keys, open311_requests) and its read-only views of needs, their
// timeline and the places tree. What leaves through Open311 is chosen here: the columns a request
// record may show, plus the private ones (resident and submitter names, phones, e-mails) that the
// service uses only to scrub them out of free text.

type Q = Kysely<Database>;

// Keys ---------------------------------------------------------------------------------------------

export interface KeyRow {
  id: string;
  name: string;
  district_id: string | null;
  place_id: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const KEY_COLUMNS = [
  'open311_keys.id',
  'open311_keys.name',
  'open311_keys.district_id',
  'open311_keys.place_id',
  'open311_keys.created_at',
  'open311_keys.last_used_at',
  'open311_keys.revoked_at',
] as const;

export async function insertKey(
  db: Q,
  row: {
    id: string;
    name: string;
    keyHash: string;
    districtId: string;
    placeId: string | null;
    by: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('open311_keys')
    .values({
      id: row.id,
      name: row.name,
      key_hash: row.keyHash,
      district_id: row.districtId,
      place_id: row.placeId,
      created_by: row.by,
      created_at: row.at,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

export function findKey(db: Q, id: string): Promise<KeyRow | undefined> {
  return db.selectFrom('open311_keys').select(KEY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findKeyByHash(db: Q, keyHash: string): Promise<KeyRow | undefined> {
  return db.selectFrom('open311_keys').select(KEY_COLUMNS).where('key_hash', '=', keyHash).executeTakeFirst();
}

/** Keys issued at the place or inside it; at a district, also the district's keys made with the CLI. */
export function listKeysAt(db: Q, place: Pick<PlaceRow, 'id' | 'path' | 'kind'>): Promise<KeyRow[]> {
  return db
    .selectFrom('open311_keys')
    .leftJoin('places', 'places.id', 'open311_keys.place_id')
    .select(KEY_COLUMNS)
    .where((eb) =>
      place.kind === 'district'
        ? eb.or([
            eb('places.path', 'like', `${place.path}%`),
            eb.and([eb('open311_keys.place_id', 'is', null), eb('open311_keys.district_id', '=', place.id)]),
          ])
        : eb('places.path', 'like', `${place.path}%`),
    )
    .orderBy('open311_keys.created_at', 'desc')
    .orderBy('open311_keys.id', 'desc')
    .execute();
}

export async function touchKey(db: Q, id: string, at: string): Promise<void> {
  await db.updateTable('open311_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function revokeKey(db: Q, id: string, at: string): Promise<void> {
  await db
    .updateTable('open311_keys')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

// Jurisdictions, categories, places ------------------------------------------------------------------

export function listDistricts(db: Q): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('places')
    .select(['id', 'name'])
    .where('kind', '=', 'district')
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();
}

export type SpotRow = Pick<PlaceRow, 'id' | 'name' | 'path' | 'kind' | 'parent_id'>;

/** Compounds and buildings of a district that are in use, for matching an address_string. */
export function listSpots(db: Q, districtId: string): Promise<SpotRow[]> {
  return db
    .selectFrom('places')
    .select(['id', 'name', 'path', 'kind', 'parent_id'])
    .where('path', 'like', `/${districtId}/%`)
    .where('kind', 'in', ['compound', 'building'])
    .where('archived_at', 'is', null)
    .execute();
}

// Needs as request records -------------------------------------------------------------------------

function selectRequests(db: Q) {
  return db
    .selectFrom('needs')
    .innerJoin('places as community', 'community.id', 'needs.community_id')
    .leftJoin('places as building', 'building.id', 'needs.building_id')
    .leftJoin('places as compound', 'compound.id', 'needs.compound_id')
    .leftJoin('open311_requests', 'open311_requests.need_id', 'needs.id')
    .leftJoin('users as resident', 'resident.id', 'needs.resident_user_id')
    .leftJoin('people as person', 'person.id', 'needs.resident_person_id')
    .select([
      'needs.id',
      'needs.category',
      'needs.description',
      'needs.status',
      'needs.created_at',
      'needs.updated_at',
      'needs.lat',
      'needs.long',
      'needs.building_id',
      'needs.compound_id',
      'community.name as community_name',
      'building.name as building_name',
      'compound.name as compound_name',
      'open311_requests.media_url',
      // Private: only for scrubbing free text, never copied into a record.
      'needs.contact_name as private_contact_name',
      'needs.contact_phone as private_contact_phone',
      'needs.contact_email as private_contact_email',
      'resident.display_name as private_resident_name',
      'resident.phone as private_resident_phone',
      'person.name as private_person_name',
    ]);
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['execute']>>[number];

export interface RequestFilter {
  districtId: string;
  ids?: string[];
  categories?: string[];
  statuses?: string[];
  from?: string;
  to?: string;
}

/**
 * Open311 output is public, so it carries only needs that are public by nature: those posted through
 * Open311, and needs about a shared spot (a building or compound, not a flat) outside the personal
 * categories. A resident's health or family matter never leaves the platform this way.
 */
const PERSONAL_CATEGORIES = ['health', 'neighbour_dispute', 'elderly_help'];
function isPublicNeed(eb: ExpressionBuilder<Database, 'needs'>) {
  return eb.or([
    eb('needs.source', '=', 'open311'),
    eb.and([eb('needs.household_id', 'is', null), eb('needs.category', 'not in', PERSONAL_CATEGORIES)]),
  ]);
}

/** Public needs of a district, newest first; `ids` (service_request_id) overrides the other filters. */
export function listRequests(db: Q, f: RequestFilter, limit: number, offset: number): Promise<RequestRow[]> {
  let q = selectRequests(db).where('needs.district_id', '=', f.districtId).where(isPublicNeed);
  if (f.ids) {
    q = q.where('needs.id', 'in', f.ids);
  } else {
    if (f.categories) q = q.where('needs.category', 'in', f.categories);
    if (f.statuses) q = q.where('needs.status', 'in', f.statuses);
    if (f.from) q = q.where('needs.created_at', '>=', f.from);
    if (f.to) q = q.where('needs.created_at', '<=', f.to);
  }
  return q
    .orderBy('needs.created_at', 'desc')
    .orderBy('needs.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Timeline kinds and times of these needs, newest first per need. */
export function eventsOfNeeds(
  db: Q,
  needIds: readonly string[],
  kinds?: readonly string[],
): Promise<{ need_id: string; kind: string; at: string; id: string }[]> {
  if (needIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('need_events')
    .select(['need_id', 'kind', 'at', 'id'])
    .where('need_id', 'in', [...needIds]);
  if (kinds) q = q.where('kind', 'in', [...kinds]);
  return q.orderBy('need_id').orderBy('at', 'desc').orderBy('id', 'desc').execute();
}

/** Timeline events of a district's needs in a time range, oldest first (FixMyStreet's updates). */
export function eventsBetween(
  db: Q,
  districtId: string,
  from: string,
  to: string,
  excludeKinds: readonly string[],
  limit: number,
): Promise<{ id: string; need_id: string; kind: string; at: string }[]> {
  return db
    .selectFrom('need_events')
    .innerJoin('needs', 'needs.id', 'need_events.need_id')
    .select(['need_events.id', 'need_events.need_id', 'need_events.kind', 'need_events.at'])
    .where('needs.district_id', '=', districtId)
    .where(isPublicNeed)
    .where('need_events.at', '>=', from)
    .where('need_events.at', '<=', to)
    .where('need_events.kind', 'not in', [...excludeKinds])
    .orderBy('need_events.at')
    .orderBy('need_events.id')
    .limit(limit)
    .execute();
}

/** Needs of a district located within a box around a point, for placing a request sent with lat/long only. */
export function locatedNeedsNear(
  db: Q,
  districtId: string,
  box: { minLat: number; maxLat: number; minLong: number; maxLong: number },
): Promise<
  { lat: number | null; long: number | null; building_id: string | null; compound_id: string | null }[]
> {
  return db
    .selectFrom('needs')
    .select(['lat', 'long', 'building_id', 'compound_id'])
    .where('district_id', '=', districtId)
    .where('lat', '>=', box.minLat)
    .where('lat', '<=', box.maxLat)
    .where('long', '>=', box.minLong)
    .where('long', '<=', box.maxLong)
    .limit(200)
    .execute();
}

// What Open311 keeps beside a need -------------------------------------------------------------------

export async function insertOpen311Request(
  db: Q,
  row: {
    needId: string;
    keyId: string;
    districtId: string;
    mediaUrl: string | null;
    accountId: string | null;
    deviceId: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('open311_requests')
    .values({
      need_id: row.needId,
      key_id: row.keyId,
      district_id: row.districtId,
      media_url: row.mediaUrl,
      account_id: row.accountId,
      device_id: row.deviceId,
      created_at: row.at,
    })
    .execute();
}

export async function setNeedLocation(db: Q, needId: string, lat: number, long: number): Promise<void> {
  await db.updateTable('needs').set({ lat, long }).where('id', '=', needId).execute();
}

export function findOpen311Request(
  db: Q,
  needId: string,
  districtId: string,
): Promise<{ need_id: string } | undefined> {
  return db
    .selectFrom('open311_requests')
    .select('need_id')
    .where('need_id', '=', needId)
    .where('district_id', '=', districtId)
    .executeTakeFirst();
}
