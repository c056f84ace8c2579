import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { decideAccess } from '../../../domain/access.js';
import type { NeedCategorySchema, PostNeedBody } from '../../../domain/contracts/needs.js';
import { AppError } from '../../../domain/errors.js';
import {
  DEFAULT_NEED_SETTINGS,
  type NeedRelation,
  type NeedSettings,
  type NeedState,
  type NeedUrgency,
  OPEN_STATUSES,
} from '../../../domain/needs.js';
import { type PlaceKind, pathIds } from '../../../domain/places.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../lib/http.js';
import { newId } from '../../lib/ids.js';
import { jobRows } from '../../lib/jobs.js';
import type { Caller } from '../../plugins/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import { announce, liveEventsOf, notificationsFor } from '../notifications/notifications.service.js';
import { findPlace, findPlacesByIds } from '../places/places.repository.js';
import { householdsOf, isStaffOf, recipientsAt, relationsOf } from './needs.audience.js';
import { afterNeedChanged, effectsOfPosting, type NeedFacts, type PostedEffects } from './needs.events.js';
import { cleanPhoto } from './needs.photos.js';
import * as repo from './needs.repository.js';
import type { Need, NeedSource } from './needs.repository.js';

export type { Need } from './needs.repository.js';
export { findNeed, recordNeedEvent } from './needs.repository.js';

type Q = Kysely<Database>;

// Shared with the serving steps (serving.*), the ladder and Open311 ---------------------------------

/** What the needs.events hooks need to know about a need. */
export function toFacts(need: Need): NeedFacts {
  return {
    id: need.id,
    districtId: need.districtId,
    communityId: need.communityId,
    placePath: need.placePath,
    compoundId: need.compoundId,
    buildingId: need.buildingId,
    householdId: need.householdId,
    category: need.category,
    urgency: need.urgency,
    status: need.status,
    audience: need.audience,
    residentUserId: need.residentUserId,
    partnerUnitId: need.partnerUnitId,
    createdAt: need.createdAt,
  };
}

/** The need as the domain state machine sees it. */
export function stateOf(need: Need): NeedState {
  return {
    status: need.status,
    helpersNeeded: need.helpersNeeded,
    helpersClaimed: need.helpersClaimed,
    convened: need.convenedAt !== null,
  };
}

/**
 * Whether the caller may open a need without a relation to it: needs.read on its place, or (for a
 * spot of a compound — a building or the compound itself, not a household) being bound to a
 * household of that compound, so neighbours can find it and say "me too".
 */
async function mayReadWithoutRelation(db: Q, caller: Caller, need: Need): Promise<boolean> {
  if (decideAccess(caller.grants, 'needs.read', need.placePath) === 'allow') return true;
  if (need.householdId !== null || need.compoundId === null) return false;
  const mine = householdsOf(caller);
  if (mine.length === 0) return false;
  const places = await findPlacesByIds(db, mine);
  return places.some((p) => pathIds(p.path).includes(need.compoundId!));
}

/**
 * A need and how the caller stands to it; NOT_FOUND when she may not see it (no relation, no
 * needs.read on its place, not a neighbour of a spot). Every step on a need starts here.
 */
export async function loadNeedFor(
  db: Q,
  actor: { caller: Caller },
  id: string,
): Promise<{ need: Need; relations: NeedRelation[] }> {
  const need = await repo.findNeed(db, id);
  if (!need) throw new AppError('NOT_FOUND');
  const relations = await relationsOf(db, actor, need);
  if (relations.length === 0 && !(await mayReadWithoutRelation(db, actor.caller, need))) {
    throw new AppError('NOT_FOUND');
  }
  return { need, relations };
}

// Settings -------------------------------------------------------------------------------------------

export const NEED_SETTINGS_KEY = 'needs';

function parseSettings(value: string | undefined): NeedSettings {
  if (value === undefined) return DEFAULT_NEED_SETTINGS;
  try {
    const stored = JSON.parse(value) as Partial<NeedSettings>;
    return {
      categories: stored.categories ?? DEFAULT_NEED_SETTINGS.categories,
      ladder: stored.ladder ?? DEFAULT_NEED_SETTINGS.ladder,
      autoConfirmDays: stored.autoConfirmDays ?? DEFAULT_NEED_SETTINGS.autoConfirmDays,
    };
  } catch {
    return DEFAULT_NEED_SETTINGS;
  }
}

