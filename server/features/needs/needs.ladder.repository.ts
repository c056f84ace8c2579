import type { Kysely } from 'kysely';
import { UNCLAIMED_STATUSES, type NeedAudience } from '../../../domain/needs.js';
import type { Database } from '../../db/schema.js';

// The few queries of the ladder, auto-confirmation and follow-up reminders (needs.ladder.ts,
// needs.events.ts); the need itself is read through needs.repository.

type Q = Kysely<Database>;

/**
 * Widen an unclaimed need's audience by one rung. Conditional, so a need claimed in the meantime is
 * left alone; false when nothing changed.
 */
export async function escalateNeedRow(db: Q, id: string, reach: NeedAudience, now: string): Promise<boolean> {
  const r = await db
    .updateTable('needs')
    .set((eb) => ({
      audience: reach,
      escalation_level: eb('escalation_level', '+', 1),
      escalated_at: now,
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('status', 'in', [...UNCLAIMED_STATUSES])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Users holding an active claim on a need. */
export async function helperIdsOf(db: Q, needId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('need_claims')
    .select('user_id')
    .where('need_id', '=', needId)
    .where('withdrawn_at', 'is', null)
    .execute();
  return rows.map((r) => r.user_id);
}

export function findFollowUpForReminder(db: Q, id: string) {
  return db
    .selectFrom('need_follow_ups')
    .select(['id', 'need_id', 'assignee_id', 'due_at', 'note', 'created_by', 'reminded_at', 'done_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markFollowUpReminded(db: Q, id: string, now: string): Promise<void> {
  await db.updateTable('need_follow_ups').set({ reminded_at: now }).where('id', '=', id).execute();
}
