import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  AssignBody,
  ConfirmBody,
  ConveneBody,
  DoneBody,
  OptionalReasonBody,
  ReasonBody,
  ServiceLogBody,
  NEED_EVENT_KINDS,
  NeedDetail,
} from '../../../domain/contracts/needs.js';
import type { NotificationKind } from '../../../domain/contracts/notifications.js';
import { AppError } from '../../../domain/errors.js';
import {
  decideStep,
  type NeedAction,
  type NeedRefusal,
  type NeedRelation,
  type NeedStatus,
  widerAudience,
  type NeedAudience,
} from '../../../domain/needs.js';
import { type PlaceKind, pathIds } from '../../../domain/places.js';
import type { Role } from '../../../domain/roles.js';
import type { Database } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../lib/http.js';
import { newId } from '../../lib/ids.js';
import type { CallerGrant } from '../../plugins/access.js';
import { findGrantsOfUser } from '../auth/auth.repository.js';
import { todayOf } from '../partners/partners.service.js';
import { afterNeedChanged } from './needs.events.js';
import { relationsOf } from './needs.audience.js';
import { findNeed, loadNeedFor, type Need, recordNeedEvent, stateOf, toFacts } from './needs.service.js';
import { toDetail } from './needs.views.js';
import * as repo from './serving.repository.js';

// The steps of a need after posting: convene, assign, claim, unclaim, log, done, confirm, reopen,
// cancel. Each one: load the need as the caller may see it (else 404), ask the domain whether the
// caller may take the step now (decideStep), apply it with one conditional UPDATE (a step that lost a
// race changes nothing and answers 409), put it on the timeline and call the hook.

type Q = Kysely<Database>;
type Params = Record<string, string | number | null>;
type NeedEventKind = (typeof NEED_EVENT_KINDS)[number];

export function refusalError(reason: NeedRefusal): AppError {
  switch (reason) {
    case 'not_allowed':
      return new AppError('FORBIDDEN');
    case 'wrong_state':
      return new AppError('NEED_WRONG_STATE');
    case 'full':
      return new AppError('NEED_FULL');
  }
}

/** The need as the caller may see it (else 404) and the status the step leads to (else 403/409). */
async function decide(trx: Q, actor: Actor, id: string, action: NeedAction) {
  const { need, relations } = await loadNeedFor(trx, actor, id);
  const d = decideStep(action, stateOf(need), relations);
  if (!d.ok) throw refusalError(d.reason);
  return { need, relations, next: d.value };
}

/** A conditional update that changed nothing: someone else moved the need first. */
function lostRace(changed: boolean): void {
  if (!changed) throw new AppError('NEED_WRONG_STATE');
}

/** A need that exists (the step already found it; a vanished one is a 404). */
async function loadNeed(trx: Q, id: string): Promise<Need> {
  const need = await findNeed(trx, id);
  if (!need) throw new AppError('NOT_FOUND');
  return need;
}

/** Timeline row, then the hook, both about the need as it stands after the step. */
async function finish(
  trx: Q,
  deps: Deps,
  needId: string,
  step: {
    event: NeedEventKind;
    kind: NotificationKind;
    actorId: string | null;
    at: string;
    params?: Params;
    userIds?: string[];
  },
): Promise<Need> {
  const need = await loadNeed(trx, needId);
  const params = step.params ?? {};
  await recordNeedEvent(trx, {
    needId: need.id,
    communityId: need.communityId,
    at: step.at,
    actorId: step.actorId,
    kind: step.event,
    params,
  });
  await afterNeedChanged(trx, deps, toFacts(need), {
    kind: step.kind,
    actorId: step.actorId,
    userIds: step.userIds ?? [],
    params,
  });
  return need;
}

/** How another user (an assignee) stands to a need, from her grants as a session would carry them. */
export async function relationsOfUser(trx: Q, userId: string, need: Need): Promise<NeedRelation[]> {
  const user = await repo.findActiveUser(trx, userId);
  if (!user) return [];
  const grants: CallerGrant[] = (await findGrantsOfUser(trx, userId)).map((g) => ({
    id: g.id,
    role: g.role as Role,
    placeId: g.place_id,
    placePath: g.path ?? null,
    placeName: g.name ?? null,
    placeKind: (g.kind as PlaceKind | null) ?? null,
    communityId: g.community_id,
  }));
  return relationsOf(
    trx,
    { caller: { userId, sessionId: '', displayName: user.display_name, grants } },
    need,
  );
}