/** Settings read inside a transaction, per district: one step reads them once, however many parts ask. */
const settingsInTransaction = new WeakMap<Q, Map<string, Promise<NeedSettings>>>();

/** The need settings in force for a place: its district's (district_settings 'needs') over the defaults. */
export function needSettingsFor(db: Q, placePath: string): Promise<NeedSettings> {
  const districtId = pathIds(placePath)[0];
  if (!districtId) return Promise.resolve(DEFAULT_NEED_SETTINGS);
  const read = async () =>
    parseSettings((await repo.findDistrictSetting(db, districtId, NEED_SETTINGS_KEY))?.value);
  // Outside a transaction there is no unit to remember them for (settingsCache does it per request).
  if (!db.isTransaction) return read();
  let memo = settingsInTransaction.get(db);
  if (!memo) settingsInTransaction.set(db, (memo = new Map<string, Promise<NeedSettings>>()));
  let settings = memo.get(districtId);
  if (!settings) memo.set(districtId, (settings = read()));
  return settings;
}

export async function getNeedSettings(db: Q, place: PlaceRow) {
  const districtId = pathIds(place.path)[0]!;
  const stored = await repo.findDistrictSetting(db, districtId, NEED_SETTINGS_KEY);
  return { ...parseSettings(stored?.value), updatedAt: stored?.updatedAt ?? null };
}

/** Replace the district's need settings (settings.manage on a place of the district); audited. */
export async function putNeedSettings(db: Q, actor: Actor, place: PlaceRow, body: NeedSettings) {
  const districtId = pathIds(place.path)[0]!;
  const codes = body.categories.map((c) => c.code);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup !== undefined) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path: 'body.categories', message: `category ${dup} appears twice` }],
    });
  }
  const categories = body.categories.map((c) => {
    const out: z.infer<typeof NeedCategorySchema> = { code: c.code };
    if (c.nameZh !== undefined) out.nameZh = c.nameZh;
    if (c.nameEn !== undefined) out.nameEn = c.nameEn;
    return out;
  });
  const value: NeedSettings = {
    categories,
    ladder: body.ladder.map((r) => ({ urgency: r.urgency, afterMinutes: r.afterMinutes, reach: r.reach })),
    autoConfirmDays: body.autoConfirmDays,
  };
  await repo.saveDistrictSetting(db, {
    districtId,
    key: NEED_SETTINGS_KEY,
    value: JSON.stringify(value),
    by: actor.caller.userId,
    at: actor.now,
  });
  settingsInTransaction.delete(db);
  const district = await findPlace(db, districtId);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'district_settings',
    entityId: districtId,
    place: district ?? null,
    summary: `Need settings: ${value.categories.length} categories, ${value.ladder.length} ladder rungs, auto-confirm after ${value.autoConfirmDays} days`,
    params: {
      key: NEED_SETTINGS_KEY,
      categories: value.categories.length,
      rungs: value.ladder.length,
      autoConfirmDays: value.autoConfirmDays,
    },
    ip: actor.ip,
    at: actor.now,
  });
  return getNeedSettings(db, place);
}

// Posting --------------------------------------------------------------------------------------------

const NEED_PLACE_KINDS: readonly PlaceKind[] = ['household', 'building', 'compound'];

/** The district, community, compound, building and household ids on a place's path (its chain of places). */
function placeIdsOf(place: PlaceRow, chain: readonly PlaceRow[]) {
  const idOf = (kind: PlaceKind) => chain.find((p) => p.kind === kind)?.id ?? null;
  return {
    districtId: idOf('district'),
    communityId: place.community_id,
    compoundId: idOf('compound'),
    buildingId: idOf('building'),
    householdId: idOf('household'),
    archived: chain.some((p) => p.archived_at !== null),
  };
}

