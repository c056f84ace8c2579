import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  GeoPostBody,
  GeoRequest,
  GeoRequestUpdate,
  Open311Key,
} from '../../../domain/contracts/open311.js';
import { AppError } from '../../../domain/errors.js';
import { NEED_LIMITS, type NeedCategory, OPEN_STATUSES } from '../../../domain/needs.js';
import { isWithin } from '../../../domain/places.js';
import { maskName, maskPhone } from '../../../domain/privacy.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findPlace } from '../places/places.repository.js';
import { createNeed, needSettingsFor } from '../needs/needs.service.js';
import * as repo from './open311.repository.js';
import {
  ATTRIBUTE_WORDS,
  eventNote,
  type GeoLocale,
  INTERNAL_EVENT_KINDS,
  serviceNotice,
  serviceWords,
} from './open311.words.js';

type Q = Kysely<Database>;

/** Open311's answer to a request it cannot fulfil: an HTTP status and the spec's list of errors. */
export class GeoFailure extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly errors: { code: number; description: string }[],
  ) {
    super(errors.map((e) => e.description).join(' '));
  }
}

const fail = (status: 400 | 403 | 404, description: string) =>
  new GeoFailure(status, [{ code: status, description }]);

export const DAY_MS = 24 * 60 * 60 * 1000;
/** GeoReport v2: "a span of 90 days or first 1000 requests returned, whichever is smallest". */
export const DEFAULT_SPAN_DAYS = 90;
export const MAX_RECORDS = 1000;
const DESCRIPTION_MAX = 4000;

// Jurisdictions ------------------------------------------------------------------------------------

export interface Jurisdiction {
  id: string;
  name: string;
}

/** The district a call is about: the one named, or the only one; several and none named is a 400. */
export async function resolveJurisdiction(db: Q, jurisdictionId: string | undefined): Promise<Jurisdiction> {
  const districts = await repo.listDistricts(db);
  if (jurisdictionId !== undefined) {
    const found = districts.find((d) => d.id === jurisdictionId);
    if (!found) throw fail(404, `jurisdiction_id ${jurisdictionId} was not found.`);
    return found;
  }
  if (districts.length === 1) return districts[0]!;
  if (districts.length === 0) throw fail(404, 'This endpoint serves no jurisdiction yet.');
  throw fail(400, 'jurisdiction_id was not provided: this endpoint serves several districts.');
}

// Services -----------------------------------------------------------------------------------------

async function categoriesOf(db: Q, districtId: string): Promise<NeedCategory[]> {
  return (await needSettingsFor(db, `/${districtId}/`)).categories;
}

export async function listServices(db: Q, j: Jurisdiction, locale: GeoLocale) {
  return (await categoriesOf(db, j.id)).map((c) => {
    const w = serviceWords(c, locale);
    return {
      service_code: c.code,
      service_name: w.name,
      description: w.description,
      metadata: true,
      type: 'realtime' as const,
      keywords: w.keywords,
      group: w.group,
    };
  });
}

export async function serviceDefinition(db: Q, j: Jurisdiction, code: string, locale: GeoLocale) {
  const category = (await categoriesOf(db, j.id)).find((c) => c.code === code);
  if (!category) throw fail(404, `service_code ${code} was not found.`);
  const u = ATTRIBUTE_WORDS.urgency;
  const q = ATTRIBUTE_WORDS.quantity;
  return {
    service_code: category.code,
    attributes: [
      {
        variable: true,
        code: 'urgency',
        datatype: 'singlevaluelist' as const,
        required: false,
        datatype_description: null,
        order: 1,
        description: u.description[locale],
        values: [
          { key: 'normal', name: u.normal[locale] },
          { key: 'urgent', name: u.urgent[locale] },
        ],
      },
      {
        variable: true,
        code: 'quantity',
        datatype: 'number' as const,
        required: false,
        datatype_description: q.datatype[locale],
        order: 2,
        description: q.description[locale],
        values: [],
      },
    ],
  };
}

