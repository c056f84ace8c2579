import { decideAccess } from '../../../domain/access.js';
import type { PlaceCrumb, PlaceView } from '../../../domain/contracts/places.js';
import type { z } from 'zod';
import { AppError } from '../../../domain/errors.js';
import { canContain, childPath, isCommunityOwned, type PlaceKind, pathIds } from '../../../domain/places.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import type { Caller } from '../../plugins/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import * as repo from './places.repository.js';

type Kdb = Db['kysely'];
type Crumb = z.infer<typeof PlaceCrumb>;

export function toPlaceView(row: PlaceRow & { child_count?: number }): PlaceView {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind as PlaceKind,
    name: row.name,
    communityId: row.community_id,
    archived: row.archived_at !== null,
    childCount: Number(row.child_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The places from the root down to (not including) this one. */
export async function ancestorsOf(db: Kdb, place: Pick<PlaceRow, 'path' | 'id'>): Promise<Crumb[]> {
  const ids = pathIds(place.path).filter((id) => id !== place.id);
  const rows = await repo.findPlacesByIds(db, ids);
  return rows.map((r) => ({ id: r.id, kind: r.kind as PlaceKind, name: r.name }));
}

export async function getPlaceDetail(db: Kdb, id: string) {
  const row = await repo.findPlaceWithCount(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return { ...toPlaceView(row), ancestors: await ancestorsOf(db, row) };
}

export async function listChildren(
  db: Kdb,
  parentId: string,
  q: { includeArchived: boolean; cursor?: string; limit: number },
) {
  const rows = await repo.listChildren(db, parentId, {
    includeArchived: q.includeArchived,
    afterId: decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = toPage(rows, q.limit);
  return { items: page.items.map(toPlaceView), nextCursor: page.nextCursor };
}

/** The top places of the caller's grants: where the console's tree starts. */
export async function listMyRoots(db: Kdb, caller: Caller): Promise<PlaceView[]> {
  if (caller.grants.some((g) => g.placePath === null)) {
    const rows = await repo.listChildren(db, null, { includeArchived: true, limit: 1000 });
    return rows.map(toPlaceView);
  }
  // Keep only grants not inside another grant's subtree.
  const paths = [...new Set(caller.grants.map((g) => g.placePath).filter((p): p is string => p !== null))];
  const tops = paths.filter((p) => !paths.some((o) => o !== p && p.startsWith(o)));
  const ids = tops.map((p) => pathIds(p).at(-1)!);
  const rows = await Promise.all(ids.map((id) => repo.findPlaceWithCount(db, id)));
  return rows.filter((r) => r !== undefined).map(toPlaceView);
}

interface Actor {
  caller: Caller;
  ip: string | null;
  now: string;
}

export async function createPlace(
  db: Kdb,
  actor: Actor,
  parent: PlaceRow | null,
  input: { kind: PlaceKind; name: string },
): Promise<PlaceView> {
  if (!canContain((parent?.kind ?? null) as PlaceKind | null, input.kind)) {
    throw new AppError(
      'PLACE_KIND_NOT_ALLOWED',
      parent
        ? `A ${input.kind} cannot stand directly under a ${parent.kind}.`
        : 'Only a district can stand at the top.',
    );
  }
  if (parent && (await repo.isEffectivelyArchived(db, pathIds(parent.path))))
    throw new AppError('PLACE_ARCHIVED');
  const id = newId();
  const path = childPath(parent?.path ?? '/', id);
  const communityId =
    input.kind === 'community' ? id : isCommunityOwned(input.kind) ? (parent?.community_id ?? null) : null;
  const row: PlaceRow = {
    id,
    parent_id: parent?.id ?? null,
    kind: input.kind,
    name: input.name,
    path,
    depth: (parent?.depth ?? -1) + 1,
    community_id: communityId,
    archived_at: null,
    created_at: actor.now,
    updated_at: actor.now,
  };
  await repo.insertPlace(db, row);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'place',
    entityId: id,
    place: row,
    summary: `Created ${input.kind} "${input.name}"`,
    params: { kind: input.kind, name: input.name },
    ip: actor.ip,
    at: actor.now,
  });
  return toPlaceView(row);
}

export async function renamePlace(db: Kdb, actor: Actor, place: PlaceRow, name: string): Promise<PlaceView> {
  await repo.renamePlace(db, place.id, name, actor.now);
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'place',
    entityId: place.id,
    place,
    summary: `Renamed ${place.kind} "${place.name}" to "${name}"`,
    params: { kind: place.kind, from: place.name, to: name },
    ip: actor.ip,
    at: actor.now,
  });
  return getPlaceDetail(db, place.id);
}

export async function movePlace(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  newParentId: string,
): Promise<PlaceView> {
  const parent = await repo.findPlace(db, newParentId);
  // The destination must be manageable too; one the caller cannot see does not exist.
  const decision = parent ? decideAccess(actor.caller.grants, 'places.manage', parent.path) : 'not_found';
  if (!parent || decision === 'not_found') {
    throw new AppError('NOT_FOUND', 'The new parent place was not found.');
  }
  if (decision === 'forbidden') throw new AppError('FORBIDDEN');
  if (parent.path.startsWith(place.path)) throw new AppError('PLACE_MOVE_INTO_ITSELF');
  if (!canContain(parent.kind as PlaceKind, place.kind as PlaceKind)) {
    throw new AppError(
      'PLACE_KIND_NOT_ALLOWED',
      `A ${place.kind} cannot stand directly under a ${parent.kind}.`,
    );
  }
  if (await repo.isEffectivelyArchived(db, pathIds(parent.path))) throw new AppError('PLACE_ARCHIVED');
  if (parent.id === place.parent_id) return getPlaceDetail(db, place.id);
  const newCommunityId =
    place.kind === 'community' ? place.id : parent.kind === 'community' ? parent.id : parent.community_id;
  await repo.moveSubtree(
    db,
    place,
    parent.id,
    childPath(parent.path, place.id),
    parent.depth + 1,
    newCommunityId,
    actor.now,
  );
  const moved = (await repo.findPlace(db, place.id))!;
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'move',
    entityType: 'place',
    entityId: place.id,
    place: moved,
    summary: `Moved ${place.kind} "${place.name}" under ${parent.kind} "${parent.name}"`,
    params: { kind: place.kind, name: place.name, parent: parent.name },
    ip: actor.ip,
    at: actor.now,
  });
  return getPlaceDetail(db, place.id);
}

export async function setPlaceArchived(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  archived: boolean,
): Promise<PlaceView> {
  if (archived !== (place.archived_at !== null)) {
    await repo.setArchived(db, place.id, archived ? actor.now : null, actor.now);
    await recordAudit(db, {
      actorId: actor.caller.userId,
      action: archived ? 'archive' : 'restore',
      entityType: 'place',
      entityId: place.id,
      place,
      summary: `${archived ? 'Archived' : 'Restored'} ${place.kind} "${place.name}"`,
      params: { kind: place.kind, name: place.name },
      ip: actor.ip,
      at: actor.now,
    });
  }
  return getPlaceDetail(db, place.id);
}

export async function listDirectory(
  db: Kdb,
  parentId: string | null,
  cursor: string | undefined,
  limit: number,
) {
  const rows = await repo.listDirectory(db, parentId, decodeCursor(cursor), limit + 1);
  const page = toPage(rows, limit);
  return {
    items: page.items.map((r) => ({
      id: r.id,
      kind: r.kind as PlaceKind,
      name: r.name,
      hasChildren: Boolean(r.has_children),
    })),
    nextCursor: page.nextCursor,
  };
}
