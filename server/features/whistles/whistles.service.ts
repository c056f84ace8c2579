import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  BlowWhistleBody,
  WhistleDetail,
  WhistleQuery,
  WhistleSummary,
} from '../../../domain/contracts/members.js';
import { AppError } from '../../../domain/errors.js';
import {
  median,
  minutesBetween,
  whistleCallActions,
  type WhistleAnswer,
  type WhistleStatus,
  type WhistleVia,
} from '../../../domain/members.js';
import { pathIds, type PlaceKind } from '../../../domain/places.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../lib/http.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import type { Caller } from '../../plugins/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import { communityOfPlace, mayOver, parseList, placeLabels, tell } from '../members/members.common.js';
import type { NeedFacts } from '../needs/needs.events.js';
import { findPlace, findPlacesByIds } from '../places/places.repository.js';
import * as repo from './whistles.repository.js';
import { districtDay } from '../../../domain/district-time.js';

type Q = Kysely<Database>;
type Tell = Deps | undefined;

interface Audience {
  reportedMembers: boolean;
  partnerUnitIds: string[];
  redButlerCompoundIds: string[];
}

/** The district's calendar day: a pairing made for 1 December counts from 00:00 in China. */
const today = (now: string) => districtDay(now);

// Audiences -----------------------------------------------------------------------------------------

/** The community and the places above it: where a pairing that covers the community sits. */
function pairingPlaceIds(community: PlaceRow): string[] {
  return pathIds(community.path);
}

export async function audienceOptions(db: Q, actor: Actor, place: PlaceRow) {
  const community = await communityOfPlace(db, place);
  const [members, units, compounds, butlers] = await Promise.all([
    repo.reportedMemberUsers(db, community.id),
    repo.pairedUnits(db, pairingPlaceIds(community), today(actor.now)),
    repo.compoundsOf(db, community.id),
    repo.redButlersOf(db, community.id),
  ]);
  return {
    reportedMembers: members.length,
    partnerUnits: units.map((u) => ({ id: u.id, name: u.name, contacts: Number(u.contacts ?? 0) })),
    compounds: compounds.map((c) => ({
      id: c.id,
      kind: c.kind as PlaceKind,
      name: c.name,
      redButlers: butlers.filter((b) => b.user_id !== null && servesCompound(b, c.path)).length,
    })),
  };
}

function servesCompound(b: { building_path: string | null; org_path: string | null }, compoundPath: string) {
  return (
    (b.building_path?.startsWith(compoundPath) ?? false) || (b.org_path?.startsWith(compoundPath) ?? false)
  );
}

/** Who a whistle calls: one call per person, for the first reason that reaches her. */
async function resolveAudience(db: Q, community: PlaceRow, audience: Audience, now: string) {
  const calls = new Map<string, { via: WhistleVia; partnerUnitId: string | null }>();
  if (audience.reportedMembers) {
    for (const u of await repo.reportedMemberUsers(db, community.id))
      calls.set(u, { via: 'reported_member', partnerUnitId: null });
  }
  if (audience.partnerUnitIds.length > 0) {
    const paired = new Set(
      (await repo.pairedUnits(db, pairingPlaceIds(community), today(now))).map((u) => u.id),
    );
    if (audience.partnerUnitIds.some((id) => !paired.has(id))) throw new AppError('WHISTLE_AUDIENCE_INVALID');
    for (const c of await repo.contactsOfUnits(db, audience.partnerUnitIds)) {
      if (!calls.has(c.user_id))
        calls.set(c.user_id, { via: 'partner_unit', partnerUnitId: c.partner_unit_id });
    }
  }
  if (audience.redButlerCompoundIds.length > 0) {
    const compounds = await repo.compoundsOf(db, community.id);
    const chosen = compounds.filter((c) => audience.redButlerCompoundIds.includes(c.id));
    if (chosen.length !== new Set(audience.redButlerCompoundIds).size)
      throw new AppError('WHISTLE_AUDIENCE_INVALID');
    for (const b of await repo.redButlersOf(db, community.id)) {
      if (b.user_id && chosen.some((c) => servesCompound(b, c.path)) && !calls.has(b.user_id)) {
        calls.set(b.user_id, { via: 'red_butler', partnerUnitId: null });
      }
    }
  }
  return calls;
}

// Views ---------------------------------------------------------------------------------------------