// Keys ---------------------------------------------------------------------------------------------

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function keyOf(r: repo.KeyRow): Open311Key {
  return {
    id: r.id,
    name: r.name,
    districtId: r.district_id ?? '',
    placeId: r.place_id,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

/**
 * Issue a key to a partner app for the district of `place` (null: a CLI key for `districtId`).
 * Only its sha256 is stored; the key itself is returned this once.
 */
export async function issueKey(
  trx: Q,
  input: {
    name: string;
    place: PlaceRow | null;
    districtId: string;
    by: string | null;
    ip: string | null;
    now: string;
  },
): Promise<Open311Key & { key: string }> {
  const key = `o311_${randomBytes(24).toString('base64url')}`;
  const id = newId(Date.parse(input.now));
  await repo.insertKey(trx, {
    id,
    name: input.name,
    keyHash: hashKey(key),
    districtId: input.districtId,
    placeId: input.place?.id ?? null,
    by: input.by,
    at: input.now,
  });
  const district = input.place ?? (await findPlace(trx, input.districtId)) ?? null;
  await recordAudit(trx, {
    actorId: input.by,
    action: 'create',
    entityType: 'open311_key',
    entityId: id,
    place: district,
    summary: `Issued Open311 key "${input.name}"`,
    params: { name: input.name },
    ip: input.ip,
    at: input.now,
  });
  const row = await repo.findKey(trx, id);
  return { ...keyOf(row!), key };
}

/**
 * The CLI's `open311-key`: a key for the district named, or for the only one. Answers what went
 * wrong in a sentence for the operator instead of throwing.
 */
export async function issueKeyFromCli(
  db: Q,
  input: { name: string; districtId?: string | undefined; now: string },
): Promise<
  { ok: true; key: Open311Key & { key: string }; districtName: string } | { ok: false; problem: string }
> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 80) return { ok: false, problem: '--name must be 1 to 80 characters' };
  const districts = await repo.listDistricts(db);
  const district =
    input.districtId !== undefined
      ? districts.find((d) => d.id === input.districtId)
      : districts.length === 1
        ? districts[0]
        : undefined;
  if (!district) {
    const known = districts.map((d) => `${d.id} (${d.name})`).join(', ') || 'none yet';
    return {
      ok: false,
      problem:
        input.districtId !== undefined
          ? `--district ${input.districtId} is not a district. Districts: ${known}`
          : `--district is needed when there is not exactly one district. Districts: ${known}`,
    };
  }
  const key = await db
    .transaction()
    .execute((trx) =>
      issueKey(trx, { name, place: null, districtId: district.id, by: null, ip: null, now: input.now }),
    );
  return { ok: true, key, districtName: district.name };
}

export async function listKeys(db: Q, place: PlaceRow): Promise<Open311Key[]> {
  return (await repo.listKeysAt(db, place)).map(keyOf);
}

/** The place a key is managed at: where it was issued, or its district for a CLI key. */
export async function keyScope(db: Q, id: string): Promise<string | undefined> {
  const key = await repo.findKey(db, id);
  return key ? (key.place_id ?? key.district_id ?? undefined) : undefined;
}

export async function revokeKey(
  trx: Q,
  input: { id: string; by: string; ip: string | null; now: string },
): Promise<Open311Key> {
  const key = await repo.findKey(trx, input.id);
  if (!key) throw new AppError('NOT_FOUND');
  await repo.revokeKey(trx, key.id, input.now);
  const place = await findPlace(trx, key.place_id ?? key.district_id ?? '');
  await recordAudit(trx, {
    actorId: input.by,
    action: 'revoke',
    entityType: 'open311_key',
    entityId: key.id,
    place: place ?? null,
    summary: `Revoked Open311 key "${key.name}"`,
    params: { name: key.name },
    ip: input.ip,
    at: input.now,
  });
  return keyOf((await repo.findKey(trx, key.id))!);
}

/** The live key an api_key names, or a 403 as the specification says. */
export async function requireKey(db: Q, apiKey: string | undefined): Promise<repo.KeyRow> {
  if (!apiKey) throw fail(403, 'api_key was not provided.');
  const key = await repo.findKeyByHash(db, hashKey(apiKey));
  if (!key || key.revoked_at !== null || !key.district_id) throw fail(403, 'Invalid api_key received.');
  return key;
}

// Posting ------------------------------------------------------------------------------------------

