import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, PostClaimsTable, PostsTable } from '../../db/schema.js';

type Q = Kysely<Database>;

export type PostRow = Selectable<PostsTable>;
export type ClaimRow = Selectable<PostClaimsTable> & {
  post_name: string;
  post_code: string | null;
  member_name: string;
  hours: number;
};

export function findPost(db: Q, id: string): Promise<PostRow | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listPosts(db: Q, communityId: string, includeArchived: boolean): Promise<PostRow[]> {
  let q = db.selectFrom('posts').selectAll().where('community_id', '=', communityId);
  if (!includeArchived) q = q.where('archived_at', 'is', null);
  return q.orderBy('sort_order').orderBy('id').execute();
}

export async function countPosts(db: Q, communityId: string): Promise<number> {
  const r = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('community_id', '=', communityId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Insert posts; a default already there (same community and code) is left as it is. */
export async function insertPosts(
  db: Q,
  rows: {
    id: string;
    communityId: string;
    communityPath: string;
    code: string | null;
    name: string;
    description: string | null;
    capacity: number;
    sortOrder: number;
    now: string;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('posts')
    .values(
      rows.map((r) => ({
        id: r.id,
        community_id: r.communityId,
        community_path: r.communityPath,
        code: r.code,
        name: r.name,
        description: r.description,
        capacity: r.capacity,
        sort_order: r.sortOrder,
        created_at: r.now,
        updated_at: r.now,
        archived_at: null,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function maxSortOrder(db: Q, communityId: string): Promise<number> {
  const r = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('community_id', '=', communityId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** Change a post; a capacity below its holders is refused by the database's own count (false). */
export async function updatePost(
  db: Q,
  id: string,
  set: { name?: string; description?: string | null; capacity?: number; archived_at?: string | null },
  now: string,
): Promise<boolean> {
  let q = db
    .updateTable('posts')
    .set({ ...set, updated_at: now })
    .where('id', '=', id);
  if (set.capacity !== undefined) q = q.where('holders', '<=', set.capacity);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Take one place on a post if one is free: the race-safe capacity check. */
export async function takePlace(db: Q, postId: string): Promise<boolean> {
  const r = await db
    .updateTable('posts')
    .set((eb) => ({ holders: eb('holders', '+', 1) }))
    .where('id', '=', postId)
    .where('archived_at', 'is', null)
    .whereRef('holders', '<', 'capacity')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function freePlace(db: Q, postId: string): Promise<void> {
  await db
    .updateTable('posts')
    .set((eb) => ({ holders: eb('holders', '-', 1) }))
    .where('id', '=', postId)
    .where('holders', '>', 0)
    .execute();
}

const claimHours = sql<number>`coalesce((select sum(l.hours) from post_service_logs l where l.claim_id = post_claims.id), 0)`;

function claimQuery(db: Q) {
  return db
    .selectFrom('post_claims')
    .innerJoin('posts', 'posts.id', 'post_claims.post_id')
    .innerJoin('users', 'users.id', 'post_claims.user_id')
    .selectAll('post_claims')
    .select(['posts.name as post_name', 'posts.code as post_code', 'users.display_name as member_name'])
    .select(claimHours.as('hours'));
}

export function findClaim(db: Q, id: string): Promise<ClaimRow | undefined> {
  return claimQuery(db).where('post_claims.id', '=', id).executeTakeFirst();
}

export function listClaims(
  db: Q,
  opts: {
    communityPath?: string;
    userId?: string;
    status?: string;
    postId?: string;
    before?: string;
    limit: number;
  },
): Promise<ClaimRow[]> {
  let q = claimQuery(db);
  if (opts.communityPath) q = q.where('post_claims.community_path', 'like', `${opts.communityPath}%`);
  if (opts.userId) q = q.where('post_claims.user_id', '=', opts.userId);
  if (opts.status) q = q.where('post_claims.status', '=', opts.status);
  if (opts.postId) q = q.where('post_claims.post_id', '=', opts.postId);
  if (opts.before) q = q.where('post_claims.id', '<', opts.before);
  return q
    .orderBy('post_claims.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

/** Open claims (pending, approved) on a community's posts, with names, for the catalogue. */
export function openClaimsOf(db: Q, communityId: string) {
  return db
    .selectFrom('post_claims')
    .innerJoin('users', 'users.id', 'post_claims.user_id')
    .select([
      'post_claims.id',
      'post_claims.post_id',
      'post_claims.user_id',
      'post_claims.status',
      'users.display_name',
    ])
    .where('post_claims.community_id', '=', communityId)
    .where('post_claims.status', 'in', ['pending', 'approved'])
    .orderBy('post_claims.id')
    .execute();
}

export async function insertClaim(
  db: Q,
  c: { id: string; post: PostRow; userId: string; note: string | null; now: string },
): Promise<boolean> {
  const r = await db
    .insertInto('post_claims')
    .values({
      id: c.id,
      post_id: c.post.id,
      community_id: c.post.community_id,
      community_path: c.post.community_path,
      user_id: c.userId,
      status: 'pending',
      note: c.note,
      reason: null,
      claimed_at: c.now,
      decided_at: null,
      decided_by: null,
      left_at: null,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function updateClaimFrom(
  db: Q,
  id: string,
  from: readonly string[],
  set: { status: string; reason?: string | null; decided_at?: string; decided_by?: string; left_at?: string },
): Promise<boolean> {
  const r = await db
    .updateTable('post_claims')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertServiceLog(
  db: Q,
  l: { id: string; claim: ClaimRow; at: string; hours: number; note: string | null; by: string; now: string },
): Promise<void> {
  await db
    .insertInto('post_service_logs')
    .values({
      id: l.id,
      claim_id: l.claim.id,
      post_id: l.claim.post_id,
      community_id: l.claim.community_id,
      user_id: l.claim.user_id,
      at: l.at,
      hours: l.hours,
      note: l.note,
      created_by: l.by,
      created_at: l.now,
    })
    .execute();
}

export function listServiceLogs(db: Q, claimId: string) {
  return db
    .selectFrom('post_service_logs')
    .innerJoin('posts', 'posts.id', 'post_service_logs.post_id')
    .innerJoin('users', 'users.id', 'post_service_logs.user_id')
    .select([
      'post_service_logs.id',
      'post_service_logs.claim_id',
      'post_service_logs.at',
      'post_service_logs.hours',
      'post_service_logs.note',
      'post_service_logs.user_id',
      'posts.name as post_name',
      'users.display_name as member_name',
    ])
    .where('post_service_logs.claim_id', '=', claimId)
    .orderBy('post_service_logs.at', 'desc')
    .orderBy('post_service_logs.id', 'desc')
    .execute();
}

/** A member's open claims (pending, approved) in a community: they end with her report-in. */
export function openClaimsOfUser(db: Q, userId: string, communityId: string) {
  return db
    .selectFrom('post_claims')
    .select(['id', 'post_id', 'status'])
    .where('user_id', '=', userId)
    .where('community_id', '=', communityId)
    .where('status', 'in', ['pending', 'approved'])
    .execute();
}
