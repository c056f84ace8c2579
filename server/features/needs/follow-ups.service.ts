import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  FollowUpBody,
  FollowUpDoneBody,
  FollowUpList,
  NeedFollowUp,
  NeedHelperCandidates,
} from '../../../domain/contracts/needs.js';
import { AppError } from '../../../domain/errors.js';
import { decideStep, type NeedRelation } from '../../../domain/needs.js';
import type { Database } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../lib/http.js';
import { newId } from '../../lib/ids.js';
import { recipientsAt } from './needs.audience.js';
import { afterFollowUpScheduled } from './needs.events.js';
import { findNeedsByIds } from './needs.repository.js';
import { loadNeedFor, recordNeedEvent, stateOf } from './needs.service.js';
import { toSummaries } from './needs.views.js';
import * as repo from './serving.repository.js';
import { refusalError, relationsOfUser } from './serving.service.js';

// Follow-ups ("ask about the baby tomorrow"): a leader or staff names someone the need has reached
// and a time; the hooks tell her now and remind her when it is due. And the people staff may assign.

type Q = Kysely<Database>;

/** Who may be named on a follow-up: anyone the need has reached, or who serves it. */
const MAY_FOLLOW_UP: readonly NeedRelation[] = ['leader', 'helper', 'staff', 'responder'];

/** How many open follow-ups one person's list shows. */
const MY_FOLLOW_UPS_MAX = 100;

function followUpView(r: repo.FollowUpRow): z.infer<typeof NeedFollowUp> {
  return {
    id: r.id,
    needId: r.need_id,
    assignee: { id: r.assignee_id, name: r.assignee_name },
    dueAt: r.due_at,
    note: r.note,
    createdAt: r.created_at,
    remindedAt: r.reminded_at,
    doneAt: r.done_at,
    outcome: r.outcome,
  };
}

/** A leader of the need's building, or staff, names someone to follow the need up at a time. */
export async function scheduleFollowUp(
  trx: Q,
  deps: Deps,
  actor: Actor,
  needId: string,
  body: z.infer<typeof FollowUpBody>,
): Promise<string> {
  const { need, relations } = await loadNeedFor(trx, actor, needId);
  const d = decideStep('follow_up', stateOf(need), relations);
  if (!d.ok) throw refusalError(d.reason);
  const theirs = await relationsOfUser(trx, body.assigneeId, need);
  if (!theirs.some((r) => MAY_FOLLOW_UP.includes(r))) {
    throw new AppError('NEED_HELPER_INVALID', 'This person cannot be asked to follow this need up.', {
      details: [{ path: 'body.assigneeId', message: 'the need has not reached this person' }],
    });
  }
  const id = newId(Date.parse(actor.now));
  const dueAt = new Date(body.dueAt).toISOString();
  await repo.insertFollowUp(trx, {
    id,
    needId: need.id,
    communityId: need.communityId,
    assigneeId: body.assigneeId,
    dueAt,
    note: body.note,
    createdBy: actor.caller.userId,
    now: actor.now,
  });
  await repo.touchNeed(trx, need.id, actor.now);
  const names = await repo.displayNames(trx, [body.assigneeId]);
  await recordNeedEvent(trx, {
    needId: need.id,
    communityId: need.communityId,
    at: actor.now,
    actorId: actor.caller.userId,
    kind: 'follow_up_scheduled',
    params: { assignee: names.get(body.assigneeId) ?? null, dueAt, note: body.note },
  });
  await afterFollowUpScheduled(trx, deps, { id, needId: need.id, assigneeId: body.assigneeId, dueAt });
  return need.id;
}

/** The assignee (or staff of the need) records how the follow-up went. Returns the need's id. */
export async function completeFollowUp(
  trx: Q,
  actor: Actor,
  id: string,
  body: z.infer<typeof FollowUpDoneBody>,
): Promise<string> {
  const row = await repo.findFollowUp(trx, id);
  if (!row) throw new AppError('NOT_FOUND');
  const { need, relations } = await loadNeedFor(trx, actor, row.need_id);
  if (row.assignee_id !== actor.caller.userId && !relations.includes('staff'))
    throw new AppError('FORBIDDEN');
  const outcome = body.outcome ?? null;
  if (!(await repo.completeFollowUp(trx, id, actor.now, outcome))) throw new AppError('NEED_WRONG_STATE');
  await repo.touchNeed(trx, need.id, actor.now);
  await recordNeedEvent(trx, {
    needId: need.id,
    communityId: need.communityId,
    at: actor.now,
    actorId: actor.caller.userId,
    kind: 'follow_up_done',
    params: { outcome },
  });
  return need.id;
}

/** The caller's open follow-ups, due soonest first, each with its need (as the caller may see it). */
export async function listMyFollowUps(db: Q, actor: Actor): Promise<z.infer<typeof FollowUpList>> {
  const rows = await repo.openFollowUpsOf(db, actor.caller.userId, MY_FOLLOW_UPS_MAX);
  const needs = await findNeedsByIds(db, [...new Set(rows.map((r) => r.need_id))]);
  const summaries = new Map(
    (await toSummaries(db, actor.caller, needs, new Date(actor.now))).map((s) => [s.id, s]),
  );
  return {
    items: rows.flatMap((r) => {
      const need = summaries.get(r.need_id);
      return need ? [{ ...followUpView(r), need }] : [];
    }),
  };
}

/**
 * For staff: who a need could be assigned to — everyone it has reached at its audience (and the
 * contacts of its partner unit), without the resident and those already helping.
 */
export async function helperCandidates(
  db: Q,
  actor: Actor,
  needId: string,
): Promise<z.infer<typeof NeedHelperCandidates>> {
  const { need, relations } = await loadNeedFor(db, actor, needId);
  if (!relations.includes('staff')) throw new AppError('FORBIDDEN');
  const reached = await recipientsAt(db, need, need.audience);
  const helping = new Set(await repo.activeHelperIds(db, need.id));
  const ids = reached.filter((u) => !helping.has(u));
  const people = await repo.candidatesOf(db, ids, need.communityId);
  return {
    items: people
      .map((p) => ({ userId: p.id, name: p.name, roles: p.roles }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.userId.localeCompare(b.userId)),
  };
}
