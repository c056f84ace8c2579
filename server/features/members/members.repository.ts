import type { Kysely, Selectable } from 'kysely';
import type { Database, MemberReportsTable } from '../../db/schema.js';

type Q = Kysely<Database>;

export type ReportRow = Selectable<MemberReportsTable> & {
  member_name: string;
  member_phone: string | null;
  community_name: string;
  decided_by_name: string | null;
};

function reportQuery(db: Q) {
  return db
    .selectFrom('member_reports')
    .innerJoin('users as m', 'm.id', 'member_reports.user_id')
    .innerJoin('places as c', 'c.id', 'member_reports.community_id')
    .leftJoin('users as d', 'd.id', 'member_reports.decided_by')
    .selectAll('member_reports')
    .select([
      'm.display_name as member_name',
      'm.phone as member_phone',
      'c.name as community_name',
      'd.display_name as decided_by_name',
    ]);
}

export function findReport(db: Q, id: string): Promise<ReportRow | undefined> {
  return reportQuery(db).where('member_reports.id', '=', id).executeTakeFirst();
}

export function listReportsOfUser(db: Q, userId: string): Promise<ReportRow[]> {
  return reportQuery(db)
    .where('member_reports.user_id', '=', userId)
    .orderBy('member_reports.id', 'desc')
    .limit(100)
    .execute();
}

export function listReports(
  db: Q,
  opts: {
    communityPath: string;
    status?: string;
    dueBefore?: string;
    q?: string;
    before?: string;
    limit: number;
  },
): Promise<ReportRow[]> {
  let q = reportQuery(db).where('member_reports.community_path', 'like', `${opts.communityPath}%`);
  if (opts.status) q = q.where('member_reports.status', '=', opts.status);
  if (opts.dueBefore) {
    q = q
      .where('member_reports.status', '=', 'approved')
      .where('member_reports.confirm_due_at', '<=', opts.dueBefore);
  }
  if (opts.q) {
    const like = `%${opts.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([eb('m.display_name', 'like', like), eb('member_reports.work_unit', 'like', like)]),
    );
  }
  if (opts.before) q = q.where('member_reports.id', '<', opts.before);
  return q
    .orderBy('member_reports.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

export async function insertReport(
  db: Q,
  r: {
    id: string;
    communityId: string;
    communityPath: string;
    userId: string;
    workUnit: string;
    workUnitPartyOrg: string | null;
    skills: string[];
    availability: string | null;
    note: string | null;
    previousReportId: string | null;
    now: string;
  },
): Promise<boolean> {
  const res = await db
    .insertInto('member_reports')
    .values({
      id: r.id,
      community_id: r.communityId,
      community_path: r.communityPath,
      user_id: r.userId,
      person_id: null,
      status: 'pending',
      work_unit: r.workUnit,
      work_unit_party_org: r.workUnitPartyOrg,
      skills: JSON.stringify(r.skills),
      availability: r.availability,
      note: r.note,
      reason: null,
      previous_report_id: r.previousReportId,
      submitted_at: r.now,
      decided_at: null,
      decided_by: null,
      confirmed_at: null,
      confirm_due_at: null,
      ended_at: null,
      updated_at: r.now,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Move a report on only if it still stands where the caller saw it: false when it has moved on. */
export async function updateReportFrom(
  db: Q,
  id: string,
  from: readonly string[],
  set: Partial<Omit<Selectable<MemberReportsTable>, 'id'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('member_reports')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function findUser(db: Q, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'phone'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Communities anyone may report in to, with their street and district names. */
export function listCommunities(db: Q) {
  return db
    .selectFrom('places as c')
    .leftJoin('places as s', 's.id', 'c.parent_id')
    .leftJoin('places as d', 'd.id', 's.parent_id')
    .select(['c.id', 'c.name', 's.name as street', 'd.name as district'])
    .where('c.kind', '=', 'community')
    .where('c.archived_at', 'is', null)
    .orderBy('c.path')
    .limit(2000)
    .execute();
}

export function findLivePartyMember(db: Q, personId: string) {
  return db
    .selectFrom('party_members')
    .select(['person_id', 'kind', 'organisation_id', 'work_unit', 'joined_on'])
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

export function findBigCommittee(db: Q, communityId: string) {
  return db
    .selectFrom('organisations')
    .select('id')
    .where('community_id', '=', communityId)
    .where('kind', '=', 'big_committee')
    .where('dissolved_at', 'is', null)
    .executeTakeFirst();
}

export async function findSetting(db: Q, districtId: string, key: string) {
  return db
    .selectFrom('district_settings')
    .select(['value', 'updated_at'])
    .where('district_id', '=', districtId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function saveSetting(
  db: Q,
  districtId: string,
  key: string,
  value: unknown,
  by: string,
  now: string,
) {
  const json = JSON.stringify(value);
  await db
    .insertInto('district_settings')
    .values({ district_id: districtId, key, value: json, updated_at: now, updated_by: by })
    .onConflict((oc) =>
      oc.columns(['district_id', 'key']).doUpdateSet({ value: json, updated_at: now, updated_by: by }),
    )
    .execute();
}

/** Users holding `role` on exactly this place (e.g. the community's staff). */
export async function usersWithRoleOn(db: Q, role: string, placeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('grants')
    .select('user_id')
    .where('role', '=', role)
    .where('place_id', '=', placeId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Whether the user still holds the party-member role anywhere in the community (e.g. on her household). */
export async function hasPartyMemberGrantIn(db: Q, userId: string, communityPath: string): Promise<boolean> {
  const row = await db
    .selectFrom('grants')
    .innerJoin('places', 'places.id', 'grants.place_id')
    .select('grants.id')
    .where('grants.user_id', '=', userId)
    .where('grants.role', '=', 'party_member')
    .where('places.path', 'like', `${communityPath}%`)
    .executeTakeFirst();
  return row !== undefined;
}
