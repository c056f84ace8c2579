import type { Kysely } from 'kysely';
import type { NeedDetail, NeedSummary } from '../../../domain/contracts/needs.js';
import type { PlaceKind } from '../../../domain/places.js';
import { pathIds } from '../../../domain/places.js';
import {
  availableActions,
  isOverdue,
  type NeedRelation,
  type NeedSettings,
  UNCLAIMED_STATUSES,
} from '../../../domain/needs.js';
import { maskName, maskPhone } from '../../../domain/privacy.js';
import { decideAccess } from '../../../domain/access.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import type { Caller } from '../../plugins/access.js';
import { findPlacesByIds } from '../places/places.repository.js';
import { householdsOf, isStaffOf } from './needs.audience.js';
import * as repo from './needs.repository.js';
import type { ListedNeed, Need, PhotoMeta } from './needs.repository.js';
import { labelFrom, needSettingsFor, residentOf, stateOf } from './needs.service.js';

// Needs as the API shows them (contracts NeedSummary / NeedDetail), masked for the caller.

type Q = Kysely<Database>;

export function photoRef(p: PhotoMeta) {
  return { id: p.id, url: `/api/v1/need-photos/${p.id}`, contentType: p.contentType, size: p.size };
}

/** Settings per district, read once per request. */
export function settingsCache(db: Q) {
  const cache = new Map<string, Promise<NeedSettings>>();
  return (placePath: string) => {
    const district = pathIds(placePath)[0] ?? '';
    let s = cache.get(district);
    if (!s) {
      s = needSettingsFor(db, placePath);
      cache.set(district, s);
    }
    return s;
  };
}

/** Whether the caller sees the flat (and name) of a need in full: its staff, its resident, its active helpers. */
function seesInFull(caller: Caller, need: ListedNeed, helperOf: Set<string>): boolean {
  return (
    isStaffOf(caller, need.communityId) ||
    need.residentUserId === caller.userId ||
    (need.householdId !== null && householdsOf(caller).includes(need.householdId)) ||
    helperOf.has(need.id)
  );
}

/** Summaries of needs for the caller (batched: a few queries whatever the page size). */
export async function toSummaries(
  db: Q,
  caller: Caller,
  needs: ListedNeed[],
  now: Date,
): Promise<NeedSummary[]> {
  if (needs.length === 0) return [];
  const ids = needs.map((n) => n.id);
  const [places, facets, partners] = await Promise.all([
    findPlacesByIds(db, [...new Set(needs.flatMap((n) => pathIds(n.placePath)))]),
    // A list read for this caller brought them along.
    needs.every((n) => n.facets !== undefined) ? facetsOf(needs) : repo.needFacets(db, caller.userId, ids),
    repo.partnerUnitNames(db, [...new Set(needs.flatMap((n) => (n.partnerUnitId ? [n.partnerUnitId] : [])))]),
  ]);
  const { supporters, photos, claimedByMe: helperOf } = facets;
  const byId = new Map(places.map((p) => [p.id, p]));
  const settingsOf = settingsCache(db);
  const out: NeedSummary[] = [];
  for (const n of needs) {
    const chain = pathIds(n.placePath)
      .map((id) => byId.get(id))
      .filter((p): p is PlaceRow => p !== undefined);
    // Only an unclaimed need can be overdue: the ladder's settings are read only for those.
    const overdue =
      UNCLAIMED_STATUSES.includes(n.status) &&
      isOverdue(n.status, n.urgency, new Date(n.createdAt), now, (await settingsOf(n.placePath)).ladder);
    out.push(
      summaryOf(n, {
        placeLabel: labelFrom(chain, seesInFull(caller, n, helperOf)),
        supporters: supporters.get(n.id) ?? 0,
        photoCount: photos.get(n.id) ?? 0,
        partnerName: n.partnerUnitId ? (partners.get(n.partnerUnitId) ?? '') : null,
        overdue,
      }),
    );
  }
  return out;
}

function facetsOf(needs: ListedNeed[]) {
  const out = {
    supporters: new Map<string, number>(),
    photos: new Map<string, number>(),
    claimedByMe: new Set<string>(),
  };
  for (const n of needs) {
    if (!n.facets) continue;
    out.supporters.set(n.id, n.facets.supporters);
    out.photos.set(n.id, n.facets.photos);
    if (n.facets.claimedByMe) out.claimedByMe.add(n.id);
  }
  return out;
}

function summaryOf(
  n: ListedNeed,
  x: {
    placeLabel: string;
    supporters: number;
    photoCount: number;
    partnerName: string | null;
    overdue: boolean;
  },
): NeedSummary {
  return {
    id: n.id,
    communityId: n.communityId,
    category: n.category,
    description: n.description,
    urgency: n.urgency,
    status: n.status,
    audience: n.audience,
    quantity: n.quantity,
    quantityUnit: n.quantityUnit,
    placeLabel: x.placeLabel,
    helpersNeeded: n.helpersNeeded,
    helpersClaimed: n.helpersClaimed,
    supporters: x.supporters,
    escalationLevel: n.escalationLevel,
    overdue: x.overdue,
    photoCount: x.photoCount,
    partnerUnit:
      n.partnerUnitId && x.partnerName !== null ? { id: n.partnerUnitId, name: x.partnerName } : null,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  };
}

const FOLLOW_UP_EVENTS: readonly string[] = ['follow_up_scheduled', 'follow_up_done'];

type Params = Record<string, string | number | null>;

function pick(o: Params, keys: readonly string[]): Params {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
}

