import type { Kysely } from 'kysely';
import { SOLVED_STATUSES } from '../../../domain/needs.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

// The headline counts of a place, each a prefix match of its path on an index of the counted table
// (text_pattern_ops on PostgreSQL, migration 20261130T1000).

async function count(q: {
  executeTakeFirst(): Promise<{ n: number | string | bigint } | undefined>;
}): Promise<number> {
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

export function smallMattersSolved(db: Q, path: string) {
  return count(
    db
      .selectFrom('small_matters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('place_path', 'like', `${path}%`)
      .where('status', '=', 'verified'),
  );
}

export function needsSolved(db: Q, path: string) {
  return count(
    db
      .selectFrom('needs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('place_path', 'like', `${path}%`)
      .where('status', 'in', [...SOLVED_STATUSES]),
  );
}

export function membersReportedIn(db: Q, path: string) {
  return count(
    db
      .selectFrom('member_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('community_path', 'like', `${path}%`)
      .where('status', '=', 'approved'),
  );
}

export function postsFilled(db: Q, path: string) {
  return count(
    db
      .selectFrom('post_claims')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('community_path', 'like', `${path}%`)
      .where('status', '=', 'approved'),
  );
}

export function whistlesAnswered(db: Q, path: string) {
  return count(
    db
      .selectFrom('whistle_calls')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('place_path', 'like', `${path}%`)
      .where('answer', '=', 'coming'),
  );
}

/** The median of minutes to arrive: count the arrivals, then read the middle one or two in order. */
export async function medianMinutesToArrive(db: Q, path: string): Promise<number | null> {
  const arrived = db
    .selectFrom('whistle_calls')
    .where('place_path', 'like', `${path}%`)
    .where('minutes_to_arrive', 'is not', null);
  const n = await count(arrived.select((eb) => eb.fn.countAll<number>().as('n')));
  if (n === 0) return null;
  const rows = await arrived
    .select('minutes_to_arrive')
    .orderBy('minutes_to_arrive')
    .limit(n % 2 === 1 ? 1 : 2)
    .offset(Math.floor((n - 1) / 2))
    .execute();
  const values = rows.map((r) => Number(r.minutes_to_arrive));
  return values.reduce((s, v) => s + v, 0) / values.length;
}
