import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

/** A time window over ISO timestamps (inclusive days from … to). */
export interface Window {
  fromTs: string | null;
  /** Exclusive: the start of the day after `to`. */
  toTs: string | null;
  fromDay: string | null;
  toDay: string | null;
}

export function needsServed(db: Q, userId: string, scopePath: string, w: Window) {
  let q = db
    .selectFrom('need_claims')
    .innerJoin('needs', 'needs.id', 'need_claims.need_id')
    .select([
      'needs.id as need_id',
      'needs.category',
      'needs.status',
      'needs.place_id',
      'needs.place_path',
      'need_claims.claimed_at',
    ])
    .select(
      sql<number>`coalesce((select sum(l.hours) from need_service_logs l where l.need_id = needs.id and l.user_id = need_claims.user_id), 0)`.as(
        'hours',
      ),
    )
    .where('need_claims.user_id', '=', userId)
    .where('need_claims.withdrawn_at', 'is', null)
    .where('needs.place_path', 'like', `${scopePath}%`);
  if (w.fromTs) q = q.where('need_claims.claimed_at', '>=', w.fromTs);
  if (w.toTs) q = q.where('need_claims.claimed_at', '<', w.toTs);
  return q.orderBy('need_claims.claimed_at', 'desc').execute();
}

/** Hours logged on needs, by the log's own time (a need claimed earlier may be served inside the window). */
export async function needHours(db: Q, userId: string, scopePath: string, w: Window): Promise<number> {
  let q = db
    .selectFrom('need_service_logs')
    .innerJoin('needs', 'needs.id', 'need_service_logs.need_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('need_service_logs.hours'), eb.lit(0)).as('h'))
    .where('need_service_logs.user_id', '=', userId)
    .where('needs.place_path', 'like', `${scopePath}%`);
  if (w.fromTs) q = q.where('need_service_logs.at', '>=', w.fromTs);
  if (w.toTs) q = q.where('need_service_logs.at', '<', w.toTs);
  const r = await q.executeTakeFirst();
  return Number(r?.h ?? 0);
}

/** Posts she held (approved at some point), with the hours logged on each inside the window. */
export function postsHeld(db: Q, userId: string, scopePath: string, w: Window) {
  const hours = sql<number>`coalesce((select sum(l.hours) from post_service_logs l where l.claim_id = post_claims.id
    ${w.fromTs ? sql`and l.at >= ${w.fromTs}` : sql``} ${w.toTs ? sql`and l.at < ${w.toTs}` : sql``}), 0)`;
  let q = db
    .selectFrom('post_claims')
    .innerJoin('posts', 'posts.id', 'post_claims.post_id')
    .select([
      'post_claims.id',
      'post_claims.status',
      'post_claims.decided_at',
      'post_claims.left_at',
      'posts.name',
    ])
    .select(hours.as('hours'))
    .where('post_claims.user_id', '=', userId)
    .where('post_claims.community_path', 'like', `${scopePath}%`)
    .where((eb) =>
      eb.or([
        eb('post_claims.status', '=', 'approved'),
        eb.and([eb('post_claims.status', '=', 'left'), eb('post_claims.decided_at', 'is not', null)]),
      ]),
    );
  // Held at some time inside the window.
  if (w.toTs) q = q.where('post_claims.decided_at', '<', w.toTs);
  if (w.fromTs) {
    const from = w.fromTs;
    q = q.where((eb) =>
      eb.or([eb('post_claims.left_at', 'is', null), eb('post_claims.left_at', '>=', from)]),
    );
  }
  return q.orderBy('post_claims.decided_at', 'desc').execute();
}

export function whistleCalls(db: Q, userId: string, scopePath: string, w: Window) {
  let q = db
    .selectFrom('whistle_calls')
    .innerJoin('whistles', 'whistles.id', 'whistle_calls.whistle_id')
    .select([
      'whistles.id as whistle_id',
      'whistles.title',
      'whistles.blown_at',
      'whistle_calls.answer',
      'whistle_calls.arrived_at',
      'whistle_calls.minutes_to_arrive',
      'whistle_calls.done_at',
    ])
    .where('whistle_calls.user_id', '=', userId)
    .where('whistle_calls.answer', '!=', 'pending')
    .where('whistle_calls.place_path', 'like', `${scopePath}%`);
  if (w.fromTs) q = q.where('whistles.blown_at', '>=', w.fromTs);
  if (w.toTs) q = q.where('whistles.blown_at', '<', w.toTs);
  return q.orderBy('whistles.blown_at', 'desc').execute();
}

export function smallMatters(db: Q, userId: string, scopePath: string, w: Window) {
  let q = db
    .selectFrom('small_matters')
    .select(['id', 'title', 'occurred_on', 'status'])
    .where('user_id', '=', userId)
    .where('status', '!=', 'withdrawn')
    .where('place_path', 'like', `${scopePath}%`);
  if (w.fromDay) q = q.where('occurred_on', '>=', w.fromDay);
  if (w.toDay) q = q.where('occurred_on', '<=', w.toDay);
  return q.orderBy('occurred_on', 'desc').execute();
}

/** Her latest report-in (inside the scope), to head the record with her work unit. */
export function latestReport(db: Q, userId: string, scopePath: string) {
  return db
    .selectFrom('member_reports')
    .innerJoin('places', 'places.id', 'member_reports.community_id')
    .select([
      'member_reports.id',
      'member_reports.community_id',
      'member_reports.work_unit',
      'member_reports.work_unit_party_org',
      'member_reports.status',
      'places.name as community_name',
    ])
    .where('member_reports.user_id', '=', userId)
    .where('member_reports.community_path', 'like', `${scopePath}%`)
    .orderBy(sql`case when member_reports.status = 'approved' then 0 else 1 end`)
    .orderBy('member_reports.id', 'desc')
    .executeTakeFirst();
}

/** Whether the user is someone the scope's staff keep a record of: reported in there, or a person there. */
export async function isMemberUnder(db: Q, userId: string, scopePath: string): Promise<boolean> {
  const report = await db
    .selectFrom('member_reports')
    .select('id')
    .where('user_id', '=', userId)
    .where('community_path', 'like', `${scopePath}%`)
    .where('status', 'in', ['approved', 'ended', 'withdrawn'])
    .where('decided_at', 'is not', null)
    .executeTakeFirst();
  if (report) return true;
  const person = await db
    .selectFrom('people')
    .innerJoin('places', 'places.id', 'people.community_id')
    .select('people.id')
    .where('people.user_id', '=', userId)
    .where('places.path', 'like', `${scopePath}%`)
    .executeTakeFirst();
  return person !== undefined;
}

export function findUser(db: Q, id: string) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).executeTakeFirst();
}

/** Members reported in (approved) under a place, with their work unit. */
export function reportedMembers(db: Q, scopePath: string, workUnit: string | undefined) {
  let q = db
    .selectFrom('member_reports')
    .innerJoin('users', 'users.id', 'member_reports.user_id')
    .select(['member_reports.user_id', 'member_reports.work_unit', 'users.display_name'])
    .where('member_reports.community_path', 'like', `${scopePath}%`)
    .where('member_reports.status', '=', 'approved');
  if (workUnit) q = q.where('member_reports.work_unit', '=', workUnit);
  return q.orderBy('member_reports.work_unit').orderBy('users.display_name').limit(5000).execute();
}