function parseParams(json: string | null): Record<string, string | number | null> {
  if (json === null) return {};
  try {
    const v = JSON.parse(json) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Record<string, string | number | null> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === 'string' || typeof x === 'number' || x === null) out[k] = x;
      else if (typeof x === 'boolean') out[k] = x ? 1 : 0;
    }
    return out;
  } catch {
    return {};
  }
}

/**
 * The full view of a need for a caller who may open it. The resident's name and flat are shown in
 * full to the community's staff, the active helpers and the resident; her phone only to herself
 * (staff and helpers reveal it with revealContact, which is audited).
 */
export async function toDetail(
  db: Q,
  caller: Caller,
  need: Need,
  relations: readonly NeedRelation[],
  now: Date,
): Promise<NeedDetail> {
  const helper = relations.includes('helper');
  const staff = relations.includes('staff');
  const resident = relations.includes('resident');
  const full = staff || helper || resident;
  const [summary] = await toSummaries(db, caller, [need], now);
  const chain = await findPlacesByIds(db, pathIds(need.placePath));
  const shownKinds: PlaceKind[] = full
    ? ['street', 'community', 'compound', 'building', 'unit', 'household']
    : ['street', 'community', 'compound', 'building'];
  const place = chain
    .filter((p) => shownKinds.includes(p.kind as PlaceKind))
    .map((p) => ({ id: p.id, kind: p.kind as PlaceKind, name: p.name }));

  const who = await residentOf(db, need);
  const hasResident = need.residentUserId !== null || need.residentPersonId !== null || who.name !== null;
  const residentView = hasResident
    ? {
        // Her account id only to those who see her in full (it would link her needs for the others).
        userId: full ? need.residentUserId : null,
        name: who.name === null ? '' : full ? who.name : maskName(who.name),
      }
    : null;
  const phoneFull = resident && who.phone !== null;

  const [events, claims, logs, photos, followUps, supportedByMe, settings, household] = await Promise.all([
    repo.listNeedEvents(db, need.id),
    repo.activeClaimsOf(db, need.id),
    repo.serviceLogsOf(db, need.id),
    repo.photosOfNeed(db, need.id),
    repo.followUpsOf(db, need.id),
    repo.isSupporter(db, need.id, caller.userId),
    needSettingsFor(db, need.placePath),
    full ? [] : repo.householdUserIds(db, need.householdId),
  ]);
  // Whose names are masked on the timeline for the others: the resident, her household, and the
  // neighbours who said "me too".
  const residents = new Set([need.residentUserId, ...household]);
  const hoursBy = new Map<string, number>();
  for (const l of logs) hoursBy.set(l.user_id, (hoursBy.get(l.user_id) ?? 0) + Number(l.hours));
  const seesFollowUps =
    staff ||
    helper ||
    relations.includes('leader') ||
    decideAccess(caller.grants, 'needs.read', need.placePath) === 'allow';
  const postedByUser =
    need.postedBy === null ? undefined : (await repo.findUsersByIds(db, [need.postedBy]))[0];
  const postedBySelf = need.postedBy !== null && residents.has(need.postedBy);

  return {
    ...summary!,
    place,
    resident: residentView,
    phone: who.phone === null ? null : phoneFull ? who.phone : maskPhone(who.phone),
    phoneMasked: who.phone !== null && !phoneFull,
    rating: need.rating,
    thanks: need.thanks,
    photos: photos.filter((p) => p.logId === null).map(photoRef),
    claims: claims.map((c) => ({
      id: c.id,
      userId: c.user_id,
      name: c.name,
      claimedAt: c.claimed_at,
      assigned: c.assigned_by !== null,
      hours: hoursBy.get(c.user_id) ?? 0,
    })),
    logs: logs.map((l) => ({
      id: l.id,
      userId: l.user_id,
      name: l.name,
      at: l.at,
      note: l.note,
      hours: Number(l.hours),
      outsideHelpers: Number(l.outside_helpers),
      itemsHandled: Number(l.items_handled),
      photos: photos.filter((p) => p.logId === l.id).map(photoRef),
    })),
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind as NeedDetail['timeline'][number]['kind'],
      actorName:
        e.actor_id === null
          ? null
          : (residents.has(e.actor_id) || e.kind === 'supported') && !full
            ? maskName(e.actor_name ?? '')
            : (e.actor_name ?? ''),
      // A follow-up's note, assignee and outcome are for those who see the follow-ups themselves.
      params:
        FOLLOW_UP_EVENTS.includes(e.kind) && !seesFollowUps
          ? pick(parseParams(e.params), ['dueAt'])
          : parseParams(e.params),
    })),
    followUps: seesFollowUps
      ? followUps.map((f) => ({
          id: f.id,
          needId: f.need_id,
          assignee: { id: f.assignee_id, name: f.assignee_name },
          dueAt: f.due_at,
          note: f.note,
          createdAt: f.created_at,
          remindedAt: f.reminded_at,
          doneAt: f.done_at,
          outcome: f.outcome,
        }))
      : [],
    totals: {
      hours: logs.reduce((s, l) => s + Number(l.hours), 0),
      outsideHelpers: logs.reduce((s, l) => s + Number(l.outside_helpers), 0),
      itemsHandled: logs.reduce((s, l) => s + Number(l.items_handled), 0),
    },
    actions: availableActions(stateOf(need), relations),
    canReveal: staff || helper,
    supportedByMe,
    autoConfirmAt:
      need.status === 'done' && need.doneAt !== null
        ? new Date(Date.parse(need.doneAt) + settings.autoConfirmDays * 86_400_000).toISOString()
        : null,
    postedBy:
      postedByUser === undefined
        ? null
        : {
            id: postedByUser.id,
            name: postedBySelf && !full ? maskName(postedByUser.display_name) : postedByUser.display_name,
          },
    source: need.source,
  };
}
