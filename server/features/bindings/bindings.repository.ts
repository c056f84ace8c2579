import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

const columns = [
  'bindings.id',
  'bindings.user_id',
  'bindings.household_id',
  'bindings.community_id',
  'bindings.status',
  'bindings.note',
  'bindings.reason',
  'bindings.created_at',
  'bindings.decided_at',
  'users.display_name',
  'users.phone',
  'places.name as household_name',
  'places.path as household_path',
] as const;

const base = (db: Q) =>
  db
    .selectFrom('bindings')
    .innerJoin('users', 'users.id', 'bindings.user_id')
    .innerJoin('places', 'places.id', 'bindings.household_id')
    .select(columns);

export type BindingRow = Awaited<ReturnType<typeof findBinding>> & {};

export function findBinding(db: Q, id: string) {
  return base(db).where('bindings.id', '=', id).executeTakeFirst();
}

export function listBindingsOfUser(db: Q, userId: string) {
  return base(db).where('bindings.user_id', '=', userId).orderBy('bindings.id', 'desc').limit(100).execute();
}

/** Requests for households in a subtree, newest first. */
export function listBindingsUnder(
  db: Q,
  subtreePath: string,
  opts: { status?: string; beforeId?: string; limit: number },
) {
  let q = base(db).where('places.path', 'like', `${subtreePath}%`);
  if (opts.status) q = q.where('bindings.status', '=', opts.status);
  if (opts.beforeId) q = q.where('bindings.id', '<', opts.beforeId);
  return q.orderBy('bindings.id', 'desc').limit(opts.limit).execute();
}

/** Insert a pending request; false when the person already has one pending for the household. */
export async function insertBinding(
  db: Q,
  b: {
    id: string;
    userId: string;
    householdId: string;
    communityId: string;
    note: string | null;
    now: string;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('bindings')
    .values({
      id: b.id,
      user_id: b.userId,
      household_id: b.householdId,
      community_id: b.communityId,
      status: 'pending',
      note: b.note,
      reason: null,
      decided_by: null,
      decided_at: null,
      created_at: b.now,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Move a request from one status to the next; false when someone else decided it first. */
export async function decideBinding(
  db: Q,
  id: string,
  from: string,
  to: string,
  by: string,
  reason: string | null,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('bindings')
    .set({ status: to, decided_by: by, decided_at: now, reason })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