/** Where a request is: the place it names by address_id, the compound and building its address_string names, or near lat/long. */
async function placeOf(
  db: Q,
  j: Jurisdiction,
  loc: { addressId?: string; addressString?: string; lat?: number; long?: number },
): Promise<PlaceRow | string> {
  const inDistrict = (p: PlaceRow | undefined) =>
    p !== undefined && p.archived_at === null && isWithin(p.path, `/${j.id}/`) ? p : undefined;
  if (loc.addressId !== undefined) {
    const place = inDistrict(await findPlace(db, loc.addressId));
    if (!place || !['household', 'building', 'compound'].includes(place.kind))
      return `address_id ${loc.addressId} is not a household, building or compound of this jurisdiction.`;
    return place;
  }
  if (loc.addressString !== undefined) {
    const spotId = matchAddress(await repo.listSpots(db, j.id), loc.addressString);
    const place = spotId ? inDistrict(await findPlace(db, spotId)) : undefined;
    if (place) return place;
    if (loc.lat === undefined)
      return 'address_string names no compound or building of this jurisdiction; send address_id (a Linli place id) instead.';
  }
  if (loc.lat !== undefined && loc.long !== undefined) {
    const spotId = await nearestSpot(db, j.id, loc.lat, loc.long);
    const place = spotId ? inDistrict(await findPlace(db, spotId)) : undefined;
    if (place) return place;
    return 'lat/long is not near any building this jurisdiction knows the position of; send address_string or address_id too.';
  }
  return 'A location was not provided: send lat and long, address_string or address_id.';
}

/** The building (or else the compound) whose names appear in the text, e.g. "颐景名苑1幢201室" → 1幢. */
export function matchAddress(spots: readonly repo.SpotRow[], text: string): string | undefined {
  const squeeze = (s: string) => s.replace(/[\s,，、·.-]/g, '').toLowerCase();
  const t = squeeze(text);
  const compounds = spots
    .filter((s) => s.kind === 'compound' && squeeze(s.name).length > 0 && t.includes(squeeze(s.name)))
    .sort((a, b) => b.name.length - a.name.length);
  const compound = compounds[0];
  if (!compound) return undefined;
  const rest = t.slice(t.indexOf(squeeze(compound.name)) + squeeze(compound.name).length);
  const building = spots
    .filter((s) => s.kind === 'building' && s.parent_id === compound.id)
    .map((s) => ({ s, at: findWhole(rest, squeeze(s.name)) }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at || b.s.name.length - a.s.name.length)[0];
  return building?.s.id ?? compound.id;
}

/** Where `name` occurs in `text` not glued to a preceding digit ("1幢" is not in "11幢"), or -1. */
function findWhole(text: string, name: string): number {
  if (!name) return -1;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (at === 0 || !/\d/.test(text[at - 1]!) || !/^\d/.test(name)) return at;
  }
  return -1;
}

/** Metres from the point within which an earlier located request places a new one. */
const NEAR_METRES = 150;

