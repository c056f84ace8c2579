import type { Kysely } from 'kysely';
import type { NotificationKind } from '../../../domain/contracts/notifications.js';
import {
  type NeedAudience,
  type NeedSettings,
  type NeedStatus,
  type NeedUrgency,
  UNCLAIMED_STATUSES,
} from '../../../domain/needs.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { cancelJobs, type JobSpec, scheduleJob } from '../../lib/jobs.js';
import { type NotifyInput, notify } from '../notifications/notifications.service.js';
import { recipientsAt } from './needs.audience.js';
import {
  AUTO_CONFIRM_JOB,
  cancelLadder,
  concernedBy,
  FOLLOW_UP_JOB,
  ladderJobs,
  needLink,
  needParams,
  scheduleLadder,
} from './needs.ladder.js';
import * as ladderRepo from './needs.ladder.repository.js';
import { findNeed } from './needs.repository.js';
import { needSettingsFor } from './needs.service.js';

// The seam between the needs lifecycle (needs.service / serving.service) and what follows from it:
// notifications, urgent alerts through the channels, the ladder's stored jobs, auto-confirmation and
// follow-up reminders. Services call these inside their transaction, after the change is written;
// posting instead reads its effects first (effectsOfPosting) and writes them with its needs.
// Notifications are rows written in the same transaction and announced live after commit (lib/bus);
// channel messages and everything later are stored jobs (lib/jobs), so nothing is lost on a restart.

type Q = Kysely<Database>;

/** What the hooks need to know about a need, as it stands after the change. */
export interface NeedFacts {
  id: string;
  districtId: string;
  communityId: string;
  placePath: string;
  compoundId: string | null;
  buildingId: string | null;
  householdId: string | null;
  category: string;
  urgency: NeedUrgency;
  status: NeedStatus;
  audience: NeedAudience;
  residentUserId: string | null;
  partnerUnitId: string | null;
  createdAt: string;
}

/** A step on the need's timeline, as recorded. */
export interface NeedStep {
  kind: NotificationKind;
  actorId: string | null;
  /** Users the step concerns directly (the helper assigned, the helpers of a reopened need, …). */
  userIds?: string[];
  params?: Record<string, string | number | null>;
}

/**
 * A need was posted: its first audience (the building's responders) is told — an urgent need as
 * `need_urgent`, also through the channels (SMS, WeChat) at once — and its ladder is scheduled.
 * Read before the need is written (needs.service planNeed), and written with it (writeNeeds).
 */
export interface PostedEffects {
  notice: NotifyInput;
  ladder: JobSpec[];
}

/** The effects of posting `need`; reads only (from the copies, outside a transaction). */
export async function effectsOfPosting(
  db: Q,
  deps: Deps,
  need: NeedFacts,
  posted: {
    postedBy: string | null;
    chain: readonly PlaceRow[];
    settings: NeedSettings;
    /** Who it reaches first, when read already (needs.service postingContext). */
    firstAudience?: readonly string[];
  },
): Promise<PostedEffects> {
  const urgent = need.urgency === 'urgent';
  return {
    notice: {
      userIds: (posted.firstAudience ?? (await recipientsAt(db, need, need.audience))).filter(
        (u) => u !== need.residentUserId,
      ),
      kind: urgent ? 'need_urgent' : 'need_posted',
      needId: need.id,
      link: needLink(need.id),
      params: await needParams(db, need, posted.chain),
      actorId: posted.postedBy,
      alert: urgent,
    },
    ladder: ladderJobs(posted.settings, need, deps.clock.now()),
  };
}

/**
 * A need changed: tell who it concerns (the resident of claims, logs and done; the helpers of
 * confirmation, reopening and cancelling; the users the step names), never the actor. Then move its
 * jobs: off the ladder once claimed or closed (back on it when it is unclaimed again); confirmed by
 * itself `autoConfirmDays` after done unless the resident answers first.
 */
export async function afterNeedChanged(trx: Q, deps: Deps, need: NeedFacts, step: NeedStep): Promise<void> {
  await notify(trx, deps, {
    userIds: [...(await concernedBy(trx, need, step.kind)), ...(step.userIds ?? [])],
    kind: step.kind,
    needId: need.id,
    link: needLink(need.id),
    params: { ...(await needParams(trx, need)), ...step.params },
    actorId: step.actorId,
  });

  const unclaimed = UNCLAIMED_STATUSES.includes(need.status);
  if (!unclaimed) await cancelLadder(trx, need.id);
  else if (step.kind === 'need_unclaimed') {
    // Its helpers left: the rungs not yet climbed apply again, none earlier than now.
    await cancelLadder(trx, need.id);
    await scheduleLadder(trx, deps, need, { notBefore: deps.clock.now() });
  }

  if (need.status !== 'done') await cancelJobs(trx, { kind: AUTO_CONFIRM_JOB, refId: need.id });
  else if (step.kind === 'need_done') {
    const { autoConfirmDays } = await needSettingsFor(trx, need.placePath);
    const now = deps.clock.now();
    await cancelJobs(trx, { kind: AUTO_CONFIRM_JOB, refId: need.id });
    await scheduleJob(trx, {
      kind: AUTO_CONFIRM_JOB,
      refId: need.id,
      runAt: new Date(now.getTime() + autoConfirmDays * 86_400_000).toISOString(),
      now: now.toISOString(),
    });
  }
}

/** A follow-up was scheduled: tell the assignee now and remind her (inbox + channels) when it is due. */
export async function afterFollowUpScheduled(
  trx: Q,
  deps: Deps,
  followUp: { id: string; needId: string; assigneeId: string; dueAt: string },
): Promise<void> {
  const need = await findNeed(trx, followUp.needId);
  const row = await ladderRepo.findFollowUpForReminder(trx, followUp.id);
  await notify(trx, deps, {
    userIds: [followUp.assigneeId],
    kind: 'follow_up_scheduled',
    needId: followUp.needId,
    link: needLink(followUp.needId),
    params: { ...(need ? await needParams(trx, need) : {}), dueAt: followUp.dueAt, note: row?.note ?? null },
    actorId: row?.created_by ?? null,
  });
  await scheduleJob(trx, {
    kind: FOLLOW_UP_JOB,
    refId: followUp.id,
    runAt: followUp.dueAt,
    now: deps.clock.now().toISOString(),
  });
}
