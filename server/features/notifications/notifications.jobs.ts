import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Job, JobHandlers } from '../../lib/jobs.js';
import {
  AUTO_CONFIRM_JOB,
  escalateNeed,
  ESCALATE_JOB,
  FOLLOW_UP_JOB,
  needLink,
  needParams,
} from '../needs/needs.ladder.js';
import * as ladderRepo from '../needs/needs.ladder.repository.js';
import { findNeed } from '../needs/needs.repository.js';
import { confirmNeed } from '../needs/serving.service.js';
import { memberJobHandlers } from '../members/members.service.js';
import { CHANNEL_SEND_JOB, notify, sendThroughChannel } from './notifications.service.js';

// Every stored job kind and what runs it. main.ts hands these to the worker; tests to runDueJobs.

type Q = Kysely<Database>;

/** A done need nobody confirmed within the district's autoConfirmDays is confirmed by the system. */
async function autoConfirm(trx: Q, job: Job, deps: Deps): Promise<void> {
  // confirmNeed changes nothing when the need is no longer done (reopened, confirmed, cancelled).
  await confirmNeed(trx, deps, job.refId, { by: 'system' });
}

/** A follow-up is due: remind its assignee (inbox and channels) unless it was done already. */
async function remindFollowUp(trx: Q, job: Job, deps: Deps): Promise<void> {
  const fu = await ladderRepo.findFollowUpForReminder(trx, job.refId);
  if (!fu || fu.done_at !== null || fu.reminded_at !== null) return;
  const need = await findNeed(trx, fu.need_id);
  await notify(trx, deps, {
    userIds: [fu.assignee_id],
    kind: 'follow_up_due',
    needId: fu.need_id,
    link: needLink(fu.need_id),
    params: { ...(need ? await needParams(trx, need) : {}), dueAt: fu.due_at, note: fu.note },
    alert: true,
  });
  await ladderRepo.markFollowUpReminded(trx, fu.id, deps.clock.now().toISOString());
}

export const JOB_HANDLERS: JobHandlers = {
  [CHANNEL_SEND_JOB]: sendThroughChannel,
  [ESCALATE_JOB]: escalateNeed,
  [AUTO_CONFIRM_JOB]: autoConfirm,
  [FOLLOW_UP_JOB]: remindFollowUp,
  // In-service members are asked to confirm their report-in again (issue 5).
  ...memberJobHandlers,
};
