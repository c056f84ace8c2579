import type { Kysely, Selectable } from 'kysely';
import type { Database, SmallMattersTable } from '../../db/schema.js';

type Q = Kysely<Database>;

export type MatterRow = Selectable<SmallMattersTable> & {
  member_name: string;
  decided_by_name: string | null;
  place_kind: string;
  place_name: string;
  community_path: string;
};

function matterQuery(db: Q) {
  return db
    .selectFrom('small_matters')
    .innerJoin('users as m', 'm.id', 'small_matters.user_id')
    .innerJoin('places as p', 'p.id', 'small_matters.place_id')
    .innerJoin('places as c', 'c.id', 'small_matters.community_id')
    .leftJoin('users as d', 'd.id', 'small_matters.decided_by')
    .selectAll('small_matters')
    .select([
      'm.display_name as member_name',
      'd.display_name as decided_by_name',
      'p.kind as place_kind',
      'p.name as place_name',
      'c.path as community_path',
    ]);
}

export function findMatter(db: Q, id: string): Promise<MatterRow | undefined> {
  return matterQuery(db).where('small_matters.id', '=', id).executeTakeFirst();
}

export function listMatters(
  db: Q,
  opts: {
    placePath?: string;
    userId?: string;
    communityId?: string;
    status?: string;
    onWall?: boolean;
    before?: string;
    limit: number;
  },
): Promise<MatterRow[]> {
  let q = matterQuery(db);
  if (opts.placePath) q = q.where('small_matters.place_path', 'like', `${opts.placePath}%`);
  if (opts.userId) q = q.where('small_matters.user_id', '=', opts.userId);
  if (opts.communityId) q = q.where('small_matters.community_id', '=', opts.communityId);
  if (opts.status) q = q.where('small_matters.status', '=', opts.status);
  if (opts.onWall !== undefined) q = q.where('small_matters.on_wall', '=', opts.onWall ? 1 : 0);
  if (opts.before) q = q.where('small_matters.id', '<', opts.before);
  return q
    .orderBy('small_matters.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

export async function insertMatter(db: Q, m: Omit<Selectable<SmallMattersTable>, 'on_wall'>): Promise<void> {
  await db
    .insertInto('small_matters')
    .values({ ...m, on_wall: 0 })
    .execute();
}

export async function updateMatterFrom(
  db: Q,
  id: string,
  from: readonly string[],
  set: Partial<Omit<Selectable<SmallMattersTable>, 'id'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('small_matters')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Photos the user uploaded and has not attached to anything yet. */
export async function freePhotosOf(db: Q, userId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('need_photos')
    .leftJoin('small_matter_photos', 'small_matter_photos.photo_id', 'need_photos.id')
    .select('need_photos.id')
    .where('need_photos.id', 'in', [...ids])
    .where('need_photos.uploaded_by', '=', userId)
    .where('need_photos.need_id', 'is', null)
    .where('need_photos.log_id', 'is', null)
    .where('small_matter_photos.photo_id', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function replacePhotos(
  db: Q,
  matterId: string,
  photos: { photoId: string; stage: 'before' | 'after'; position: number }[],
  communityId: string,
): Promise<void> {
  await db.deleteFrom('small_matter_photos').where('small_matter_id', '=', matterId).execute();
  if (photos.length === 0) return;
  await db
    .insertInto('small_matter_photos')
    .values(
      photos.map((p) => ({
        small_matter_id: matterId,
        photo_id: p.photoId,
        stage: p.stage,
        position: p.position,
      })),
    )
    .execute();
  // The photo now belongs to the community (for retention and the community's own reports).
  await db
    .updateTable('need_photos')
    .set({ community_id: communityId })
    .where(
      'id',
      'in',
      photos.map((p) => p.photoId),
    )
    .execute();
}

export function photosOf(db: Q, matterIds: readonly string[]) {
  if (matterIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('small_matter_photos')
    .innerJoin('need_photos', 'need_photos.id', 'small_matter_photos.photo_id')
    .select([
      'small_matter_photos.small_matter_id',
      'small_matter_photos.photo_id',
      'small_matter_photos.stage',
      'small_matter_photos.position',
      'need_photos.content_type',
    ])
    .where('small_matter_photos.small_matter_id', 'in', [...matterIds])
    .orderBy('small_matter_photos.stage', 'desc')
    .orderBy('small_matter_photos.position')
    .execute();
}

export function photoBytes(db: Q, matterId: string, photoId: string) {
  return db
    .selectFrom('small_matter_photos')
    .innerJoin('need_photos', 'need_photos.id', 'small_matter_photos.photo_id')
    .select(['need_photos.content_type', 'need_photos.data'])
    .where('small_matter_photos.small_matter_id', '=', matterId)
    .where('small_matter_photos.photo_id', '=', photoId)
    .executeTakeFirst();
}
