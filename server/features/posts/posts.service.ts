import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  ClaimPostBody,
  Post,
  PostBody,
  PostClaim,
  PostClaimQuery,
  PostPatchBody,
  PostServiceLogBody,
} from '../../../domain/contracts/members.js';
import { AppError } from '../../../domain/errors.js';
import {
  DEFAULT_POSTS,
  postClaimActions,
  type PostClaimStatus,
  postClaimStepAllowed,
  type PostClaimStep,
} from '../../../domain/members.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../lib/http.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import type { Caller } from '../../plugins/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import {
  belongsTo,
  communityOfPlace,
  mayOver,
  requirePartyMemberOf,
  tell,
} from '../members/members.common.js';
import { usersWithRoleOn } from '../members/members.repository.js';
import { findPlace } from '../places/places.repository.js';
import * as repo from './posts.repository.js';

type Q = Kysely<Database>;
type Tell = Deps | undefined;

/** The ten default posts of a community, made the first time anyone looks (or by the demo). */
export async function ensureDefaultPosts(db: Q, community: PlaceRow, now: string): Promise<void> {
  if ((await repo.countPosts(db, community.id)) > 0) return;
  await repo.insertPosts(
    db,
    DEFAULT_POSTS.map((p, i) => ({
      id: newId(),
      communityId: community.id,
      communityPath: community.path,
      code: p.code,
      name: p.nameZh,
      description: null,
      capacity: p.capacity,
      sortOrder: (i + 1) * 10,
      now,
    })),
  );
}

async function postViews(db: Q, caller: Caller, posts: repo.PostRow[], communityId: string): Promise<Post[]> {
  const claims = await repo.openClaimsOf(db, communityId);
  return posts.map((p) => {
    const mine = claims.find((c) => c.post_id === p.id && c.user_id === caller.userId);
    const of = claims.filter((c) => c.post_id === p.id);
    return {
      id: p.id,
      communityId: p.community_id,
      code: p.code,
      name: p.name,
      description: p.description,
      capacity: p.capacity,
      holders: p.holders,
      pendingClaims: of.filter((c) => c.status === 'pending').length,
      archived: p.archived_at !== null,
      sortOrder: p.sort_order,
      myClaim: mine ? { id: mine.id, status: mine.status as PostClaimStatus } : null,
      holderNames: of.filter((c) => c.status === 'approved').map((c) => c.display_name),
    };
  });
}

/** The community's posts, for anyone of the community (and staff, admins above). */
export async function listPosts(db: Q, actor: Actor, placeId: string, includeArchived: boolean) {
  const place = await findPlace(db, placeId);
  if (!place) throw new AppError('NOT_FOUND');
  const community = await communityOfPlace(db, place);
  if (!belongsTo(actor.caller, community.path)) throw new AppError('NOT_FOUND');
  await ensureDefaultPosts(db, community, actor.now);
  const posts = await repo.listPosts(db, community.id, includeArchived);
  return { items: await postViews(db, actor.caller, posts, community.id) };
}

async function onePost(db: Q, caller: Caller, id: string): Promise<Post> {
  const p = (await repo.findPost(db, id))!;
  return (await postViews(db, caller, [p], p.community_id))[0]!;
}

export async function scopeOfPost(db: Q, id: string): Promise<string | undefined> {
  return (await repo.findPost(db, id))?.community_id;
}

export async function createPost(db: Q, actor: Actor, place: PlaceRow, body: z.infer<typeof PostBody>) {
  const community = await communityOfPlace(db, place);
  await ensureDefaultPosts(db, community, actor.now);
  const id = newId();
  await repo.insertPosts(db, [
    {
      id,
      communityId: community.id,
      communityPath: community.path,
      code: null,
      name: body.name,
      description: body.description ?? null,
      capacity: body.capacity,
      sortOrder: (await repo.maxSortOrder(db, community.id)) + 10,
      now: actor.now,
    },
  ]);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'post',
    entityId: id,
    place: community,
    summary: `Added the post ${body.name}`,
    params: { name: body.name },
    ip: actor.ip,
    at: actor.now,
  });
  return onePost(db, actor.caller, id);
}

