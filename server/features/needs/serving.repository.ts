import { type Kysely, sql, type Updateable } from 'kysely';
import type { NeedStatus } from '../../../domain/needs.js';
import type { Database, NeedsTable } from '../../db/schema.js';

// The steps of a need after posting (convene, assign, claim, serve, confirm, reopen, cancel) and its
// follow-ups. Every change of a need's state is one conditional UPDATE, so two steps racing on the
// same need never both apply: the loser changes nothing and its service answers 409.

type Q = Kysely<Database>;

/** States a claim may join (the domain's FROM list for claim and assign). */
const CLAIMABLE: readonly NeedStatus[] = ['posted', 'convened', 'claimed', 'in_service'];

/**
 * Change a need only while it still stands where the caller saw it: in `status`, and (optionally)
 * with at most `maxClaimed` active claims. Returns whether it changed.
 */
export async function updateNeedIf(
  db: Q,
  id: string,
  where: { status: NeedStatus; maxClaimed?: number },
  set: Updateable<NeedsTable>,
): Promise<boolean> {
  let q = db.updateTable('needs').set(set).where('id', '=', id).where('status', '=', where.status);
  if (where.maxClaimed !== undefined) q = q.where('helpers_claimed', '<=', where.maxClaimed);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Take one helper place: a single conditional UPDATE on the counter, so two claims racing for the
 * last place never both succeed (PostgreSQL re-checks the WHERE after the row lock; SQLite has one
 * writer). The status moves as domain decideStep('claim') says: posted/convened → claimed.
 */
export async function takePlace(db: Q, id: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('needs')
    .set({
      helpers_claimed: sql<number>`helpers_claimed + 1`,
      status: sql<string>`case when status in ('posted', 'convened') then 'claimed' else status end`,
      claimed_at: sql<string>`coalesce(claimed_at, ${now})`,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', 'in', CLAIMABLE)
    .whereRef('helpers_claimed', '<', 'helpers_needed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Give one helper place back. The last helper leaving returns the need to convened (when staff
 * convened it) or posted, as domain decideStep('unclaim') says.
 */
export async function releasePlace(db: Q, id: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('needs')
    .set({
      helpers_claimed: sql<number>`helpers_claimed - 1`,
      status: sql<string>`case when helpers_claimed > 1 then status when convened_at is not null then 'convened' else 'posted' end`,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', 'in', ['claimed', 'in_service'])
    .where('helpers_claimed', '>', 0)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Record a claim: a new row, or the caller's withdrawn one made active again (unique need_id,
 * user_id). Returns the claim id, or undefined when the user already holds an active claim.
 */
export async function upsertClaim(
  db: Q,
  row: {
    id: string;
    needId: string;
    communityId: string;
    userId: string;
    assignedBy: string | null;
    now: string;
  },
): Promise<string | undefined> {
  const res = await db
    .insertInto('need_claims')
    .values({
      id: row.id,
      need_id: row.needId,
      community_id: row.communityId,
      user_id: row.userId,
      assigned_by: row.assignedBy,
      claimed_at: row.now,
      withdrawn_at: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['need_id', 'user_id'])
        .doUpdateSet({ withdrawn_at: null, claimed_at: row.now, assigned_by: row.assignedBy })
        .where('need_claims.withdrawn_at', 'is not', null),
    )
    .returning('id')
    .executeTakeFirst();
  return res?.id;
}

/** Withdraw a user's active claim; whether there was one. */
export async function withdrawClaim(db: Q, needId: string, userId: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('need_claims')
    .set({ withdrawn_at: now })
    .where('need_id', '=', needId)
    .where('user_id', '=', userId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Withdraw every active claim of a need (it was cancelled); the users who held them. */
export async function withdrawAllClaims(db: Q, needId: string, now: string): Promise<string[]> {
  const helpers = await activeHelperIds(db, needId);
  if (helpers.length > 0) {
    await db
      .updateTable('need_claims')
      .set({ withdrawn_at: now })
      .where('need_id', '=', needId)
      .where('withdrawn_at', 'is', null)
      .execute();
  }
  return helpers;
}

export async function activeHelperIds(db: Q, needId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('need_claims')
    .select('user_id')
    .where('need_id', '=', needId)
    .where('withdrawn_at', 'is', null)
    .orderBy('claimed_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** A step that leaves the status alone (a follow-up) still moves the need's updated_at. */
export async function touchNeed(db: Q, id: string, now: string): Promise<void> {
  await db.updateTable('needs').set({ updated_at: now }).where('id', '=', id).execute();
}

// Service logs and photos ---------------------------------------------------------------------------

export async function insertServiceLog(
  db: Q,
  row: {
    id: string;
    needId: string;
    communityId: string;
    userId: string;
    at: string;
    note: string | null;
    hours: number;
    outsideHelpers: number;
    itemsHandled: number;
  },
): Promise<void> {
  await db
    .insertInto('need_service_logs')
    .values({
      id: row.id,
      need_id: row.needId,
      community_id: row.communityId,
      user_id: row.userId,
      at: row.at,
      note: row.note,
      hours: row.hours,
      outside_helpers: row.outsideHelpers,
      items_handled: row.itemsHandled,
    })
    .execute();
}

/**
 * Attach photos the uploader has not attached anywhere yet to a need's service log. Returns how
 * many were attached (fewer than asked: some were someone else's, attached already, or unknown).
 */
export async function attachLogPhotos(
  db: Q,
  a: { needId: string; logId: string; communityId: string; uploadedBy: string; photoIds: string[] },
): Promise<number> {
  if (a.photoIds.length === 0) return 0;
  const res = await db
    .updateTable('need_photos')
    .set({ need_id: a.needId, log_id: a.logId, community_id: a.communityId })
    .where('id', 'in', a.photoIds)
    .where('uploaded_by', '=', a.uploadedBy)
    .where('need_id', 'is', null)
    .where('log_id', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// Partner units -------------------------------------------------------------------------------------

/** A live partner unit of the district with an active pairing on one of `placeIds` (the need's path). */
export async function pairedUnit(
  db: Q,
  unitId: string,
  districtId: string,
  placeIds: string[],
  today: string,
) {
  if (placeIds.length === 0) return undefined;
  return db
    .selectFrom('partner_units')
    .innerJoin('pairings', 'pairings.partner_unit_id', 'partner_units.id')
    .select(['partner_units.id', 'partner_units.name'])
    .where('partner_units.id', '=', unitId)
    .where('partner_units.district_id', '=', districtId)
    .where('partner_units.archived_at', 'is', null)
    .where('pairings.place_id', 'in', placeIds)
    .where('pairings.started_on', '<=', today)
    .where((w) => w.or([w('pairings.ended_on', 'is', null), w('pairings.ended_on', '>', today)]))
    .executeTakeFirst();
}

export function findPartnerUnitName(db: Q, id: string) {
  return db.selectFrom('partner_units').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

// Follow-ups ----------------------------------------------------------------------------------------

export type FollowUpRow = NonNullable<Awaited<ReturnType<typeof findFollowUp>>>;

function selectFollowUps(db: Q) {
  return db
    .selectFrom('need_follow_ups')
    .innerJoin('users', 'users.id', 'need_follow_ups.assignee_id')
    .select([
      'need_follow_ups.id',
      'need_follow_ups.need_id',
      'need_follow_ups.community_id',
      'need_follow_ups.assignee_id',
      'need_follow_ups.due_at',
      'need_follow_ups.note',
      'need_follow_ups.created_by',
      'need_follow_ups.created_at',
      'need_follow_ups.reminded_at',
      'need_follow_ups.done_at',
      'need_follow_ups.outcome',
      'users.display_name as assignee_name',
    ]);
}

export function findFollowUp(db: Q, id: string) {
  return selectFollowUps(db).where('need_follow_ups.id', '=', id).executeTakeFirst();
}

export async function insertFollowUp(
  db: Q,
  row: {
    id: string;
    needId: string;
    communityId: string;
    assigneeId: string;
    dueAt: string;
    note: string;
    createdBy: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('need_follow_ups')
    .values({
      id: row.id,
      need_id: row.needId,
      community_id: row.communityId,
      assignee_id: row.assigneeId,
      due_at: row.dueAt,
      note: row.note,
      created_by: row.createdBy,
      created_at: row.now,
      reminded_at: null,
      done_at: null,
      outcome: null,
    })
    .execute();
}

/** Mark a follow-up done while it is still open; whether it was. */
export async function completeFollowUp(
  db: Q,
  id: string,
  now: string,
  outcome: string | null,
): Promise<boolean> {
  const res = await db
    .updateTable('need_follow_ups')
    .set({ done_at: now, outcome })
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A user's open follow-ups, due soonest first. */
export function openFollowUpsOf(db: Q, userId: string, limit: number) {
  return selectFollowUps(db)
    .where('need_follow_ups.assignee_id', '=', userId)
    .where('need_follow_ups.done_at', 'is', null)
    .orderBy('need_follow_ups.due_at')
    .orderBy('need_follow_ups.id')
    .limit(limit)
    .execute();
}

// People --------------------------------------------------------------------------------------------

/** Accounts (not disabled) with the roles they hold in a community, for choosing a helper. */
export async function candidatesOf(
  db: Q,
  ids: string[],
  communityId: string,
): Promise<{ id: string; name: string; roles: string[] }[]> {
  if (ids.length === 0) return [];
  const users = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .where('disabled_at', 'is', null)
    .execute();
  const grants = await db
    .selectFrom('grants')
    .select(['user_id', 'role'])
    .where('user_id', 'in', ids)
    .where('community_id', '=', communityId)
    .orderBy('role')
    .execute();
  return users.map((u) => ({
    id: u.id,
    name: u.display_name,
    roles: [...new Set(grants.filter((g) => g.user_id === u.id).map((g) => g.role))],
  }));
}

/** An account that exists and is not disabled. */
export function findActiveUser(db: Q, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function displayNames(db: Q, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