function countsOf(calls: repo.CallRow[]) {
  return {
    called: calls.length,
    coming: calls.filter((c) => c.answer === 'coming').length,
    cannot: calls.filter((c) => c.answer === 'cannot').length,
    unanswered: calls.filter((c) => c.answer === 'pending').length,
    arrived: calls.filter((c) => c.arrived_at !== null).length,
    done: calls.filter((c) => c.done_at !== null).length,
  };
}

async function summaries(db: Q, caller: Caller, rows: repo.WhistleRow[]): Promise<WhistleSummary[]> {
  const [calls, places] = await Promise.all([
    repo.callsOf(
      db,
      rows.map((w) => w.id),
    ),
    findPlacesByIds(db, [...new Set(rows.map((w) => w.place_id))]),
  ]);
  const placeById = new Map(places.map((p) => [p.id, p]));
  const labels = await placeLabels(db, places);
  return rows.map((w) => {
    const of = calls.filter((c) => c.whistle_id === w.id);
    const mine = of.find((c) => c.user_id === caller.userId);
    const place = placeById.get(w.place_id)!;
    return {
      id: w.id,
      communityId: w.community_id,
      title: w.title,
      place: { id: place.id, kind: place.kind as PlaceKind, name: place.name },
      placeLabel: labels.get(place.id) ?? place.name,
      where: w.where_text,
      happensAt: w.happens_at,
      arriveBy: w.arrive_by,
      peopleNeeded: w.people_needed,
      skills: parseList(w.skills),
      status: w.status as WhistleStatus,
      needId: w.need_id,
      blownAt: w.blown_at,
      blownBy: w.blown_by && w.blown_by_name ? { id: w.blown_by, name: w.blown_by_name } : null,
      closedAt: w.closed_at,
      counts: countsOf(of),
      medianMinutesToArrive: median(
        of.filter((c) => c.minutes_to_arrive !== null).map((c) => Number(c.minutes_to_arrive)),
      ),
      myCall: mine
        ? { answer: mine.answer as WhistleAnswer, arrivedAt: mine.arrived_at, doneAt: mine.done_at }
        : null,
    };
  });
}

async function detail(db: Q, caller: Caller, w: repo.WhistleRow): Promise<WhistleDetail> {
  const [summary] = await summaries(db, caller, [w]);
  const isStaff = mayOver(caller, 'members.read', w.place_path);
  const canClose = mayOver(caller, 'whistles.manage', w.place_path) && w.status === 'open';
  const calls = await repo.callsOf(db, [w.id]);
  const mine = calls.find((c) => c.user_id === caller.userId);
  const audience = JSON.parse(w.audience) as Audience;
  const [units, compounds] = await Promise.all([
    repo.unitNamesOf(db, audience.partnerUnitIds),
    findPlacesByIds(db, audience.redButlerCompoundIds),
  ]);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  return {
    ...summary!,
    description: w.description,
    audience: {
      reportedMembers: audience.reportedMembers,
      partnerUnits: audience.partnerUnitIds.map((id) => ({ id, name: unitNames.get(id) ?? '' })),
      redButlerCompounds: compounds.map((c) => ({ id: c.id, kind: c.kind as PlaceKind, name: c.name })),
    },
    calls: calls
      .filter((c) => isStaff || c.user_id === caller.userId)
      .map((c) => ({
        id: c.id,
        person: { id: c.user_id, name: c.person_name },
        via: c.via as WhistleVia,
        partnerUnit: c.partner_unit_id ? { id: c.partner_unit_id, name: c.partner_unit_name ?? '' } : null,
        answer: c.answer as WhistleAnswer,
        answeredAt: c.answered_at,
        note: c.note,
        arrivedAt: c.arrived_at,
        minutesToArrive: c.minutes_to_arrive === null ? null : Number(c.minutes_to_arrive),
        late: c.arrived_at !== null && c.arrived_at > w.arrive_by,
        doneAt: c.done_at,
        doneNote: c.done_note,
      })),
    closedNote: w.closed_note,
    actions: [
      ...(mine
        ? whistleCallActions(w.status as WhistleStatus, {
            answer: mine.answer as WhistleAnswer,
            arrivedAt: mine.arrived_at,
            doneAt: mine.done_at,
          })
        : []),
      ...(canClose ? (['close'] as const) : []),
    ],
  };
}

/** A whistle the caller may see: staff over its place, or someone it called; else 404. */
async function visibleWhistle(db: Q, caller: Caller, id: string) {
  const w = await repo.findWhistle(db, id);
  if (!w) throw new AppError('NOT_FOUND');
  if (!mayOver(caller, 'members.read', w.place_path)) {
    const mine = await repo.callsOf(db, [w.id], caller.userId);
    if (mine.length === 0) throw new AppError('NOT_FOUND');
  }
  return w;
}