export interface CreateNeedInput {
  place: PlaceRow;
  category: string;
  description: string;
  urgency: NeedUrgency;
  quantity?: number | null;
  quantityUnit?: string | null;
  /** Unattached uploads of `postedBy` to attach (checked: NEED_PHOTO_UNKNOWN otherwise). */
  photoIds?: readonly string[];
  residentUserId: string | null;
  residentPersonId: string | null;
  /** The account that posted it; null for an Open311 client. */
  postedBy: string | null;
  source: NeedSource;
  lat?: number | null;
  long?: number | null;
  /** Open311 submitter's contact, stored privately. */
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  at: string;
  /** Client address for the audit log, when there is one. */
  ip?: string | null;
  /** The place's chain and settings, when read before the transaction (postingContext). */
  known?: PostingContext;
}

/**
 * Everything posting one need writes, read and checked before anything is written: the need's row,
 * the photos it takes, its `posted` event and what follows (its first audience told, its ladder).
 */
export interface NeedPosting {
  row: repo.NewNeedRow;
  photoIds: readonly string[];
  event: repo.NeedEventInput;
  effects: PostedEffects;
}

/**
 * Post a new need (status posted, audience building) with its `posted` event and photos, and what
 * follows from it (needs.events). The place must be a live household, building or compound in a
 * community, and the category one of its district's; who may post is the caller's business.
 */
export async function createNeed(trx: Q, deps: Deps, input: CreateNeedInput): Promise<Need> {
  return (await writeNeeds(trx, deps, [await planNeed(trx, deps, input)]))[0]!;
}

/** createNeed's reads and checks; nothing is written. Outside a transaction the reads use the copies. */
export async function planNeed(db: Q, deps: Deps, input: CreateNeedInput): Promise<NeedPosting> {
  const place = input.place;
  if (!NEED_PLACE_KINDS.includes(place.kind as PlaceKind) || place.community_id === null) {
    throw new AppError('NEED_PLACE_INVALID');
  }
  const known = input.known?.place.id === place.id ? input.known : undefined;
  const chain = known?.chain ?? (await findPlacesByIds(db, pathIds(place.path)));
  const ids = placeIdsOf(place, chain);
  if (ids.archived) throw new AppError('PLACE_ARCHIVED');
  const settings = known?.settings ?? (await needSettingsFor(db, place.path));
  if (!settings.categories.some((c) => c.code === input.category)) {
    throw new AppError('NEED_CATEGORY_UNKNOWN', undefined, {
      details: [
        { path: 'body.category', message: `offered: ${settings.categories.map((c) => c.code).join(', ')}` },
      ],
    });
  }
  const photoIds = [...new Set(input.photoIds ?? [])];
  if (photoIds.length > 0) {
    const photos = await repo.findPhotosByIds(db, photoIds);
    const ok = photos.filter((p) => p.needId === null && p.uploadedBy === input.postedBy);
    if (input.postedBy === null || ok.length !== photoIds.length) throw new AppError('NEED_PHOTO_UNKNOWN');
  }
  const row: repo.NewNeedRow = {
    id: newId(Date.parse(input.at)),
    district_id: ids.districtId!,
    community_id: place.community_id,
    place_id: place.id,
    place_path: place.path,
    compound_id: ids.compoundId,
    building_id: ids.buildingId,
    household_id: ids.householdId,
    category: input.category,
    description: input.description,
    urgency: input.urgency,
    quantity: input.quantity ?? null,
    quantity_unit: input.quantityUnit ?? null,
    status: 'posted',
    audience: 'building',
    resident_user_id: input.residentUserId,
    resident_person_id: input.residentPersonId,
    posted_by: input.postedBy,
    source: input.source,
    convened_at: null,
    partner_unit_id: null,
    escalated_at: null,
    rating: null,
    thanks: null,
    lat: input.lat ?? null,
    long: input.long ?? null,
    contact_name: input.contactName ?? null,
    contact_phone: input.contactPhone ?? null,
    contact_email: input.contactEmail ?? null,
    created_at: input.at,
    updated_at: input.at,
    claimed_at: null,
    done_at: null,
    confirmed_at: null,
    cancelled_at: null,
  };
  const facts: NeedFacts = {
    id: row.id,
    districtId: row.district_id,
    communityId: place.community_id,
    placePath: place.path,
    compoundId: ids.compoundId,
    buildingId: ids.buildingId,
    householdId: ids.householdId,
    category: input.category,
    urgency: input.urgency,
    status: 'posted',
    audience: 'building',
    residentUserId: input.residentUserId,
    partnerUnitId: null,
    createdAt: input.at,
  };
  return {
    row,
    photoIds,
    event: {
      needId: row.id,
      communityId: place.community_id,
      at: input.at,
      actorId: input.postedBy,
      kind: 'posted',
      params: {
        category: input.category,
        urgency: input.urgency,
        source: input.source,
        photos: photoIds.length,
      },
    },
    effects: await effectsOfPosting(db, deps, facts, {
      postedBy: input.postedBy,
      chain,
      settings,
      ...(known ? { firstAudience: known.firstAudience } : {}),
    }),
  };
}

