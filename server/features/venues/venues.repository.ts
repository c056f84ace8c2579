import type { Kysely, Selectable } from 'kysely';
import type { Database, LivingRoomsTable } from '../../db/schema.js';

type Q = Kysely<Database>;
export type LivingRoomRow = Selectable<LivingRoomsTable> & { place_name: string; place_kind: string };

const base = (db: Q) =>
  db
    .selectFrom('living_rooms')
    .innerJoin('places', 'places.id', 'living_rooms.place_id')
    .selectAll('living_rooms')
    .select(['places.name as place_name', 'places.kind as place_kind']);

export function findLivingRoom(db: Q, id: string): Promise<LivingRoomRow | undefined> {
  return base(db).where('living_rooms.id', '=', id).executeTakeFirst();
}

/** Living rooms of places in a subtree, in creation order, one page at a time. */
export function listLivingRooms(
  db: Q,
  subtreePath: string,
  opts: { includeArchived: boolean; afterId?: string; limit: number },
): Promise<LivingRoomRow[]> {
  let q = base(db).where('places.path', 'like', `${subtreePath}%`);
  if (!opts.includeArchived) q = q.where('living_rooms.archived_at', 'is', null);
  if (opts.afterId) q = q.where('living_rooms.id', '>', opts.afterId);
  return q.orderBy('living_rooms.id').limit(opts.limit).execute();
}

export async function insertLivingRoom(
  db: Q,
  row: Omit<Selectable<LivingRoomsTable>, 'archived_at'>,
): Promise<void> {
  await db
    .insertInto('living_rooms')
    .values({ ...row, archived_at: null })
    .execute();
}

export async function updateLivingRoom(
  db: Q,
  id: string,
  set: Partial<
    Pick<
      Selectable<LivingRoomsTable>,
      'name' | 'area_m2' | 'has_logo' | 'functions' | 'hours' | 'archived_at'
    >
  >,
  now: string,
): Promise<void> {
  await db
    .updateTable('living_rooms')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}