export async function changePost(db: Q, actor: Actor, id: string, body: z.infer<typeof PostPatchBody>) {
  const post = await repo.findPost(db, id);
  if (!post) throw new AppError('NOT_FOUND');
  const set: Parameters<typeof repo.updatePost>[2] = {};
  if (body.name !== undefined) set.name = body.name;
  if (body.description !== undefined) set.description = body.description;
  if (body.capacity !== undefined) set.capacity = body.capacity;
  if (body.archived !== undefined) set.archived_at = body.archived ? (post.archived_at ?? actor.now) : null;
  if (!(await repo.updatePost(db, id, set, actor.now))) throw new AppError('POST_CAPACITY_BELOW_HOLDERS');
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: body.archived === true ? 'archive' : 'update',
    entityType: 'post',
    entityId: id,
    place: (await findPlace(db, post.community_id)) ?? null,
    summary: `Changed the post ${body.name ?? post.name}`,
    params: { name: body.name ?? post.name },
    ip: actor.ip,
    at: actor.now,
  });
  return onePost(db, actor.caller, id);
}

// Claims --------------------------------------------------------------------------------------------

function claimView(c: repo.ClaimRow, caller: Caller): PostClaim {
  const isMember = c.user_id === caller.userId;
  const isStaff = mayOver(caller, 'members.manage', c.community_path);
  return {
    id: c.id,
    post: { id: c.post_id, name: c.post_name, code: c.post_code },
    communityId: c.community_id,
    member: { id: c.user_id, name: c.member_name },
    status: c.status as PostClaimStatus,
    note: c.note,
    reason: c.reason,
    claimedAt: c.claimed_at,
    decidedAt: c.decided_at,
    leftAt: c.left_at,
    hours: Number(c.hours),
    actions: postClaimActions(c.status as PostClaimStatus, { isMember, isStaff }),
  };
}

async function visibleClaim(db: Q, caller: Caller, id: string) {
  const c = await repo.findClaim(db, id);
  if (!c) throw new AppError('NOT_FOUND');
  if (c.user_id !== caller.userId && !mayOver(caller, 'members.read', c.community_path))
    throw new AppError('NOT_FOUND');
  return c;
}

export async function scopeOfClaim(db: Q, id: string): Promise<string | undefined> {
  return (await repo.findClaim(db, id))?.community_id;
}

export async function claimPost(
  db: Q,
  deps: Tell,
  actor: Actor,
  postId: string,
  body: z.infer<typeof ClaimPostBody>,
) {
  const post = await repo.findPost(db, postId);
  if (!post || !belongsTo(actor.caller, post.community_path)) throw new AppError('NOT_FOUND');
  requirePartyMemberOf(actor.caller, post.community_path);
  if (post.archived_at !== null) throw new AppError('POST_ARCHIVED');
  if (post.holders >= post.capacity) throw new AppError('POST_FULL');
  const id = newId();
  if (
    !(await repo.insertClaim(db, {
      id,
      post,
      userId: actor.caller.userId,
      note: body.note ?? null,
      now: actor.now,
    }))
  ) {
    throw new AppError('POST_ALREADY_CLAIMED');
  }
  await tell(db, deps, {
    userIds: await usersWithRoleOn(db, 'community_staff', post.community_id),
    kind: 'post_claimed',
    link: `/console/members/posts`,
    params: { name: actor.caller.displayName, post: post.name },
    now: actor.now,
  });
  return claimView((await repo.findClaim(db, id))!, actor.caller);
}

export async function listMyClaims(db: Q, actor: Actor) {
  const rows = await repo.listClaims(db, { userId: actor.caller.userId, limit: 200 });
  return { items: rows.slice(0, 200).map((c) => claimView(c, actor.caller)), nextCursor: null };
}

export async function listClaimsUnder(
  db: Q,
  actor: Actor,
  place: PlaceRow,
  q: z.infer<typeof PostClaimQuery>,
) {
  const rows = await repo.listClaims(db, {
    communityPath: place.path,
    status: q.status,
    postId: q.postId,
    before: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const page = toPage(rows, q.limit);
  return { items: page.items.map((c) => claimView(c, actor.caller)), nextCursor: page.nextCursor };
}

async function stepClaim(db: Q, actor: Actor, id: string, step: PostClaimStep) {
  const c = await visibleClaim(db, actor.caller, id);
  const actions = postClaimActions(c.status as PostClaimStatus, {
    isMember: c.user_id === actor.caller.userId,
    isStaff: mayOver(actor.caller, 'members.manage', c.community_path),
  });
  if (!postClaimStepAllowed(step, c.status as PostClaimStatus)) throw new AppError('POST_CLAIM_WRONG_STATE');
  if (!actions.includes(step)) throw new AppError('FORBIDDEN');
  return c;
}

async function decided(
  db: Q,
  deps: Tell,
  actor: Actor,
  c: repo.ClaimRow,
  decision: 'approved' | 'rejected',
  reason: string | null,
) {
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: decision === 'approved' ? 'approve' : 'reject',
    entityType: 'post_claim',
    entityId: c.id,
    place: (await findPlace(db, c.community_id)) ?? null,
    summary: `${decision === 'approved' ? 'Approved' : 'Rejected'} ${c.member_name} for the post ${c.post_name}`,
    params: { member: c.member_name, post: c.post_name, reason },
    ip: actor.ip,
    at: actor.now,
  });
  await tell(db, deps, {
    userIds: [c.user_id],
    kind: 'post_decided',
    link: `/members/posts`,
    params: { decision, post: c.post_name, reason },
    now: actor.now,
  });
  return claimView((await repo.findClaim(db, c.id))!, actor.caller);
}