/**
 * The need's detail as the caller sees it after her step. A step can end her relation to it (she
 * gave her place back on a need she no longer reaches): she then gets the masked view of it.
 */
export async function detailFor(trx: Q, actor: Actor, id: string): Promise<NeedDetail> {
  const now = new Date(actor.now);
  try {
    const { need, relations } = await loadNeedFor(trx, actor, id);
    return await toDetail(trx, actor.caller, need, relations, now);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err;
    return toDetail(trx, actor.caller, await loadNeed(trx, id), [], now);
  }
}

// Convene and assign (community staff) ---------------------------------------------------------------

/**
 * Staff convene a need: how many helpers it needs (never fewer than have claimed), a partner unit
 * paired with its community (its contacts become responders), and publishing widens it to the
 * community's volunteers.
 */
export async function conveneNeed(
  trx: Q,
  deps: Deps,
  actor: Actor,
  id: string,
  body: z.infer<typeof ConveneBody>,
): Promise<Need> {
  const { need, next } = await decide(trx, actor, id, 'convene');
  if (body.helpersNeeded < need.helpersClaimed) {
    throw new AppError('NEED_HELPERS_TOO_FEW', undefined, {
      details: [{ path: 'body.helpersNeeded', message: `${need.helpersClaimed} helpers have claimed it` }],
    });
  }
  let partner: { id: string; name: string } | null = null;
  if (body.partnerUnitId) {
    partner =
      (await repo.pairedUnit(
        trx,
        body.partnerUnitId,
        need.districtId,
        pathIds(need.placePath),
        todayOf(actor.now),
      )) ?? null;
    if (!partner) {
      throw new AppError(
        'PARTNER_PLACE_NOT_PAIRED',
        'The partner unit is not paired with this need’s community.',
        {
          details: [{ path: 'body.partnerUnitId', message: 'not paired with this community' }],
        },
      );
    }
  } else if (body.partnerUnitId === undefined && need.partnerUnitId) {
    partner = (await repo.findPartnerUnitName(trx, need.partnerUnitId)) ?? null;
  }
  const audience: NeedAudience = body.publish ? widerAudience(need.audience, 'community') : need.audience;
  lostRace(
    await repo.updateNeedIf(
      trx,
      need.id,
      { status: need.status, maxClaimed: body.helpersNeeded },
      {
        status: next,
        helpers_needed: body.helpersNeeded,
        partner_unit_id: partner?.id ?? null,
        convened_at: need.convenedAt ?? actor.now,
        audience,
        updated_at: actor.now,
      },
    ),
  );
  return finish(trx, deps, need.id, {
    event: 'convened',
    kind: 'need_convened',
    actorId: actor.caller.userId,
    at: actor.now,
    params: {
      helpersNeeded: body.helpersNeeded,
      partnerUnit: partner?.name ?? null,
      audience,
      note: body.note ?? null,
    },
  });
}

/** Someone may be given a need (or a follow-up of it) when it has reached them. */
const REACHED: readonly NeedRelation[] = ['responder', 'leader', 'staff'];

/** Staff assign a need to someone it has reached: a claim made for them (assigned_by). */
export async function assignNeed(
  trx: Q,
  deps: Deps,
  actor: Actor,
  id: string,
  body: z.infer<typeof AssignBody>,
): Promise<Need> {
  const { need, relations } = await loadNeedFor(trx, actor, id);
  const d = decideStep('assign', stateOf(need), relations);
  if (!d.ok && d.reason === 'not_allowed') throw refusalError(d.reason);
  const theirs = await relationsOfUser(trx, body.userId, need);
  if (theirs.includes('helper'))
    throw new AppError('NEED_ALREADY_CLAIMED', 'This person has already claimed this need.');
  if (theirs.includes('resident') || !theirs.some((r) => REACHED.includes(r))) {
    throw new AppError('NEED_HELPER_INVALID', undefined, {
      details: [{ path: 'body.userId', message: 'the need has not reached this person' }],
    });
  }
  if (!d.ok) throw refusalError(d.reason);
  await takeClaim(trx, need, body.userId, actor.caller.userId, actor.now);
  const names = await repo.displayNames(trx, [body.userId]);
  return finish(trx, deps, need.id, {
    event: 'assigned',
    kind: 'need_assigned',
    actorId: actor.caller.userId,
    at: actor.now,
    userIds: [body.userId],
    params: { helper: names.get(body.userId) ?? null },
  });
}