async function nearestSpot(
  db: Q,
  districtId: string,
  lat: number,
  long: number,
): Promise<string | undefined> {
  const dLat = NEAR_METRES / 111_320;
  const dLong = NEAR_METRES / (111_320 * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  const near = await repo.locatedNeedsNear(db, districtId, {
    minLat: lat - dLat,
    maxLat: lat + dLat,
    minLong: long - dLong,
    maxLong: long + dLong,
  });
  const metres = (a: number, b: number) =>
    Math.hypot((a - lat) * 111_320, (b - long) * 111_320 * Math.cos((lat * Math.PI) / 180));
  const best = near
    .filter((n) => n.lat !== null && n.long !== null && (n.building_id ?? n.compound_id))
    .map((n) => ({ id: (n.building_id ?? n.compound_id)!, d: metres(n.lat!, n.long!) }))
    .filter((n) => n.d <= NEAR_METRES)
    .sort((a, b) => a.d - b.d)[0];
  return best?.id;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function coordinate(v: unknown, max: number): number | 'bad' | undefined {
  const t = text(v);
  if (t === undefined) return undefined;
  const n = Number(t);
  return /^-?\d+(\.\d+)?$/.test(t) && Math.abs(n) <= max ? n : 'bad';
}

function attributeValue(body: GeoPostBody, code: string): string | undefined {
  const v = body.attribute?.[code];
  return text(Array.isArray(v) ? v[0] : v);
}

/**
 * POST requests: a partner app posts a need for the district its key belongs to. The submitter's
 * name, phone and e-mail are kept on the need for community staff and never shown through Open311.
 */
export async function postRequest(
  trx: Q,
  deps: Deps,
  body: GeoPostBody,
  locale: GeoLocale,
  ip: string | null,
): Promise<{ service_request_id: string; service_notice: string; account_id: string | null }[]> {
  const key = await requireKey(trx, text(body.api_key));
  const named = text(body.jurisdiction_id);
  const j = await resolveJurisdiction(trx, named ?? key.district_id!);
  if (j.id !== key.district_id) throw fail(403, 'This api_key is not valid for this jurisdiction_id.');

  const problems: string[] = [];
  const code = text(body.service_code);
  if (code === undefined) problems.push('service_code was not provided.');
  const lat = coordinate(body.lat, 90);
  const long = coordinate(body.long, 180);
  if (lat === 'bad' || long === 'bad') problems.push('lat and long must be WGS84 decimal degrees.');
  else if ((lat === undefined) !== (long === undefined)) problems.push('lat and long must be sent together.');
  const addressId = text(body.address_id);
  const addressString = text(body.address_string);
  if (lat === undefined && addressId === undefined && addressString === undefined)
    problems.push('A location was not provided: send lat and long, address_string or address_id.');
  const description = text(body.description);
  if (description !== undefined && description.length > DESCRIPTION_MAX)
    problems.push(`description may be at most ${DESCRIPTION_MAX} characters.`);
  const mediaUrl = text(body.media_url);
  if (mediaUrl !== undefined && (!/^https?:\/\/[^\s]+$/i.test(mediaUrl) || mediaUrl.length > 1000))
    problems.push('media_url must be an http or https URL of at most 1000 characters.');
  const email = text(body.email);
  if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email))
    problems.push('email is not an e-mail address.');
  const urgencyText = attributeValue(body, 'urgency') ?? 'normal';
  const urgency = urgencyText === 'urgent' ? 'urgent' : 'normal';
  if (urgencyText !== 'normal' && urgencyText !== 'urgent')
    problems.push('attribute[urgency] must be normal or urgent.');
  const quantityText = attributeValue(body, 'quantity');
  const quantity = quantityText === undefined ? null : Number(quantityText);
  if (
    quantity !== null &&
    (!Number.isInteger(quantity) || quantity < 1 || quantity > NEED_LIMITS.quantityMax)
  )
    problems.push(`attribute[quantity] must be a whole number from 1 to ${NEED_LIMITS.quantityMax}.`);
  if (problems.length > 0)
    throw new GeoFailure(
      400,
      problems.map((description) => ({ code: 400, description })),
    );

  const category = (await categoriesOf(trx, j.id)).find((c) => c.code === code);
  if (!category) throw fail(404, `service_code ${code} was not found.`);

  const located = typeof lat === 'number' && typeof long === 'number' ? { lat, long } : null;
  const place = await placeOf(trx, j, {
    ...(addressId !== undefined ? { addressId } : {}),
    ...(addressString !== undefined ? { addressString } : {}),
    ...(located ?? {}),
  });
  if (typeof place === 'string') throw fail(400, place);

  const now = deps.clock.now().toISOString();
  const first = text(body.first_name);
  const last = text(body.last_name);
  const name =
    first && last
      ? /^[\x20-\x7e]+$/.test(first + last)
        ? `${first} ${last}`
        : `${last}${first}`
      : (first ?? last);
  let needText = description ?? serviceWords(category, locale).name;
  if (needText.length > NEED_LIMITS.description)
    needText = `${needText.slice(0, NEED_LIMITS.description - 1)}…`;
  const need = await createNeed(trx, deps, {
    place,
    category: category.code,
    description: needText,
    urgency,
    quantity,
    residentUserId: null,
    residentPersonId: null,
    postedBy: null,
    source: 'open311',
    lat: located?.lat ?? null,
    long: located?.long ?? null,
    contactName: name ?? null,
    contactPhone: text(body.phone) ?? null,
    contactEmail: email ?? null,
    at: now,
    ip,
  });
  const community = await findPlace(trx, need.communityId);
  await repo.insertOpen311Request(trx, {
    needId: need.id,
    keyId: key.id,
    districtId: j.id,
    mediaUrl: mediaUrl ?? null,
    accountId: text(body.account_id) ?? null,
    deviceId: text(body.device_id) ?? null,
    at: now,
  });
  await repo.touchKey(trx, key.id, now);
  return [
    {
      service_request_id: need.id,
      service_notice: serviceNotice(community?.name ?? j.name, locale),
      account_id: null,
    },
  ];
}

