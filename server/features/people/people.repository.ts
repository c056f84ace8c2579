import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

const columns = [
  'people.id',
  'people.community_id',
  'people.name',
  'people.phone',
  'people.gender',
  'people.birth_year',
  'people.household_id',
  'people.user_id',
  'people.note',
  'people.archived_at',
  'h.name as household_name',
  'h.path as household_path',
  'pm.kind as member_kind',
  'pm.organisation_id as member_organisation_id',
  'pm.work_unit as member_work_unit',
  'pm.joined_on as member_joined_on',
  'o.name as member_organisation_name',
] as const;

const base = (db: Q) =>
  db
    .selectFrom('people')
    .leftJoin('places as h', 'h.id', 'people.household_id')
    .leftJoin('party_members as pm', (j) =>
      j.onRef('pm.person_id', '=', 'people.id').on('pm.ended_at', 'is', null),
    )
    .leftJoin('organisations as o', 'o.id', 'pm.organisation_id')
    .select(columns);

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

export function findPerson(db: Q, id: string) {
  return base(db).where('people.id', '=', id).executeTakeFirst();
}

export type PeopleFilter = 'all' | 'party_member' | 'in_service' | 'instructor' | 'building_leader';

/**
 * People of the communities under a place (a place above a community: all of theirs), or living under
 * it (a compound or building: by household), by name, oldest record first, one page at a time.
 */
export function listPeople(
  db: Q,
  scope: { path: string; byHousehold: boolean },
  opts: { q?: string | undefined; filter: PeopleFilter; afterId?: string | undefined; limit: number },
) {
  let q = base(db).where('people.archived_at', 'is', null);
  if (scope.byHousehold) {
    q = q.where('h.path', 'like', `${scope.path}%`);
  } else {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('places as c')
          .select('c.id')
          .whereRef('c.id', '=', 'people.community_id')
          .where('c.path', 'like', `${scope.path}%`),
      ),
    );
  }
  // Wildcards are dropped rather than escaped: the two dialects escape LIKE differently, names have none.
  const term = opts.q?.replace(/[\\%_]/g, '');
  if (term) q = q.where('people.name', 'like', `%${term}%`);
  if (opts.filter === 'party_member') q = q.where('pm.person_id', 'is not', null);
  if (opts.filter === 'in_service') q = q.where('pm.kind', '=', 'in_service');
  if (opts.filter === 'instructor') {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('instructor_links as il')
          .select('il.id')
          .whereRef('il.person_id', '=', 'people.id')
          .where('il.ended_at', 'is', null),
      ),
    );
  }
  if (opts.filter === 'building_leader') {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('positions as p')
          .select('p.id')
          .whereRef('p.person_id', '=', 'people.id')
          .where('p.title', '=', 'pioneer_post')
          .where('p.ended_at', 'is', null),
      ),
    );
  }
  if (opts.afterId) q = q.where('people.id', '>', opts.afterId);
  return q.orderBy('people.id').limit(opts.limit).execute();
}

export function findPersonByPhone(db: Q, communityId: string, phone: string) {
  return db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('community_id', '=', communityId)
    .where('phone', '=', phone)
    .executeTakeFirst();
}

