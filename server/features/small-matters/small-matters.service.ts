import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  SmallMatter,
  SmallMatterBody,
  SmallMatterPatchBody,
  SmallMatterQuery,
} from '../../../domain/contracts/members.js';
import type { PageQuery } from '../../../domain/contracts/common.js';
import { AppError } from '../../../domain/errors.js';
import { smallMatterActions, type SmallMatterStatus } from '../../../domain/members.js';
import type { PlaceKind } from '../../../domain/places.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../lib/http.js';
import { districtDay } from '../../../domain/district-time.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import type { Caller } from '../../plugins/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import {
  belongsTo,
  communityOfPlace,
  mayOver,
  placeLabels,
  requirePartyMemberOf,
  tell,
} from '../members/members.common.js';
import { usersWithRoleOn } from '../members/members.repository.js';
import { findPlace } from '../places/places.repository.js';
import * as repo from './small-matters.repository.js';

type Q = Kysely<Database>;
type Tell = Deps | undefined;

const photoUrl = (matterId: string, photoId: string) => `/api/v1/small-matters/${matterId}/photos/${photoId}`;

async function views(db: Q, caller: Caller, rows: repo.MatterRow[]): Promise<SmallMatter[]> {
  const [photos, labels] = await Promise.all([
    repo.photosOf(
      db,
      rows.map((r) => r.id),
    ),
    placeLabels(
      db,
      rows.map((r) => ({ id: r.place_id, path: r.place_path })),
    ),
  ]);
  return rows.map((r) => {
    const status = r.status as SmallMatterStatus;
    const onWall = r.on_wall === 1;
    return {
      id: r.id,
      communityId: r.community_id,
      member: { id: r.user_id, name: r.member_name },
      place: { id: r.place_id, kind: r.place_kind as PlaceKind, name: r.place_name },
      placeLabel: labels.get(r.place_id) ?? r.place_name,
      where: r.where_text,
      title: r.title,
      description: r.description,
      occurredOn: r.occurred_on,
      status,
      reason: r.reason,
      photos: photos
        .filter((p) => p.small_matter_id === r.id)
        .map((p) => ({
          id: p.photo_id,
          url: photoUrl(r.id, p.photo_id),
          stage: p.stage as 'before' | 'after',
          contentType: p.content_type,
        })),
      onWall,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
      decidedBy: r.decided_by && r.decided_by_name ? { id: r.decided_by, name: r.decided_by_name } : null,
      actions: smallMatterActions(status, onWall, {
        isMember: r.user_id === caller.userId,
        isStaff: mayOver(caller, 'members.manage', r.community_path),
      }),
    };
  });
}

async function one(db: Q, caller: Caller, id: string) {
  return (await views(db, caller, [(await repo.findMatter(db, id))!]))[0]!;
}

/** A small matter the caller may open: hers, or her community's as staff (admins above); else 404. */
async function visible(db: Q, caller: Caller, id: string) {
  const m = await repo.findMatter(db, id);
  if (!m) throw new AppError('NOT_FOUND');
  if (m.user_id !== caller.userId && !mayOver(caller, 'members.read', m.community_path))
    throw new AppError('NOT_FOUND');
  return m;
}

export async function scopeOfMatter(db: Q, id: string): Promise<string | undefined> {
  return (await repo.findMatter(db, id))?.community_id;
}

async function placeFor(db: Q, caller: Caller, placeId: string) {
  const place = await findPlace(db, placeId);
  if (!place) throw new AppError('NOT_FOUND');
  if (place.kind !== 'community' && !place.community_id) throw new AppError('PLACE_OUTSIDE_COMMUNITY');
  const community = await communityOfPlace(db, place);
  // Another community's places do not exist for the caller: 404, as for an id that exists nowhere.
  if (!belongsTo(caller, community.path)) throw new AppError('NOT_FOUND');
  if (place.archived_at !== null) throw new AppError('PLACE_OUTSIDE_COMMUNITY');
  requirePartyMemberOf(caller, community.path);
  return { place, community };
}

async function checkedPhotos(db: Q, caller: Caller, before: readonly string[], after: readonly string[]) {
  const ids = [...before, ...after];
  if (new Set(ids).size !== ids.length) throw new AppError('NEED_PHOTO_UNKNOWN');
  const free = new Set(await repo.freePhotosOf(db, caller.userId, ids));
  if (ids.some((id) => !free.has(id))) throw new AppError('NEED_PHOTO_UNKNOWN');
  return [
    ...before.map((photoId, position) => ({ photoId, stage: 'before' as const, position })),
    ...after.map((photoId, position) => ({ photoId, stage: 'after' as const, position })),
  ];
}

