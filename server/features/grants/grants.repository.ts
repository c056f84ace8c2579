import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

const base = (db: Q) =>
  db
    .selectFrom('grants')
    .innerJoin('users', 'users.id', 'grants.user_id')
    .leftJoin('places', 'places.id', 'grants.place_id')
    .select([
      'grants.id',
      'grants.user_id',
      'grants.role',
      'grants.place_id',
      'grants.community_id',
      'grants.created_at',
      'users.display_name',
      'users.phone',
      'places.name as place_name',
      'places.path as place_path',
    ]);

export function findGrant(db: Q, id: string) {
  return base(db).where('grants.id', '=', id).executeTakeFirst();
}

export function listGrantsUnder(db: Q, subtreePath: string, opts: { afterId?: string; limit: number }) {
  let q = base(db).where('places.path', 'like', `${subtreePath}%`);
  if (opts.afterId) q = q.where('grants.id', '>', opts.afterId);
  return q.orderBy('grants.id').limit(opts.limit).execute();
}

export function findSameGrant(db: Q, userId: string, role: string, placeId: string | null) {
  return db
    .selectFrom('grants')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where('place_id', placeId === null ? 'is' : '=', placeId)
    .executeTakeFirst();
}

/** Insert a grant; false when the person already holds this role on this place. */
export async function insertGrant(
  db: Q,
  g: {
    id: string;
    userId: string;
    role: string;
    placeId: string | null;
    communityId: string | null;
    by: string | null;
    now: string;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('grants')
    .values({
      id: g.id,
      user_id: g.userId,
      role: g.role,
      place_id: g.placeId,
      community_id: g.communityId,
      created_by: g.by,
      created_at: g.now,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteGrant(db: Q, id: string) {
  await db.deleteFrom('grants').where('id', '=', id).execute();
}