// Claiming -------------------------------------------------------------------------------------------

/**
 * The counter first (one conditional UPDATE that also locks the need's row), then the claim row.
 * When the counter refuses, the need as it now stands says why (full or moved on).
 */
async function takeClaim(trx: Q, need: Need, userId: string, assignedBy: string | null, now: string) {
  if (!(await repo.takePlace(trx, need.id, now))) {
    const current = await loadNeed(trx, need.id);
    const d = decideStep('claim', stateOf(current), ['staff']);
    throw d.ok ? new AppError('NEED_WRONG_STATE') : refusalError(d.reason);
  }
  const claimId = await repo.upsertClaim(trx, {
    id: newId(),
    needId: need.id,
    communityId: need.communityId,
    userId,
    assignedBy,
    now,
  });
  // Throwing rolls the counter back with the rest of the transaction.
  if (claimId === undefined) throw new AppError('NEED_ALREADY_CLAIMED');
}

export async function claimNeed(trx: Q, deps: Deps, actor: Actor, id: string): Promise<Need> {
  const { need, relations } = await loadNeedFor(trx, actor, id);
  if (relations.includes('helper')) throw new AppError('NEED_ALREADY_CLAIMED');
  const d = decideStep('claim', stateOf(need), relations);
  if (!d.ok) throw refusalError(d.reason);
  await takeClaim(trx, need, actor.caller.userId, null, actor.now);
  return finish(trx, deps, need.id, {
    event: 'claimed',
    kind: 'need_claimed',
    actorId: actor.caller.userId,
    at: actor.now,
    userIds: [actor.caller.userId],
  });
}

export async function unclaimNeed(trx: Q, deps: Deps, actor: Actor, id: string): Promise<Need> {
  const { need } = await decide(trx, actor, id, 'unclaim');
  // The need's row first, as every step locks it first (no deadlock with a claim racing this).
  lostRace(await repo.releasePlace(trx, need.id, actor.now));
  lostRace(await repo.withdrawClaim(trx, need.id, actor.caller.userId, actor.now));
  return finish(trx, deps, need.id, {
    event: 'unclaimed',
    kind: 'need_unclaimed',
    actorId: actor.caller.userId,
    at: actor.now,
    userIds: [actor.caller.userId],
  });
}

// Serving --------------------------------------------------------------------------------------------

/** A helper (or staff) logs what was done: note, hours, outside helpers, items handled, photos. */
export async function logService(
  trx: Q,
  deps: Deps,
  actor: Actor,
  id: string,
  body: z.infer<typeof ServiceLogBody>,
): Promise<Need> {
  const { need, next } = await decide(trx, actor, id, 'log');
  lostRace(
    await repo.updateNeedIf(trx, need.id, { status: need.status }, { status: next, updated_at: actor.now }),
  );
  const logId = newId();
  await repo.insertServiceLog(trx, {
    id: logId,
    needId: need.id,
    communityId: need.communityId,
    userId: actor.caller.userId,
    at: actor.now,
    note: body.note ?? null,
    hours: body.hours,
    outsideHelpers: body.outsideHelpers,
    itemsHandled: body.itemsHandled,
  });
  const photoIds = [...new Set(body.photoIds)];
  const attached = await repo.attachLogPhotos(trx, {
    needId: need.id,
    logId,
    communityId: need.communityId,
    uploadedBy: actor.caller.userId,
    photoIds,
  });
  if (attached !== photoIds.length) throw new AppError('NEED_PHOTO_UNKNOWN');
  return finish(trx, deps, need.id, {
    event: 'logged',
    kind: 'need_logged',
    actorId: actor.caller.userId,
    at: actor.now,
    params: {
      hours: body.hours,
      outsideHelpers: body.outsideHelpers,
      itemsHandled: body.itemsHandled,
      photos: photoIds.length,
      note: body.note ?? null,
    },
  });
}