export function findPersonByUser(db: Q, communityId: string, userId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('community_id', '=', communityId)
    .where('user_id', '=', userId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

export async function insertPerson(
  db: Q,
  p: {
    id: string;
    communityId: string;
    name: string;
    phone: string | null;
    gender: string | null;
    birthYear: number | null;
    householdId: string | null;
    userId: string | null;
    note: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('people')
    .values({
      id: p.id,
      community_id: p.communityId,
      name: p.name,
      phone: p.phone,
      gender: p.gender,
      birth_year: p.birthYear,
      household_id: p.householdId,
      user_id: p.userId,
      note: p.note,
      created_at: p.at,
      updated_at: p.at,
      archived_at: null,
    })
    .execute();
}

export async function updatePerson(
  db: Q,
  id: string,
  set: {
    name?: string;
    phone?: string | null;
    gender?: string | null;
    birth_year?: number | null;
    household_id?: string | null;
    user_id?: string | null;
    note?: string | null;
  },
  at: string,
): Promise<void> {
  await db
    .updateTable('people')
    .set({ ...set, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Start or change a person's party membership (one live row per person; the primary key is the person). */
export async function upsertPartyMember(
  db: Q,
  m: {
    personId: string;
    communityId: string;
    kind: string;
    organisationId: string | null;
    workUnit: string | null;
    joinedOn: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('party_members')
    .values({
      person_id: m.personId,
      community_id: m.communityId,
      kind: m.kind,
      organisation_id: m.organisationId,
      work_unit: m.workUnit,
      joined_on: m.joinedOn,
      created_at: m.at,
      updated_at: m.at,
      ended_at: null,
    })
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet({
        kind: m.kind,
        organisation_id: m.organisationId,
        work_unit: m.workUnit,
        joined_on: m.joinedOn,
        updated_at: m.at,
        ended_at: null,
      }),
    )
    .execute();
}

export async function endPartyMember(db: Q, personId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('party_members')
    .set({ ended_at: at, updated_at: at })
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function listInstructorLinks(db: Q, personIds: readonly string[], opts: { liveOnly: boolean }) {
  if (personIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('instructor_links')
    .innerJoin('places', 'places.id', 'instructor_links.compound_id')
    .select([
      'instructor_links.id',
      'instructor_links.person_id',
      'instructor_links.compound_id',
      'instructor_links.started_at',
      'instructor_links.ended_at',
      'places.name as compound_name',
    ])
    .where('instructor_links.person_id', 'in', personIds);
  if (opts.liveOnly) q = q.where('instructor_links.ended_at', 'is', null);
  return q.orderBy('instructor_links.started_at').orderBy('instructor_links.id').execute();
}

export function findInstructorLink(db: Q, id: string) {
  return db.selectFrom('instructor_links').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertInstructorLink(
  db: Q,
  l: { id: string; communityId: string; personId: string; compoundId: string; at: string },
): Promise<void> {
  await db
    .insertInto('instructor_links')
    .values({
      id: l.id,
      community_id: l.communityId,
      person_id: l.personId,
      compound_id: l.compoundId,
      started_at: l.at,
      ended_at: null,
    })
    .execute();
}

export async function endInstructorLink(db: Q, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('instructor_links')
    .set({ ended_at: at })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Live positions of people, with their organisation. */
export function listPositionsOf(db: Q, personIds: readonly string[], opts: { liveOnly: boolean }) {
  if (personIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('positions')
    .innerJoin('organisations', 'organisations.id', 'positions.organisation_id')
    .select([
      'positions.id',
      'positions.person_id',
      'positions.title',
      'positions.started_at',
      'positions.ended_at',
      'organisations.id as organisation_id',
      'organisations.name as organisation_name',
    ])
    .where('positions.person_id', 'in', personIds);
  if (opts.liveOnly) q = q.where('positions.ended_at', 'is', null);
  return q.orderBy('positions.started_at').execute();
}

export function listRedButlersOf(db: Q, personId: string) {
  return db
    .selectFrom('red_butlers')
    .leftJoin('organisations', 'organisations.id', 'red_butlers.organisation_id')
    .select([
      'red_butlers.id',
      'red_butlers.kind',
      'red_butlers.started_at',
      'red_butlers.ended_at',
      'organisations.id as organisation_id',
      'organisations.name as organisation_name',
    ])
    .where('red_butlers.person_id', '=', personId)
    .execute();
}

export function listOwnersCommitteeOf(db: Q, personId: string) {
  return db
    .selectFrom('owners_committee_members')
    .innerJoin('places', 'places.id', 'owners_committee_members.compound_id')
    .select([
      'owners_committee_members.id',
      'owners_committee_members.role',
      'owners_committee_members.started_at',
      'owners_committee_members.ended_at',
      'places.id as compound_id',
      'places.name as compound_name',
    ])
    .where('owners_committee_members.person_id', '=', personId)
    .execute();
}

export function listCentralHouseholdsLedBy(db: Q, personId: string) {
  return db
    .selectFrom('central_households')
    .innerJoin('places', 'places.id', 'central_households.household_id')
    .select([
      'central_households.id',
      'central_households.title',
      'central_households.created_at',
      'central_households.ended_at',
      'places.id as household_id',
      'places.name as household_name',
    ])
    .where('central_households.leader_person_id', '=', personId)
    .execute();
}

export function findUser(db: Q, id: string) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).executeTakeFirst();
}