// Reading ------------------------------------------------------------------------------------------

function statusOf(needStatus: string): 'open' | 'closed' {
  return (OPEN_STATUSES as readonly string[]).includes(needStatus) ? 'open' : 'closed';
}

const CLOSED_STATUSES = ['done', 'confirmed', 'cancelled'];

/** Mask what identifies the resident or submitter wherever free text repeats it, and any phone or e-mail. */
export function scrub(value: string, r: repo.RequestRow): string {
  let out = value;
  for (const phone of [r.private_contact_phone, r.private_resident_phone]) {
    if (phone && phone.length >= 5) out = out.split(phone).join(maskPhone(phone) ?? '');
  }
  for (const name of [r.private_contact_name, r.private_resident_name, r.private_person_name]) {
    if (name && [...name].length >= 2) out = out.split(name).join(maskName(name));
  }
  if (r.private_contact_email) out = out.split(r.private_contact_email).join('***');
  return out
    .replace(
      /(?<!\d)(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)/g,
      (_m, a: string, _b: string, c: string) => `${a}****${c}`,
    )
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '***');
}

function recordOf(
  r: repo.RequestRow,
  names: Map<string, string>,
  latest: Map<string, { kind: string }>,
  locale: GeoLocale,
): GeoRequest {
  const address = [r.compound_name, r.building_name].filter((s): s is string => !!s).join(' ');
  const last = latest.get(r.id);
  return {
    service_request_id: r.id,
    status: statusOf(r.status),
    status_notes: last ? eventNote(last.kind, locale) : null,
    service_name: names.get(r.category) ?? r.category,
    service_code: r.category,
    description: scrub(r.description, r),
    agency_responsible: r.community_name,
    service_notice: null,
    requested_datetime: r.created_at,
    updated_datetime: r.updated_at,
    expected_datetime: null,
    address: address || r.community_name,
    address_id: r.building_id ?? r.compound_id ?? '',
    zipcode: null,
    lat: r.lat,
    long: r.long,
    media_url: r.media_url,
  };
}

async function recordsOf(db: Q, j: Jurisdiction, rows: repo.RequestRow[], locale: GeoLocale) {
  const names = new Map((await categoriesOf(db, j.id)).map((c) => [c.code, serviceWords(c, locale).name]));
  const latest = new Map<string, { kind: string }>();
  const events = await eventsOfPublic(
    db,
    rows.map((r) => r.id),
  );
  for (const e of events) if (!latest.has(e.need_id)) latest.set(e.need_id, e);
  return rows.map((r) => recordOf(r, names, latest, locale));
}

async function eventsOfPublic(db: Q, ids: string[]) {
  return (await repo.eventsOfNeeds(db, ids)).filter(
    (e) => !(INTERNAL_EVENT_KINDS as readonly string[]).includes(e.kind),
  );
}

function parseDate(value: string | undefined, name: string, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value);
  const t = Date.parse(value);
  if (!ok || Number.isNaN(t)) {
    problems.push(`${name} must be an ISO 8601 date and time, e.g. 2026-11-29T08:00:00Z.`);
    return undefined;
  }
  return new Date(t).toISOString();
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return items.length > 0 ? items : undefined;
}

