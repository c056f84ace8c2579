import type { z } from 'zod';
import type {
  LivingRoom,
  LivingRoomCreateBody,
  LivingRoomUpdateBody,
} from '../../../domain/contracts/standards.js';
import { AppError } from '../../../domain/errors.js';
import { LIVING_ROOM_FUNCTIONS, type LivingRoomFunction } from '../../../domain/organisation.js';
import type { PlaceKind } from '../../../domain/places.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import type { Actor } from '../../lib/http.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findPlace } from '../places/places.repository.js';
import * as repo from './venues.repository.js';

type Kdb = Db['kysely'];
type LivingRoomView = z.infer<typeof LivingRoom>;

/** Living rooms (党建会客厅) stand in a community or a compound. */
const ROOM_PLACE_KINDS = new Set(['community', 'compound']);

function toView(r: repo.LivingRoomRow): LivingRoomView {
  const fs = r.functions.split(',');
  return {
    id: r.id,
    placeId: r.place_id,
    placeName: r.place_name,
    placeKind: r.place_kind as PlaceKind,
    name: r.name,
    areaM2: Number(r.area_m2),
    hasLogo: Number(r.has_logo) === 1,
    // Stored in the catalogue's order, whatever order they were sent in.
    functions: LIVING_ROOM_FUNCTIONS.filter((f) => fs.includes(f)),
    hours: r.hours,
    archived: r.archived_at !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const joinFunctions = (fs: readonly LivingRoomFunction[]) =>
  LIVING_ROOM_FUNCTIONS.filter((f) => fs.includes(f)).join(',');

/** The place a living room stands on (for the permission check), or undefined when there is none. */
export async function scopeOfLivingRoom(db: Kdb, id: string): Promise<string | undefined> {
  return (await repo.findLivingRoom(db, id))?.place_id;
}

export async function listLivingRooms(
  db: Kdb,
  scope: PlaceRow,
  q: { includeArchived: boolean; cursor?: string; limit: number },
) {
  const rows = await repo.listLivingRooms(db, scope.path, {
    includeArchived: q.includeArchived,
    afterId: decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = toPage(rows, q.limit);
  return { items: page.items.map(toView), nextCursor: page.nextCursor };
}

export async function createLivingRoom(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  body: z.infer<typeof LivingRoomCreateBody>,
): Promise<LivingRoomView> {
  if (!ROOM_PLACE_KINDS.has(place.kind)) {
    throw new AppError('PLACE_KIND_NOT_ALLOWED', 'A living room belongs to a community or a compound.');
  }
  if (place.archived_at !== null) throw new AppError('PLACE_ARCHIVED');
  const id = newId();
  await repo.insertLivingRoom(db, {
    id,
    community_id: place.kind === 'community' ? place.id : place.community_id!,
    place_id: place.id,
    name: body.name,
    area_m2: body.areaM2,
    has_logo: body.hasLogo ? 1 : 0,
    functions: joinFunctions(body.functions),
    hours: body.hours ?? null,
    created_at: actor.now,
    updated_at: actor.now,
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'living_room',
    entityId: id,
    place,
    summary: `Created living room "${body.name}" (${body.areaM2} m²)`,
    ip: actor.ip,
    at: actor.now,
  });
  return toView((await repo.findLivingRoom(db, id))!);
}

async function mustFind(db: Kdb, id: string) {
  const room = await repo.findLivingRoom(db, id);
  if (!room) throw new AppError('NOT_FOUND');
  return room;
}

export async function updateLivingRoom(
  db: Kdb,
  actor: Actor,
  id: string,
  body: z.infer<typeof LivingRoomUpdateBody>,
): Promise<LivingRoomView> {
  const room = await mustFind(db, id);
  if (room.archived_at !== null)
    throw new AppError('CONFLICT', 'This living room is archived. Restore it first.');
  await repo.updateLivingRoom(
    db,
    id,
    {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.areaM2 !== undefined ? { area_m2: body.areaM2 } : {}),
      ...(body.hasLogo !== undefined ? { has_logo: body.hasLogo ? 1 : 0 } : {}),
      ...(body.functions !== undefined ? { functions: joinFunctions(body.functions) } : {}),
      ...(body.hours !== undefined ? { hours: body.hours } : {}),
    },
    actor.now,
  );
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'living_room',
    entityId: id,
    place: (await findPlace(db, room.place_id)) ?? null,
    summary: `Changed living room "${room.name}": ${Object.keys(body).join(', ') || 'nothing'}`,
    ip: actor.ip,
    at: actor.now,
  });
  return toView(await mustFind(db, id));
}

export async function setLivingRoomArchived(
  db: Kdb,
  actor: Actor,
  id: string,
  archived: boolean,
): Promise<LivingRoomView> {
  const room = await mustFind(db, id);
  if ((room.archived_at !== null) !== archived) {
    await repo.updateLivingRoom(db, id, { archived_at: archived ? actor.now : null }, actor.now);
    await recordAudit(db, {
      actorId: actor.caller.userId,
      action: archived ? 'archive' : 'restore',
      entityType: 'living_room',
      entityId: id,
      place: (await findPlace(db, room.place_id)) ?? null,
      summary: `${archived ? 'Archived' : 'Restored'} living room "${room.name}"`,
      ip: actor.ip,
      at: actor.now,
    });
  }
  return toView(await mustFind(db, id));
}