/** A day the member did it: not later than today where she lives (not the server's UTC day). */
function checkDay(day: string, now: string) {
  if (Number.isNaN(Date.parse(day)) || day > districtDay(now)) {
    throw new AppError('VALIDATION_FAILED', 'A small matter is recorded after it was done.', {
      details: [{ path: 'body.occurredOn', message: 'not a past day' }],
    });
  }
}

export async function record(db: Q, deps: Tell, actor: Actor, body: z.infer<typeof SmallMatterBody>) {
  const { place, community } = await placeFor(db, actor.caller, body.placeId);
  checkDay(body.occurredOn, actor.now);
  const photos = await checkedPhotos(db, actor.caller, body.beforePhotoIds, body.afterPhotoIds);
  const id = newId();
  await repo.insertMatter(db, {
    id,
    community_id: community.id,
    place_id: place.id,
    place_path: place.path,
    user_id: actor.caller.userId,
    title: body.title,
    description: body.description ?? null,
    where_text: body.where ?? null,
    occurred_on: body.occurredOn,
    status: 'pending',
    reason: null,
    created_at: actor.now,
    updated_at: actor.now,
    decided_at: null,
    decided_by: null,
  });
  await repo.replacePhotos(db, id, photos, community.id);
  await tell(db, deps, {
    userIds: await usersWithRoleOn(db, 'community_staff', community.id),
    kind: 'small_matter_submitted',
    link: `/console/members/small-matters/${id}`,
    params: { name: actor.caller.displayName, title: body.title },
    now: actor.now,
  });
  return one(db, actor.caller, id);
}

export async function change(db: Q, actor: Actor, id: string, body: z.infer<typeof SmallMatterPatchBody>) {
  const m = await visible(db, actor.caller, id);
  if (m.user_id !== actor.caller.userId) throw new AppError('FORBIDDEN');
  if (m.status !== 'pending' && m.status !== 'queried') throw new AppError('SMALL_MATTER_WRONG_STATE');
  const set: Parameters<typeof repo.updateMatterFrom>[3] = {
    status: 'pending',
    reason: null,
    updated_at: actor.now,
  };
  if (body.placeId !== undefined && body.placeId !== m.place_id) {
    const { place, community } = await placeFor(db, actor.caller, body.placeId);
    if (community.id !== m.community_id) throw new AppError('PLACE_OUTSIDE_COMMUNITY');
    set.place_id = place.id;
    set.place_path = place.path;
  }
  if (body.title !== undefined) set.title = body.title;
  if (body.description !== undefined) set.description = body.description;
  if (body.where !== undefined) set.where_text = body.where;
  if (body.occurredOn !== undefined) {
    checkDay(body.occurredOn, actor.now);
    set.occurred_on = body.occurredOn;
  }
  if (body.beforePhotoIds !== undefined || body.afterPhotoIds !== undefined) {
    const current = await repo.photosOf(db, [m.id]);
    const keep = (stage: string) => current.filter((p) => p.stage === stage).map((p) => p.photo_id);
    const before = body.beforePhotoIds ?? keep('before');
    const after = body.afterPhotoIds ?? keep('after');
    // Photos already on this matter may stay; new ones must be the caller's own, unattached.
    const mine = new Set(current.map((p) => p.photo_id));
    await checkedPhotos(
      db,
      actor.caller,
      before.filter((p) => !mine.has(p)),
      after.filter((p) => !mine.has(p)),
    );
    if (new Set([...before, ...after]).size !== before.length + after.length)
      throw new AppError('NEED_PHOTO_UNKNOWN');
    await repo.replacePhotos(
      db,
      m.id,
      [
        ...before.map((photoId, position) => ({ photoId, stage: 'before' as const, position })),
        ...after.map((photoId, position) => ({ photoId, stage: 'after' as const, position })),
      ],
      m.community_id,
    );
  }
  if (!(await repo.updateMatterFrom(db, id, ['pending', 'queried'], set)))
    throw new AppError('SMALL_MATTER_WRONG_STATE');
  return one(db, actor.caller, id);
}

export async function withdraw(db: Q, actor: Actor, id: string) {
  const m = await visible(db, actor.caller, id);
  if (m.user_id !== actor.caller.userId) throw new AppError('FORBIDDEN');
  const ok = await repo.updateMatterFrom(db, id, ['pending', 'queried'], {
    status: 'withdrawn',
    on_wall: 0,
    updated_at: actor.now,
  });
  if (!ok) throw new AppError('SMALL_MATTER_WRONG_STATE');
  return one(db, actor.caller, id);
}