function whole(value: string | undefined, name: string, min: number, max: number, problems: string[]) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}.`);
    return undefined;
  }
  return n;
}

/** The date range a query covers: as given, else the 90 days before its end (or now). */
function span(
  q: { start_date?: string | undefined; end_date?: string | undefined },
  now: Date,
  problems: string[],
): { from: string; to: string } {
  const start = parseDate(q.start_date, 'start_date', problems);
  const end = parseDate(q.end_date, 'end_date', problems);
  const to =
    end ??
    (start ? new Date(Date.parse(start) + DEFAULT_SPAN_DAYS * DAY_MS).toISOString() : now.toISOString());
  const from = start ?? new Date(Date.parse(to) - DEFAULT_SPAN_DAYS * DAY_MS).toISOString();
  if (Date.parse(from) > Date.parse(to)) problems.push('start_date must not be after end_date.');
  return { from, to };
}

export interface RequestsQuery {
  service_request_id?: string | undefined;
  service_code?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  status?: string | undefined;
  page?: string | undefined;
  page_size?: string | undefined;
}

/** GET requests: service_request_id overrides the other filters; at most 1000 a page. */
export async function listRequests(
  db: Q,
  j: Jurisdiction,
  q: RequestsQuery,
  locale: GeoLocale,
  now: Date,
): Promise<GeoRequest[]> {
  const problems: string[] = [];
  const ids = list(q.service_request_id);
  if (ids && ids.length > MAX_RECORDS)
    problems.push(`service_request_id may list at most ${MAX_RECORDS} ids.`);
  const statuses = list(q.status);
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) problems.push('status must be open or closed.');
  const { from, to } = span(q, now, problems);
  const page = whole(q.page, 'page', 1, 1_000_000, problems) ?? 1;
  const pageSize = whole(q.page_size, 'page_size', 1, MAX_RECORDS, problems) ?? MAX_RECORDS;
  if (problems.length > 0)
    throw new GeoFailure(
      400,
      problems.map((description) => ({ code: 400, description })),
    );

  const needStatuses = statuses
    ? [
        ...(statuses.includes('open') ? OPEN_STATUSES : []),
        ...(statuses.includes('closed') ? CLOSED_STATUSES : []),
      ]
    : undefined;
  const rows = await repo.listRequests(
    db,
    ids
      ? { districtId: j.id, ids }
      : {
          districtId: j.id,
          from,
          to,
          ...(needStatuses ? { statuses: needStatuses } : {}),
          ...(list(q.service_code) ? { categories: list(q.service_code)! } : {}),
        },
    pageSize,
    (page - 1) * pageSize,
  );
  return recordsOf(db, j, rows, locale);
}

export async function getRequest(
  db: Q,
  j: Jurisdiction,
  id: string,
  locale: GeoLocale,
): Promise<GeoRequest[]> {
  const rows = await repo.listRequests(db, { districtId: j.id, ids: [id] }, 1, 0);
  if (rows.length === 0) throw fail(404, `service_request_id ${id} was not found.`);
  return recordsOf(db, j, rows, locale);
}

/**
 * GET tokens/{token}. Requests are created at once (services are "realtime"), so POST never hands
 * out a token; a client that asks anyway with the id it was given gets that id back.
 */
export async function tokenOf(db: Q, j: Jurisdiction, token: string) {
  const found = await repo.findOpen311Request(db, token, j.id);
  if (!found) throw fail(404, `token ${token} was not found.`);
  return [{ service_request_id: found.need_id, token }];
}

const CLOSING_KINDS = ['done', 'confirmed', 'auto_confirmed', 'cancelled'];
const STATUS_KINDS = [...CLOSING_KINDS, 'reopened'];

/** FixMyStreet's GET servicerequestupdates: the timeline of the district's needs in a time range. */
export async function listUpdates(
  db: Q,
  j: Jurisdiction,
  q: { start_date?: string | undefined; end_date?: string | undefined },
  locale: GeoLocale,
  now: Date,
): Promise<GeoRequestUpdate[]> {
  const problems: string[] = [];
  const { from, to } = span(q, now, problems);
  if (problems.length > 0)
    throw new GeoFailure(
      400,
      problems.map((description) => ({ code: 400, description })),
    );
  const events = await repo.eventsBetween(db, j.id, from, to, INTERNAL_EVENT_KINDS, MAX_RECORDS);
  // The status after each event: closed from done/confirmed/cancelled until a reopen.
  const turns = await repo.eventsOfNeeds(db, [...new Set(events.map((e) => e.need_id))], STATUS_KINDS);
  const statusAfter = (needId: string, at: string, id: string): 'open' | 'closed' => {
    const last = turns.find((t) => t.need_id === needId && (t.at < at || (t.at === at && t.id <= id)));
    return last && CLOSING_KINDS.includes(last.kind) ? 'closed' : 'open';
  };
  return events.map((e) => ({
    update_id: e.id,
    service_request_id: e.need_id,
    status: statusAfter(e.need_id, e.at, e.id),
    updated_datetime: e.at,
    description: eventNote(e.kind, locale),
    media_url: null,
  }));
}
