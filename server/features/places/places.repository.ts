import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { cachedRow, cachedRows } from '../../db/row-cache.js';
import type { Database, NewPlace, PlaceRow } from '../../db/schema.js';

type Q = Kysely<Database>;

/** A place by id; outside a transaction from the copies of places (server/db/row-cache.ts). */
export function findPlace(db: Q, id: string): Promise<PlaceRow | undefined> {
  return cachedRow(db, 'places', id, () =>
    db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst(),
  );
}

/** The places of these ids, shallowest first; outside a transaction from the copies of places. */
export async function findPlacesByIds(db: Q, ids: readonly string[]): Promise<PlaceRow[]> {
  if (ids.length === 0) return [];
  const rows = await cachedRows(
    db,
    'places',
    [...new Set(ids)],
    (p: PlaceRow) => p.id,
    (missing) => db.selectFrom('places').selectAll().where('id', 'in', missing).execute(),
  );
  return rows.sort((a, b) => a.depth - b.depth);
}

/** Live children of each selected place, as a correlated subquery. */
const childCount = (eb: ExpressionBuilder<Database, 'places'>) =>
  eb.fn.coalesce(
    eb
      .selectFrom('places as c')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('c.parent_id', '=', 'places.id')
      .where('c.archived_at', 'is', null),
    eb.lit(0),
  );

export type PlaceWithCount = PlaceRow & { child_count: number };

export async function findPlaceWithCount(db: Q, id: string): Promise<PlaceWithCount | undefined> {
  return db
    .selectFrom('places')
    .selectAll('places')
    .select((eb) => childCount(eb).as('child_count'))
    .where('places.id', '=', id)
    .executeTakeFirst();
}

/**
 * Siblings sort by the length of their name, then the name, then the id, which puts 2幢 before 10幢 and
 * 301室 before 1201室. A cursor is the last id of a page; the next page starts after it in this order.
 */
function nameOrderAfter(after: { name: string; id: string } | undefined) {
  return after
    ? sql<boolean>`(length(places.name), places.name, places.id) > (${[...after.name].length}, ${after.name}, ${after.id})`
    : sql<boolean>`1 = 1`;
}

async function cursorPlace(db: Q, afterId: string | undefined) {
  if (!afterId) return undefined;
  return db.selectFrom('places').select(['id', 'name']).where('id', '=', afterId).executeTakeFirst();
}

/** Children in name order, one page at a time. */
export async function listChildren(
  db: Q,
  parentId: string | null,
  opts: { includeArchived: boolean; afterId?: string; limit: number },
): Promise<PlaceWithCount[]> {
  let q = db
    .selectFrom('places')
    .selectAll('places')
    .select((eb) => childCount(eb).as('child_count'))
    .where('places.parent_id', parentId === null ? 'is' : '=', parentId);
  if (!opts.includeArchived) q = q.where('places.archived_at', 'is', null);
  return q
    .where(nameOrderAfter(await cursorPlace(db, opts.afterId)))
    .orderBy(sql`length(places.name)`)
    .orderBy('places.name')
    .orderBy('places.id')
    .limit(opts.limit)
    .execute();
}

export async function insertPlace(db: Q, place: NewPlace): Promise<void> {
  await db.insertInto('places').values(place).execute();
}

export async function renamePlace(db: Q, id: string, name: string, now: string): Promise<void> {
  await db.updateTable('places').set({ name, updated_at: now }).where('id', '=', id).execute();
}

export async function setArchived(db: Q, id: string, archivedAt: string | null, now: string): Promise<void> {
  await db
    .updateTable('places')
    .set({ archived_at: archivedAt, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Whether the place or any ancestor is archived. */
export async function isEffectivelyArchived(db: Q, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return false;
  const row = await db
    .selectFrom('places')
    .select('id')
    .where('id', 'in', ids)
    .where('archived_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Move a subtree: rewrite the path prefix and depth of every place in it, and, when it changes
 * community, the community id of its places and of the rows that follow them.
 */
export async function moveSubtree(
  db: Q,
  place: PlaceRow,
  newParentId: string,
  newPath: string,
  newDepth: number,
  newCommunityId: string | null,
  now: string,
): Promise<void> {
  const oldPath = place.path;
  const delta = newDepth - place.depth;
  await db
    .updateTable('places')
    .set({ parent_id: newParentId, updated_at: now })
    .where('id', '=', place.id)
    .execute();
  await db
    .updateTable('places')
    .set({
      path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})`,
      depth: sql<number>`depth + ${delta}`,
    })
    .where('path', 'like', `${oldPath}%`)
    .execute();
  if (place.kind !== 'community' && newCommunityId !== place.community_id) {
    const subtree = db.selectFrom('places').select('id').where('path', 'like', `${newPath}%`);
    await db
      .updateTable('places')
      .set({ community_id: newCommunityId })
      .where('path', 'like', `${newPath}%`)
      .execute();
    await db
      .updateTable('bindings')
      .set({ community_id: newCommunityId ?? '' })
      .where('household_id', 'in', subtree)
      .execute();
    await db
      .updateTable('grants')
      .set({ community_id: newCommunityId })
      .where('place_id', 'in', subtree)
      .execute();
  }
}

/** The public directory: live children with names only, for finding one's household. */
export async function listDirectory(
  db: Q,
  parentId: string | null,
  afterId: string | undefined,
  limit: number,
) {
  const q = db
    .selectFrom('places')
    .select(['places.id', 'places.kind', 'places.name'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('places as c')
            .select('c.id')
            .whereRef('c.parent_id', '=', 'places.id')
            .where('c.archived_at', 'is', null),
        )
        .as('has_children'),
    )
    .where('places.parent_id', parentId === null ? 'is' : '=', parentId)
    .where('places.archived_at', 'is', null)
    .where(nameOrderAfter(await cursorPlace(db, afterId)));
  return q
    .orderBy(sql`length(places.name)`)
    .orderBy('places.name')
    .orderBy('places.id')
    .limit(limit)
    .execute();
}