export async function decide(
  db: Q,
  deps: Tell,
  actor: Actor,
  id: string,
  decision: 'verified' | 'queried',
  reason: string | null,
) {
  const m = await visible(db, actor.caller, id);
  const ok = await repo.updateMatterFrom(db, id, ['pending'], {
    status: decision,
    reason,
    decided_at: actor.now,
    decided_by: actor.caller.userId,
    updated_at: actor.now,
  });
  if (!ok) throw new AppError('SMALL_MATTER_WRONG_STATE');
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: decision === 'verified' ? 'approve' : 'reject',
    entityType: 'small_matter',
    entityId: id,
    place: (await findPlace(db, m.place_id)) ?? null,
    summary: `${decision === 'verified' ? 'Verified' : 'Queried'} ${m.member_name}'s small matter: ${m.title}`,
    params: { member: m.member_name, title: m.title, reason },
    ip: actor.ip,
    at: actor.now,
  });
  await tell(db, deps, {
    userIds: [m.user_id],
    kind: 'small_matter_decided',
    link: `/members/small-matters/${id}`,
    params: { decision, title: m.title, reason },
    now: actor.now,
  });
  return one(db, actor.caller, id);
}

export async function setOnWall(db: Q, actor: Actor, id: string, show: boolean) {
  const m = await visible(db, actor.caller, id);
  if (m.user_id !== actor.caller.userId) throw new AppError('FORBIDDEN');
  if (
    !(await repo.updateMatterFrom(db, id, ['verified'], { on_wall: show ? 1 : 0, updated_at: actor.now }))
  ) {
    throw new AppError('SMALL_MATTER_WRONG_STATE');
  }
  return one(db, actor.caller, id);
}

export async function get(db: Q, actor: Actor, id: string) {
  return (await views(db, actor.caller, [await visible(db, actor.caller, id)]))[0]!;
}

export async function listMine(db: Q, actor: Actor, q: z.infer<typeof SmallMatterQuery>) {
  const rows = await repo.listMatters(db, {
    userId: actor.caller.userId,
    status: q.status,
    before: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const page = toPage(rows, q.limit);
  return { items: await views(db, actor.caller, page.items), nextCursor: page.nextCursor };
}

export async function listUnder(db: Q, actor: Actor, place: PlaceRow, q: z.infer<typeof SmallMatterQuery>) {
  const rows = await repo.listMatters(db, {
    placePath: place.path,
    status: q.status,
    before: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const page = toPage(rows, q.limit);
  return { items: await views(db, actor.caller, page.items), nextCursor: page.nextCursor };
}

/** The community wall: verified small matters their members chose to show, for anyone of the community. */
export async function wall(db: Q, actor: Actor, placeId: string, q: z.infer<typeof PageQuery>) {
  const place = await findPlace(db, placeId);
  if (!place) throw new AppError('NOT_FOUND');
  const community = await communityOfPlace(db, place);
  if (!belongsTo(actor.caller, community.path)) throw new AppError('NOT_FOUND');
  const rows = await repo.listMatters(db, {
    communityId: community.id,
    status: 'verified',
    onWall: true,
    before: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const page = toPage(rows, q.limit);
  const items = await views(db, actor.caller, page.items);
  return {
    community: { id: community.id, kind: 'community' as const, name: community.name },
    items: items.map((m) => ({
      id: m.id,
      memberName: m.member.name,
      placeLabel: m.placeLabel,
      title: m.title,
      description: m.description,
      occurredOn: m.occurredOn,
      photos: m.photos,
      verifiedAt: m.decidedAt ?? m.createdAt,
    })),
    nextCursor: page.nextCursor,
  };
}

/** A photo of a small matter: for its member and staff, and for the community once it is on the wall. */
export async function photo(db: Q, actor: Actor, id: string, photoId: string) {
  const m = await repo.findMatter(db, id);
  if (!m) throw new AppError('NOT_FOUND');
  const open =
    m.user_id === actor.caller.userId ||
    mayOver(actor.caller, 'members.read', m.community_path) ||
    (m.status === 'verified' && m.on_wall === 1 && belongsTo(actor.caller, m.community_path));
  if (!open) throw new AppError('NOT_FOUND');
  const bytes = await repo.photoBytes(db, id, photoId);
  if (!bytes) throw new AppError('NOT_FOUND');
  return { contentType: bytes.content_type, data: Buffer.from(bytes.data) };
}