export async function approveClaim(db: Q, deps: Tell, actor: Actor, id: string) {
  const c = await stepClaim(db, actor, id, 'approve');
  const decision = { status: 'approved', decided_at: actor.now, decided_by: actor.caller.userId };
  if (!(await repo.updateClaimFrom(db, id, ['pending'], decision)))
    throw new AppError('POST_CLAIM_WRONG_STATE');
  // The capacity race is settled here, in one conditional UPDATE; a full post rolls the approval back.
  if (!(await repo.takePlace(db, c.post_id))) {
    const post = await repo.findPost(db, c.post_id);
    throw new AppError(post?.archived_at ? 'POST_ARCHIVED' : 'POST_FULL');
  }
  return decided(db, deps, actor, c, 'approved', null);
}

export async function rejectClaim(db: Q, deps: Tell, actor: Actor, id: string, reason: string) {
  const c = await stepClaim(db, actor, id, 'reject');
  const set = { status: 'rejected', reason, decided_at: actor.now, decided_by: actor.caller.userId };
  if (!(await repo.updateClaimFrom(db, id, ['pending'], set))) throw new AppError('POST_CLAIM_WRONG_STATE');
  return decided(db, deps, actor, c, 'rejected', reason);
}

export async function leaveClaim(db: Q, actor: Actor, id: string) {
  const c = await stepClaim(db, actor, id, 'leave');
  if (!(await repo.updateClaimFrom(db, id, [c.status], { status: 'left', left_at: actor.now }))) {
    throw new AppError('POST_CLAIM_WRONG_STATE');
  }
  if (c.status === 'approved') await repo.freePlace(db, c.post_id);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'withdraw',
    entityType: 'post_claim',
    entityId: id,
    place: (await findPlace(db, c.community_id)) ?? null,
    summary: `${c.member_name} left the post ${c.post_name}`,
    params: { member: c.member_name, post: c.post_name },
    ip: actor.ip,
    at: actor.now,
  });
  return claimView((await repo.findClaim(db, id))!, actor.caller);
}

/** When her report-in ends, so do her claims in that community (places held are freed). */
export async function endClaimsOf(db: Q, userId: string, communityId: string, now: string): Promise<void> {
  for (const c of await repo.openClaimsOfUser(db, userId, communityId)) {
    if (await repo.updateClaimFrom(db, c.id, [c.status], { status: 'left', left_at: now })) {
      if (c.status === 'approved') await repo.freePlace(db, c.post_id);
    }
  }
}

export async function logService(db: Q, actor: Actor, id: string, body: z.infer<typeof PostServiceLogBody>) {
  const c = await stepClaim(db, actor, id, 'log');
  const at = body.at ? new Date(body.at).toISOString() : actor.now;
  if (at > actor.now) {
    throw new AppError('VALIDATION_FAILED', 'Service is logged after it was done.', {
      details: [{ path: 'body.at', message: 'in the future' }],
    });
  }
  const logId = newId();
  await repo.insertServiceLog(db, {
    id: logId,
    claim: c,
    at,
    hours: body.hours,
    note: body.note ?? null,
    by: actor.caller.userId,
    now: actor.now,
  });
  return {
    id: logId,
    claimId: c.id,
    postName: c.post_name,
    member: { id: c.user_id, name: c.member_name },
    at,
    hours: body.hours,
    note: body.note ?? null,
  };
}

export async function listLogs(db: Q, actor: Actor, id: string) {
  await visibleClaim(db, actor.caller, id);
  const rows = await repo.listServiceLogs(db, id);
  return {
    items: rows.map((l) => ({
      id: l.id,
      claimId: l.claim_id,
      postName: l.post_name,
      member: { id: l.user_id, name: l.member_name },
      at: l.at,
      hours: Number(l.hours),
      note: l.note,
    })),
  };
}
