import type { Kysely } from 'kysely';
import {
  audienceRank,
  NEED_AUDIENCES,
  type NeedAudience,
  type NeedSettings,
  rungsFor,
  UNCLAIMED_STATUSES,
} from '../../../domain/needs.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { cancelJobs, type Job, type JobSpec, scheduleJobs } from '../../lib/jobs.js';
import { notify } from '../notifications/notifications.service.js';
import { callsOf } from '../whistles/whistles.repository.js';
import { blowWhistleForNeed } from '../whistles/whistles.service.js';
import { recipientsAt } from './needs.audience.js';
import type { NeedFacts } from './needs.events.js';
import * as ladderRepo from './needs.ladder.repository.js';
import { findNeed, recordNeedEvent } from './needs.repository.js';
import { labelFrom, needSettingsFor, placeLabelOf, toFacts } from './needs.service.js';

// The ladder (吹哨, issue 4 item 6): what nobody claims climbs, rung by rung, to a wider audience.
// Each rung is a stored job (`need.escalate`, ref = the need) scheduled when the need is posted, so
// escalations survive a restart and, run by lib/jobs, fire exactly once across instances. A rung that
// fires checks the need again: claimed, cancelled or already as wide (staff published it) → nothing.

type Q = Kysely<Database>;
type Params = Record<string, string | number | null>;

export const ESCALATE_JOB = 'need.escalate';
export const AUTO_CONFIRM_JOB = 'need.auto_confirm';
export const FOLLOW_UP_JOB = 'need.follow_up';

/** Where the web app opens a need. */
export const needLink = (id: string) => `/needs/${id}`;

type NeedWhere = Pick<
  NeedFacts,
  'id' | 'placePath' | 'buildingId' | 'compoundId' | 'communityId' | 'partnerUnitId' | 'residentUserId'
>;

/** Facts every need notification carries: category, urgency and where (never the flat). */
export async function needParams(
  db: Q,
  need: Pick<NeedFacts, 'category' | 'urgency' | 'placePath'>,
  /** The places on its path, when the caller has them already. */
  chain?: readonly Pick<PlaceRow, 'kind' | 'name'>[],
): Promise<Params> {
  const settings = await needSettingsFor(db, need.placePath);
  const own = settings.categories.find((c) => c.code === need.category);
  return {
    category: need.category,
    ...(own?.nameZh ? { categoryName: own.nameZh } : {}),
    urgency: need.urgency,
    place: chain ? labelFrom(chain, false) : await placeLabelOf(db, need.placePath, false),
  };
}

/**
 * Schedule the rungs of the district's ladder for this need's urgency that would widen it, each at
 * posting + afterMinutes (never before `notBefore`, for a need that became unclaimed again).
 */
export async function scheduleLadder(
  trx: Q,
  deps: Deps,
  need: Pick<NeedFacts, 'id' | 'placePath' | 'urgency' | 'audience' | 'createdAt'>,
  opts: { notBefore?: Date } = {},
): Promise<number> {
  const settings = await needSettingsFor(trx, need.placePath);
  return (await scheduleJobs(trx, ladderJobs(settings, need, deps.clock.now(), opts))).length;
}

/** The jobs scheduleLadder stores, for settings already read. */
export function ladderJobs(
  settings: Pick<NeedSettings, 'ladder'>,
  need: Pick<NeedFacts, 'id' | 'urgency' | 'audience' | 'createdAt'>,
  now: Date,
  opts: { notBefore?: Date } = {},
): JobSpec[] {
  const posted = Date.parse(need.createdAt);
  return rungsFor(settings.ladder, need.urgency)
    .filter((rung) => audienceRank(rung.reach) > audienceRank(need.audience))
    .map((rung) => ({
      kind: ESCALATE_JOB,
      refId: need.id,
      runAt: new Date(
        Math.max(posted + rung.afterMinutes * 60_000, opts.notBefore?.getTime() ?? 0),
      ).toISOString(),
      now: now.toISOString(),
      payload: { reach: rung.reach, afterMinutes: rung.afterMinutes },
    }));
}

/** Take a need off the ladder (claimed, cancelled). */
export function cancelLadder(trx: Q, needId: string): Promise<number> {
  return cancelJobs(trx, { kind: ESCALATE_JOB, refId: needId });
}

function isAudience(v: unknown): v is NeedAudience {
  return typeof v === 'string' && (NEED_AUDIENCES as readonly string[]).includes(v);
}

/**
 * Job handler for one rung: if the need is still unclaimed and narrower than the rung, widen it
 * (audience, escalation_level + 1, escalated_at), put `escalated` on its timeline and tell the users
 * the wider audience newly reaches. Urgent needs also alert them through the channels.
 */
export async function escalateNeed(trx: Q, job: Job, deps: Deps): Promise<void> {
  const reach = job.payload.reach;
  if (!isAudience(reach)) throw new Error(`need.escalate ${job.id}: no reach in the payload`);
  const afterMinutes = Number(job.payload.afterMinutes ?? 0);
  const need = await findNeed(trx, job.refId);
  if (!need || !UNCLAIMED_STATUSES.includes(need.status)) return;
  if (audienceRank(need.audience) >= audienceRank(reach)) return;

  const now = deps.clock.now().toISOString();
  const reachedBefore = new Set(await recipientsAt(trx, need, need.audience));
  const reachedNow = await recipientsAt(trx, need, reach);
  if (!(await ladderRepo.escalateNeedRow(trx, need.id, reach, now))) return;
  await recordNeedEvent(trx, {
    needId: need.id,
    communityId: need.communityId,
    at: now,
    actorId: null,
    kind: 'escalated',
    params: { reach, afterMinutes },
  });
  if (reach === 'whistle') {
    // The top rung blows a whistle (C2) for the need: reported-in members and paired partner units
    // are called to come (`whistle_blown`); they are not told a second time below.
    const whistleId = await blowWhistleForNeed(trx, deps, { ...toFacts(need), audience: reach });
    for (const call of await callsOf(trx, [whistleId])) reachedBefore.add(call.user_id);
  }
  await notify(trx, deps, {
    userIds: reachedNow.filter((u) => !reachedBefore.has(u)),
    kind: 'need_escalated',
    needId: need.id,
    link: needLink(need.id),
    params: { ...(await needParams(trx, need)), reach, afterMinutes },
    alert: need.urgency === 'urgent' || reach === 'whistle',
  });
}

/** Who is told when a need changes, besides the users the step names. */
export async function concernedBy(
  trx: Q,
  need: NeedWhere & Pick<NeedFacts, 'audience'>,
  kind: string,
): Promise<(string | null)[]> {
  switch (kind) {
    case 'need_convened':
      // Convening publishes a task: everyone it reaches now, and the resident.
      return [...(await recipientsAt(trx, need, need.audience)), need.residentUserId];
    case 'need_claimed':
    case 'need_assigned':
    case 'need_unclaimed':
    case 'need_logged':
    case 'need_done':
    case 'need_supported':
      return [need.residentUserId];
    case 'need_confirmed':
    case 'need_reopened':
    case 'need_cancelled':
      return ladderRepo.helperIdsOf(trx, need.id);
    default:
      return [];
  }
}