/**
 * Write needs planned by planNeed: a handful of statements however many there are (the route writes
 * needs posted together as one batch). Returns them as stored.
 *
 * Called with a transaction, it writes in it. Called outside one, it opens one — except on
 * PostgreSQL when no photos are attached: then the rows and the live events (NOTIFY) are one
 * statement, atomic by itself, and who is active comes from the copies: one round trip for the
 * whole batch instead of five.
 */
export async function writeNeeds(db: Q, deps: Deps, postings: readonly NeedPosting[]): Promise<Need[]> {
  const rowsInOneStatement = deps.db.dialect === 'postgres' && postings.every((p) => p.photoIds.length === 0);
  if (!db.isTransaction && !rowsInOneStatement) {
    return db.transaction().execute((trx) => writeNeeds(trx, deps, postings));
  }
  const notices = await notificationsFor(
    db,
    deps,
    postings.map((p) => p.effects.notice),
  );
  // PostgreSQL: announced by the same statement.
  const notify = deps.bus.asNotify(liveEventsOf(notices));
  const needs = await repo.insertPostedNeeds(db, {
    needs: postings.map((p) => p.row),
    events: postings.map((p) => p.event),
    notifications: notices.rows,
    jobs: jobRows([...postings.flatMap((p) => p.effects.ladder), ...notices.channelJobs]),
    ...(notify ? { notify } : {}),
  });
  for (const p of postings) {
    if (p.photoIds.length === 0) continue;
    // Checked when planned; another need may have taken one since.
    const moved = await repo.attachPhotos(db, p.photoIds, {
      needId: p.row.id,
      communityId: p.row.community_id,
      uploadedBy: p.row.posted_by!,
    });
    if (moved !== p.photoIds.length) throw new AppError('NEED_PHOTO_UNKNOWN');
  }
  await announce(db, deps, notices, { sent: notify !== undefined });
  return needs;
}

/** Whether a grant of building leader / group leader reaches the place. */
function leadsOver(caller: Caller, path: string): boolean {
  return caller.grants.some(
    (g) =>
      (g.role === 'building_leader' || g.role === 'group_leader') &&
      g.placePath !== null &&
      path.startsWith(g.placePath),
  );
}

/**
 * What posting for a place reads besides the place: its chain of places, its district's settings and
 * who a need there reaches first (its audience `building`).
 */
export interface PostingContext {
  place: PlaceRow;
  chain: readonly PlaceRow[];
  settings: NeedSettings;
  firstAudience: readonly string[];
}

/**
 * The place a need is posted for, with its chain, settings and first audience. The route reads them
 * outside a transaction, from the copies (server/db/row-cache.ts): at PostgreSQL's READ COMMITTED a
 * read just before the writing transaction sees what its first read would.
 */
export async function postingContext(db: Q, placeId: string): Promise<PostingContext | undefined> {
  const place = await findPlace(db, placeId);
  if (!place) return undefined;
  const chain = await findPlacesByIds(db, pathIds(place.path));
  const settings = await needSettingsFor(db, place.path);
  const ids = placeIdsOf(place, chain);
  const firstAudience =
    place.community_id === null
      ? []
      : await recipientsAt(
          db,
          {
            ...ids,
            communityId: place.community_id,
            placePath: place.path,
            partnerUnitId: null,
            residentUserId: null,
          },
          'building',
        );
  return { place, chain, settings, firstAudience };
}