export async function markDone(
  trx: Q,
  deps: Deps,
  actor: Actor,
  id: string,
  body: z.infer<typeof DoneBody>,
): Promise<Need> {
  const { need, next } = await decide(trx, actor, id, 'done');
  lostRace(
    await repo.updateNeedIf(
      trx,
      need.id,
      { status: need.status },
      { status: next, done_at: actor.now, updated_at: actor.now },
    ),
  );
  return finish(trx, deps, need.id, {
    event: 'done',
    kind: 'need_done',
    actorId: actor.caller.userId,
    at: actor.now,
    userIds: need.residentUserId ? [need.residentUserId] : [],
    params: { note: body.note ?? null },
  });
}

// Confirming, reopening, cancelling --------------------------------------------------------------------

export type ConfirmBy = { by: 'system' } | { by: Actor; rating: number; thanks: string | null };

/**
 * Confirm a done need: the resident (or staff on her word) with a rating and thanks, or the system
 * when nobody answered within the district's autoConfirmDays (timeline `auto_confirmed`).
 * For the system it returns null, changing nothing, when the need is no longer done (reopened,
 * confirmed already, cancelled): the auto-confirmation job then has nothing left to do.
 */
export async function confirmNeed(trx: Q, deps: Deps, needId: string, how: ConfirmBy): Promise<Need | null> {
  let need: Need;
  let next: NeedStatus;
  if (how.by === 'system') {
    need = await loadNeed(trx, needId);
    const d = decideStep('confirm', stateOf(need), ['system']);
    if (!d.ok) return null;
    next = d.value;
  } else {
    ({ need, next } = await decide(trx, how.by, needId, 'confirm'));
  }
  const now = how.by === 'system' ? deps.clock.now().toISOString() : how.by.now;
  const rating = how.by === 'system' ? null : how.rating;
  const thanks = how.by === 'system' ? null : how.thanks;
  const changed = await repo.updateNeedIf(
    trx,
    need.id,
    { status: need.status },
    { status: next, confirmed_at: now, rating, thanks, updated_at: now },
  );
  if (!changed) {
    if (how.by === 'system') return null;
    throw new AppError('NEED_WRONG_STATE');
  }
  const helpers = await repo.activeHelperIds(trx, need.id);
  return finish(trx, deps, need.id, {
    event: how.by === 'system' ? 'auto_confirmed' : 'confirmed',
    kind: 'need_confirmed',
    actorId: how.by === 'system' ? null : how.by.caller.userId,
    at: now,
    userIds: helpers,
    params: { rating, thanks },
  });
}

export function confirmByCaller(
  trx: Q,
  deps: Deps,
  actor: Actor,
  id: string,
  body: z.infer<typeof ConfirmBody>,
) {
  return confirmNeed(trx, deps, id, {
    by: actor,
    rating: body.rating,
    thanks: body.thanks ?? null,
  }) as Promise<Need>;
}

/** The resident says it is not solved: back to in_service with the same helpers. */
export async function reopenNeed(
  trx: Q,
  deps: Deps,
  actor: Actor,
  id: string,
  body: z.infer<typeof ReasonBody>,
): Promise<Need> {
  const { need, next } = await decide(trx, actor, id, 'reopen');
  lostRace(
    await repo.updateNeedIf(
      trx,
      need.id,
      { status: need.status },
      { status: next, reopen_count: need.reopenCount + 1, done_at: null, updated_at: actor.now },
    ),
  );
  return finish(trx, deps, need.id, {
    event: 'reopened',
    kind: 'need_reopened',
    actorId: actor.caller.userId,
    at: actor.now,
    userIds: await repo.activeHelperIds(trx, need.id),
    params: { reason: body.reason, reopenCount: need.reopenCount + 1 },
  });
}

/** The resident (or staff) withdraws the need; every claim is released. */
export async function cancelNeed(
  trx: Q,
  deps: Deps,
  actor: Actor,
  id: string,
  body: z.infer<typeof OptionalReasonBody>,
): Promise<Need> {
  const { need, next } = await decide(trx, actor, id, 'cancel');
  lostRace(
    await repo.updateNeedIf(
      trx,
      need.id,
      { status: need.status },
      { status: next, helpers_claimed: 0, cancelled_at: actor.now, updated_at: actor.now },
    ),
  );
  const helpers = await repo.withdrawAllClaims(trx, need.id, actor.now);
  return finish(trx, deps, need.id, {
    event: 'cancelled',
    kind: 'need_cancelled',
    actorId: actor.caller.userId,
    at: actor.now,
    userIds: helpers,
    params: { reason: body.reason ?? null },
  });
}
