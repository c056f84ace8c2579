import { AppError } from '../../../domain/errors.js';
import type { PlaceKind } from '../../../domain/places.js';
import { maskPhone } from '../../../domain/privacy.js';
import { canGrant, canHoldRoleOn, type Role } from '../../../domain/roles.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../../lib/http.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { servesCommunity } from '../../plugins/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import { deleteUserSessions, findUserById } from '../auth/auth.repository.js';
import * as repo from './grants.repository.js';

type Kdb = Db['kysely'];

function communityOf(place: PlaceRow): string | null {
  return place.kind === 'community' ? place.id : place.community_id;
}

/** Give a role on a place unless the user already holds it there. Returns the grant id. */
export async function ensureGrant(
  db: Kdb,
  g: { userId: string; role: Role; place: PlaceRow | null; by: string | null; now: string },
): Promise<string> {
  const placeId = g.place?.id ?? null;
  const existing = await repo.findSameGrant(db, g.userId, g.role, placeId);
  if (existing) return existing.id;
  const id = await insertGrant(db, g);
  return id ?? (await repo.findSameGrant(db, g.userId, g.role, placeId))!.id;
}

/** A new grant's id, or null when the user already holds the role there (the database decides races). */
async function insertGrant(
  db: Kdb,
  g: { userId: string; role: Role; place: PlaceRow | null; by: string | null; now: string },
): Promise<string | null> {
  const id = newId();
  const inserted = await repo.insertGrant(db, {
    id,
    userId: g.userId,
    role: g.role,
    placeId: g.place?.id ?? null,
    communityId: g.place ? communityOf(g.place) : null,
    by: g.by,
    now: g.now,
  });
  return inserted ? id : null;
}

function toView(row: NonNullable<Awaited<ReturnType<typeof repo.findGrant>>>, showPhone: boolean) {
  return {
    id: row.id,
    role: row.role as Role,
    placeId: row.place_id,
    placeName: row.place_name ?? '',
    user: {
      id: row.user_id,
      displayName: row.display_name,
      phone: showPhone ? row.phone : maskPhone(row.phone),
    },
    createdAt: row.created_at,
  };
}

export async function listGrants(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  q: { cursor?: string; limit: number },
) {
  const rows = await repo.listGrantsUnder(db, place.path, {
    afterId: decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = toPage(rows, q.limit);
  return {
    items: page.items.map((r) => toView(r, servesCommunity(actor.caller, r.community_id))),
    nextCursor: page.nextCursor,
  };
}

export async function grantRole(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  input: { userId: string; role: Role },
) {
  if (!canHoldRoleOn(input.role, place.kind as PlaceKind)) {
    throw new AppError('ROLE_SCOPE_INVALID', `The role ${input.role} cannot be granted on a ${place.kind}.`);
  }
  // The grantor needs a role over this place that may hand out the requested role.
  const allowed = actor.caller.grants.some(
    (g) => (g.placePath === null || place.path.startsWith(g.placePath)) && canGrant(g.role, input.role),
  );
  if (!allowed) throw new AppError('ROLE_NOT_GRANTABLE', `You may not grant the role ${input.role}.`);
  const user = await findUserById(db, input.userId);
  if (!user) throw new AppError('NOT_FOUND', 'No such account.');
  const id = await insertGrant(db, {
    userId: input.userId,
    role: input.role,
    place,
    by: actor.caller.userId,
    now: actor.now,
  });
  if (!id) throw new AppError('CONFLICT', 'This person already holds this role here.');
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'grant',
    entityType: 'grant',
    entityId: id,
    place,
    summary: `Granted ${input.role} to ${user.display_name}`,
    params: { role: input.role, user: user.display_name },
    ip: actor.ip,
    at: actor.now,
  });
  return toView((await repo.findGrant(db, id))!, servesCommunity(actor.caller, communityOf(place)));
}

/** Remove a role. The holder's sessions end, so the change takes effect at once. */
export async function revokeGrant(db: Kdb, actor: Actor, grantId: string, place: PlaceRow | null) {
  const grant = await repo.findGrant(db, grantId);
  if (!grant) throw new AppError('NOT_FOUND');
  const allowed = actor.caller.grants.some(
    (g) =>
      (g.placePath === null || (grant.place_path !== null && grant.place_path.startsWith(g.placePath))) &&
      canGrant(g.role, grant.role as Role),
  );
  if (!allowed) throw new AppError('ROLE_NOT_GRANTABLE', `You may not remove the role ${grant.role}.`);
  await repo.deleteGrant(db, grantId);
  await deleteUserSessions(db, grant.user_id);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'revoke',
    entityType: 'grant',
    entityId: grantId,
    place,
    summary: `Removed ${grant.role} from ${grant.display_name}`,
    params: { role: grant.role, user: grant.display_name },
    ip: actor.ip,
    at: actor.now,
  });
}