/**
 * POST /needs, read and checked: what to write (writeNeeds). A resident posts for her own bound
 * household or a building/compound spot in her compound; community staff and building/group leaders
 * may post for a person of the community (`forPersonId`) or for a spot they serve. The route has
 * checked needs.post on the place.
 */
export async function planPost(
  db: Q,
  deps: Deps,
  actor: Actor,
  input: PostNeedBody,
  /** The place posted for with its chain and settings, when read already. */
  known?: PostingContext,
): Promise<NeedPosting> {
  const { caller } = actor;
  const place = known?.place.id === input.placeId ? known.place : await findPlace(db, input.placeId);
  if (!place || place.community_id === null) throw new AppError('NOT_FOUND');
  if (!NEED_PLACE_KINDS.includes(place.kind as PlaceKind)) throw new AppError('NEED_PLACE_INVALID');
  const staff = isStaffOf(caller, place.community_id);
  const leader = leadsOver(caller, place.path);

  let residentUserId: string | null = null;
  let residentPersonId: string | null = null;
  let source: NeedSource = 'app';
  if (input.forPersonId !== undefined) {
    if (!staff && !leader)
      throw new AppError('FORBIDDEN', 'Only community staff and leaders post for someone else.');
    const person = await repo.findPerson(db, input.forPersonId);
    if (!person || person.community_id !== place.community_id || person.archived_at !== null) {
      throw new AppError('VALIDATION_FAILED', undefined, {
        details: [{ path: 'body.forPersonId', message: 'not a person of this community' }],
      });
    }
    residentPersonId = person.id;
    residentUserId = person.user_id;
    source = 'staff';
  } else {
    const mine = householdsOf(caller);
    const own = place.kind === 'household' && mine.includes(place.id);
    // A spot is a building (its parent is the compound) or the compound itself.
    const compoundId = place.kind === 'compound' ? place.id : place.parent_id;
    const spotOfMine =
      place.kind !== 'household' &&
      compoundId !== null &&
      (await findPlacesByIds(db, mine)).some((h) => pathIds(h.path).includes(compoundId));
    if (own || spotOfMine) {
      residentUserId = caller.userId;
    } else if ((staff || leader) && place.kind !== 'household') {
      source = 'staff';
    } else {
      throw new AppError('NEED_PLACE_INVALID');
    }
  }
  return planNeed(db, deps, {
    place,
    category: input.category,
    description: input.description,
    urgency: input.urgency,
    quantity: input.quantity ?? null,
    quantityUnit: input.quantityUnit ?? null,
    photoIds: input.photoIds,
    residentUserId,
    residentPersonId,
    postedBy: caller.userId,
    source,
    at: actor.now,
    ip: actor.ip,
    ...(known ? { known } : {}),
  });
}

// "Me too" ---------------------------------------------------------------------------------------------

/** A neighbour joins an open need ("me too"): once per user; put on the timeline; the hooks tell who it concerns. */
export async function supportNeed(trx: Q, deps: Deps, actor: Actor, id: string): Promise<Need> {
  const { need, relations } = await loadNeedFor(trx, actor, id);
  if (!OPEN_STATUSES.includes(need.status)) throw new AppError('NEED_WRONG_STATE');
  if (relations.includes('resident')) {
    throw new AppError('CONFLICT', 'This need is already yours.');
  }
  const mine = await findPlacesByIds(trx, householdsOf(actor.caller));
  const household =
    mine.find((h) => need.compoundId !== null && pathIds(h.path).includes(need.compoundId)) ?? null;
  const added = await repo.addSupporter(trx, {
    needId: need.id,
    userId: actor.caller.userId,
    householdId: household?.id ?? null,
    at: actor.now,
  });
  if (!added) throw new AppError('CONFLICT', 'You already support this need.');
  await repo.recordNeedEvent(trx, {
    needId: need.id,
    communityId: need.communityId,
    at: actor.now,
    actorId: actor.caller.userId,
    kind: 'supported',
  });
  await afterNeedChanged(trx, deps, toFacts(need), { kind: 'need_supported', actorId: actor.caller.userId });
  return need;
}

// Contact reveal ---------------------------------------------------------------------------------------