export async function scopeOfWhistle(db: Q, id: string): Promise<string | undefined> {
  return (await repo.findWhistle(db, id))?.place_id;
}

export async function getWhistle(db: Q, actor: Actor, id: string) {
  return detail(db, actor.caller, await visibleWhistle(db, actor.caller, id));
}

export async function listUnder(db: Q, actor: Actor, place: PlaceRow, q: z.infer<typeof WhistleQuery>) {
  const rows = await repo.listWhistles(db, {
    placePath: place.path,
    status: q.status,
    before: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const page = toPage(rows, q.limit);
  return { items: await summaries(db, actor.caller, page.items), nextCursor: page.nextCursor };
}

export async function listMine(db: Q, actor: Actor, q: z.infer<typeof WhistleQuery>) {
  const rows = await repo.listWhistles(db, {
    calledUserId: actor.caller.userId,
    status: q.status,
    before: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const page = toPage(rows, q.limit);
  return { items: await summaries(db, actor.caller, page.items), nextCursor: page.nextCursor };
}

// Blowing -------------------------------------------------------------------------------------------

interface WhistleInput {
  community: PlaceRow;
  place: PlaceRow;
  title: string;
  description: string | null;
  where: string | null;
  happensAt: string;
  arriveBy: string;
  peopleNeeded: number;
  skills: string[];
  audience: Audience;
  needId: string | null;
  blownBy: string | null;
  now: string;
}

async function blow(db: Q, deps: Tell, w: WhistleInput, opts: { allowEmpty: boolean }): Promise<string> {
  const calls = await resolveAudience(db, w.community, w.audience, w.now);
  if (calls.size === 0 && !opts.allowEmpty) throw new AppError('WHISTLE_AUDIENCE_EMPTY');
  const id = newId();
  await repo.insertWhistle(db, {
    id,
    community_id: w.community.id,
    place_id: w.place.id,
    place_path: w.place.path,
    title: w.title,
    description: w.description,
    where_text: w.where,
    happens_at: w.happensAt,
    arrive_by: w.arriveBy,
    people_needed: w.peopleNeeded,
    skills: JSON.stringify(w.skills),
    audience: JSON.stringify(w.audience),
    need_id: w.needId,
    status: 'open',
    blown_by: w.blownBy,
    blown_at: w.now,
    updated_at: w.now,
  });
  await repo.insertCalls(
    db,
    [...calls].map(([userId, c]) => ({
      id: newId(),
      whistleId: id,
      communityId: w.community.id,
      placePath: w.place.path,
      userId,
      via: c.via,
      partnerUnitId: c.partnerUnitId,
      now: w.now,
    })),
  );
  await tell(db, deps, {
    userIds: [...calls.keys()],
    kind: 'whistle_blown',
    link: `/whistles/${id}`,
    needId: w.needId,
    params: { title: w.title, place: w.place.name, arriveBy: w.arriveBy, peopleNeeded: w.peopleNeeded },
    actorId: w.blownBy,
    alert: true,
    now: w.now,
  });
  return id;
}

export async function blowWhistle(
  db: Q,
  deps: Tell,
  actor: Actor,
  scope: PlaceRow,
  body: z.infer<typeof BlowWhistleBody>,
) {
  const community = await communityOfPlace(db, scope);
  const place = await findPlace(db, body.placeId);
  if (!place || !place.path.startsWith(community.path)) throw new AppError('PLACE_OUTSIDE_COMMUNITY');
  const arriveBy = new Date(body.arriveBy).toISOString();
  if (arriveBy <= actor.now) throw new AppError('WHISTLE_TIMES_INVALID');
  const id = await blow(
    db,
    deps,
    {
      community,
      place,
      title: body.title,
      description: body.description ?? null,
      where: body.where ?? null,
      happensAt: new Date(body.happensAt).toISOString(),
      arriveBy,
      peopleNeeded: body.peopleNeeded,
      skills: body.skills,
      audience: body.audience,
      needId: null,
      blownBy: actor.caller.userId,
      now: actor.now,
    },
    { allowEmpty: false },
  );
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'whistle',
    entityId: id,
    place,
    summary: `Blew the whistle: ${body.title}`,
    params: { title: body.title },
    ip: actor.ip,
    at: actor.now,
  });
  return getWhistle(db, actor, id);
}

/** How long those called for a need have to arrive. */
const NEED_WHISTLE_ARRIVE_MINUTES = 60;

/**
 * The needs ladder's top rung: blow a whistle linked to the need, to the members reported in to its
 * community and the partner units paired with it. Idempotent: a need with an open whistle keeps it.
 * Returns the whistle's id.
 */
export async function blowWhistleForNeed(trx: Q, deps: Deps, need: NeedFacts): Promise<string> {
  const open = await repo.findOpenWhistleOfNeed(trx, need.id);
  if (open) return open.id;
  const row = await repo.needForWhistle(trx, need.id);
  const community = await findPlace(trx, need.communityId);
  // The whistle calls people outside the need's circle: it names the building (or compound) of a
  // household's need, never the flat (issue 4 item 7).
  const spotId =
    need.householdId !== null ? (need.buildingId ?? need.compoundId ?? need.communityId) : row?.place_id;
  const place = row && spotId ? await findPlace(trx, spotId) : undefined;
  if (!row || !community || !place) throw new AppError('NOT_FOUND');
  const now = deps.clock.now().toISOString();
  const units = await repo.pairedUnits(trx, pairingPlaceIds(community), today(now));
  const title = [...row.description].slice(0, 80).join('');
  return blow(
    trx,
    deps,
    {
      community,
      place,
      title,
      description: row.description,
      where: null,
      happensAt: now,
      arriveBy: new Date(Date.parse(now) + NEED_WHISTLE_ARRIVE_MINUTES * 60_000).toISOString(),
      peopleNeeded: Math.max(1, row.helpers_needed - row.helpers_claimed),
      skills: [],
      audience: { reportedMembers: true, partnerUnitIds: units.map((u) => u.id), redButlerCompoundIds: [] },
      needId: need.id,
      blownBy: null,
      now,
    },
    { allowEmpty: true },
  );
}

// Answering -----------------------------------------------------------------------------------------

async function myCall(db: Q, actor: Actor, id: string) {
  const w = await visibleWhistle(db, actor.caller, id);
  const [call] = await repo.callsOf(db, [w.id], actor.caller.userId);
  if (!call) throw new AppError('FORBIDDEN');
  if (w.status !== 'open') throw new AppError('WHISTLE_CLOSED');
  return { w, call };
}

export async function answer(
  db: Q,
  actor: Actor,
  id: string,
  body: { answer: 'coming' | 'cannot'; note?: string | null },
) {
  const { w } = await myCall(db, actor, id);
  const ok = await repo.updateCall(
    db,
    w.id,
    actor.caller.userId,
    { arrived: false },
    {
      answer: body.answer,
      answered_at: actor.now,
      note: body.note ?? null,
    },
  );
  if (!ok) throw new AppError('WHISTLE_WRONG_STATE');
  return getWhistle(db, actor, id);
}

export async function checkIn(db: Q, actor: Actor, id: string) {
  const { w } = await myCall(db, actor, id);
  const ok = await repo.updateCall(
    db,
    w.id,
    actor.caller.userId,
    { arrived: false, answer: 'coming' },
    {
      arrived_at: actor.now,
      minutes_to_arrive: minutesBetween(w.blown_at, actor.now),
    },
  );
  if (!ok) throw new AppError('WHISTLE_WRONG_STATE');
  return getWhistle(db, actor, id);
}

export async function reportDone(db: Q, actor: Actor, id: string, note: string | null) {
  const { w } = await myCall(db, actor, id);
  const ok = await repo.updateCall(
    db,
    w.id,
    actor.caller.userId,
    { arrived: true, done: false },
    {
      done_at: actor.now,
      done_note: note,
    },
  );
  if (!ok) throw new AppError('WHISTLE_WRONG_STATE');
  return getWhistle(db, actor, id);
}

export async function close(db: Q, deps: Tell, actor: Actor, id: string, note: string | null) {
  const w = await visibleWhistle(db, actor.caller, id);
  if (!(await repo.closeWhistle(db, w.id, note, actor.now))) throw new AppError('WHISTLE_CLOSED');
  const calls = await repo.callsOf(db, [w.id]);
  await tell(db, deps, {
    userIds: calls.filter((c) => c.answer === 'coming').map((c) => c.user_id),
    kind: 'whistle_closed',
    link: `/whistles/${w.id}`,
    needId: w.need_id,
    params: { title: w.title },
    now: actor.now,
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'whistle',
    entityId: w.id,
    place: (await findPlace(db, w.place_id)) ?? null,
    summary: `Closed the whistle: ${w.title}`,
    params: { title: w.title },
    ip: actor.ip,
    at: actor.now,
  });
  return getWhistle(db, actor, id);
}