/** The full contact of the resident a need is for (staff of its community and active helpers only); audited. */
export async function revealContact(trx: Q, actor: Actor, id: string) {
  const { need, relations } = await loadNeedFor(trx, actor, id);
  if (!relations.includes('staff') && !relations.includes('helper')) throw new AppError('FORBIDDEN');
  const who = await residentOf(trx, need);
  const place = await findPlace(trx, need.placeId);
  const address = await placeLabelOf(trx, need.placePath, true);
  await recordAudit(trx, {
    actorId: actor.caller.userId,
    action: 'view',
    entityType: 'need_contact',
    entityId: need.id,
    place: place ?? null,
    summary: `Revealed the contact of need ${need.id}`,
    params: { needId: need.id, relation: relations.includes('staff') ? 'staff' : 'helper' },
    ip: actor.ip,
    at: actor.now,
  });
  await repo.recordNeedEvent(trx, {
    needId: need.id,
    communityId: need.communityId,
    at: actor.now,
    actorId: actor.caller.userId,
    kind: 'contact_revealed',
  });
  return { name: who.name, phone: who.phone, address };
}

/** The resident's name and phone: her person record in the community, else her account; Open311 contact last. */
export async function residentOf(db: Q, need: Need): Promise<{ name: string | null; phone: string | null }> {
  if (need.residentPersonId !== null) {
    const p = await repo.findPerson(db, need.residentPersonId);
    if (p) return { name: p.name, phone: p.phone };
  }
  if (need.residentUserId !== null) {
    const p = await repo.personOfUser(db, need.residentUserId, need.communityId);
    const [u] = await repo.findUsersByIds(db, [need.residentUserId]);
    return { name: p?.name ?? u?.display_name ?? null, phone: p?.phone ?? u?.phone ?? null };
  }
  return { name: need.contactName, phone: need.contactPhone };
}

/** "颐景名苑 1幢" (or with the flat: "颐景名苑 1幢 201室"): the places below the community on the path. */
export async function placeLabelOf(db: Q, path: string, withFlat: boolean): Promise<string> {
  const chain = await findPlacesByIds(db, pathIds(path));
  return labelFrom(chain, withFlat);
}

export function labelFrom(chain: readonly Pick<PlaceRow, 'kind' | 'name'>[], withFlat: boolean): string {
  const shown: PlaceKind[] = withFlat
    ? ['compound', 'building', 'unit', 'household']
    : ['compound', 'building'];
  return chain
    .filter((p) => shown.includes(p.kind as PlaceKind))
    .map((p) => p.name)
    .join(' ');
}

// Photos -----------------------------------------------------------------------------------------------

/** How many photos one account may have uploaded and not yet attached in a day. */
const UNATTACHED_PER_DAY = 60;

/** Store an uploaded photo (type checked by its bytes, metadata removed); attached later when posting or logging. */
export async function uploadPhoto(trx: Q, actor: Actor, contentType: string, data: Buffer) {
  const clean = cleanPhoto(contentType, data);
  const since = new Date(Date.parse(actor.now) - 86_400_000).toISOString();
  if ((await repo.countRecentUnattached(trx, actor.caller.userId, since)) >= UNATTACHED_PER_DAY) {
    throw new AppError('RATE_LIMITED', 'Too many photos uploaded without posting. Post or wait a while.');
  }
  const id = newId(Date.parse(actor.now));
  await repo.insertPhoto(trx, {
    id,
    uploadedBy: actor.caller.userId,
    contentType: clean.contentType,
    data: clean.data,
    at: actor.now,
  });
  return { id, url: `/api/v1/need-photos/${id}`, contentType: clean.contentType, size: clean.data.length };
}

/** A photo's bytes for whoever may open its need; before it is attached, for its uploader only. */
export async function getPhoto(db: Q, actor: Actor, id: string) {
  const photo = await repo.findPhotoData(db, id);
  if (!photo) throw new AppError('NOT_FOUND');
  if (photo.needId === null) {
    if (photo.uploadedBy !== actor.caller.userId) throw new AppError('NOT_FOUND');
  } else {
    await loadNeedFor(db, actor, photo.needId);
  }
  return photo;
}
