import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

const orgColumns = [
  'organisations.id',
  'organisations.community_id',
  'organisations.kind',
  'organisations.name',
  'organisations.place_id',
  'organisations.parent_id',
  'organisations.created_at',
  'organisations.updated_at',
  'organisations.dissolved_at',
  'organisations.dissolved_reason',
  'organisations.merged_into_id',
  'places.name as place_name',
  'places.kind as place_kind',
  'places.path as place_path',
] as const;

const orgBase = (db: Q) =>
  db
    .selectFrom('organisations')
    .innerJoin('places', 'places.id', 'organisations.place_id')
    .select(orgColumns);

export type OrganisationRow = NonNullable<Awaited<ReturnType<typeof findOrganisation>>>;

export function findOrganisation(db: Q, id: string) {
  return orgBase(db).where('organisations.id', '=', id).executeTakeFirst();
}

/** Every organisation of a community, dissolved ones too (history is kept), oldest first. */
export function listOrganisationsOfCommunity(db: Q, communityId: string) {
  return orgBase(db)
    .where('organisations.community_id', '=', communityId)
    .orderBy('organisations.id')
    .execute();
}

/** The live organisation of a kind on a place, if any. */
export function findLiveOnPlace(db: Q, kind: string, placeId: string) {
  return orgBase(db)
    .where('organisations.kind', '=', kind)
    .where('organisations.place_id', '=', placeId)
    .where('organisations.dissolved_at', 'is', null)
    .executeTakeFirst();
}

export async function insertOrganisation(
  db: Q,
  o: {
    id: string;
    communityId: string;
    kind: string;
    name: string;
    placeId: string;
    parentId: string | null;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('organisations')
    .values({
      id: o.id,
      community_id: o.communityId,
      kind: o.kind,
      name: o.name,
      place_id: o.placeId,
      parent_id: o.parentId,
      created_at: o.now,
      updated_at: o.now,
      dissolved_at: null,
      dissolved_reason: null,
      merged_into_id: null,
    })
    .execute();
}

export async function updateOrganisation(
  db: Q,
  id: string,
  set: { name?: string; kind?: string; place_id?: string },
  now: string,
): Promise<void> {
  await db
    .updateTable('organisations')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Mark dissolved (or merged, with the group it went into); false if someone else did it first. */
export async function dissolveOrganisation(
  db: Q,
  id: string,
  at: string,
  reason: string,
  mergedIntoId: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable('organisations')
    .set({ dissolved_at: at, dissolved_reason: reason, merged_into_id: mergedIntoId, updated_at: at })
    .where('id', '=', id)
    .where('dissolved_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// Buildings covered

export function listOrganisationBuildings(db: Q, organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organisation_buildings')
    .innerJoin('places', 'places.id', 'organisation_buildings.building_id')
    .select([
      'organisation_buildings.organisation_id',
      'organisation_buildings.building_id',
      'organisation_buildings.started_at',
      'organisation_buildings.ended_at',
      'places.name as building_name',
    ])
    .where('organisation_buildings.organisation_id', 'in', organisationIds)
    .orderBy('places.name')
    .execute();
}

/** The live groups covering these buildings now (building id → organisation id). */
export async function liveGroupsOfBuildings(db: Q, buildingIds: readonly string[]) {
  if (buildingIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('organisation_buildings')
    .innerJoin('organisations', 'organisations.id', 'organisation_buildings.organisation_id')
    .select(['organisation_buildings.building_id', 'organisation_buildings.organisation_id'])
    .where('organisation_buildings.building_id', 'in', buildingIds)
    .where('organisation_buildings.ended_at', 'is', null)
    .where('organisations.dissolved_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.building_id, r.organisation_id]));
}

export async function addOrganisationBuildings(
  db: Q,
  organisationId: string,
  communityId: string,
  buildingIds: readonly string[],
  at: string,
): Promise<void> {
  if (buildingIds.length === 0) return;
  await db
    .insertInto('organisation_buildings')
    .values(
      buildingIds.map((b) => ({
        organisation_id: organisationId,
        building_id: b,
        community_id: communityId,
        started_at: at,
        ended_at: null,
      })),
    )
    .execute();
}

export async function endOrganisationBuildings(
  db: Q,
  organisationId: string,
  buildingIds: readonly string[] | 'all',
  at: string,
): Promise<void> {
  let q = db
    .updateTable('organisation_buildings')
    .set({ ended_at: at })
    .where('organisation_id', '=', organisationId)
    .where('ended_at', 'is', null);
  if (buildingIds !== 'all') {
    if (buildingIds.length === 0) return;
    q = q.where('building_id', 'in', buildingIds);
  }
  await q.execute();
}

// Positions

export function listPositions(db: Q, organisationIds: readonly string[], opts: { liveOnly: boolean }) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('positions')
    .leftJoin('people', 'people.id', 'positions.person_id')
    .leftJoin('partner_units', 'partner_units.id', 'positions.partner_unit_id')
    .select([
      'positions.id',
      'positions.organisation_id',
      'positions.title',
      'positions.person_id',
      'positions.partner_unit_id',
      'positions.started_at',
      'positions.ended_at',
      'people.name as person_name',
      'partner_units.name as partner_unit_name',
    ])
    .where('positions.organisation_id', 'in', organisationIds);
  if (opts.liveOnly) q = q.where('positions.ended_at', 'is', null);
  return q.orderBy('positions.started_at').orderBy('positions.id').execute();
}

export function findPosition(db: Q, id: string) {
  return db.selectFrom('positions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPosition(
  db: Q,
  p: {
    id: string;
    organisationId: string;
    communityId: string;
    title: string;
    personId: string | null;
    partnerUnitId: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('positions')
    .values({
      id: p.id,
      organisation_id: p.organisationId,
      community_id: p.communityId,
      title: p.title,
      person_id: p.personId,
      partner_unit_id: p.partnerUnitId,
      started_at: p.at,
      ended_at: null,
    })
    .execute();
}

/** End live positions: by id, by title in an organisation, or all of an organisation. */
export async function endPositions(
  db: Q,
  where: { id?: string; organisationId?: string; title?: string },
  at: string,
): Promise<number> {
  let q = db.updateTable('positions').set({ ended_at: at }).where('ended_at', 'is', null);
  if (where.id) q = q.where('id', '=', where.id);
  if (where.organisationId) q = q.where('organisation_id', '=', where.organisationId);
  if (where.title) q = q.where('title', '=', where.title);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function findPartnerUnit(db: Q, id: string) {
  return db
    .selectFrom('partner_units')
    .select(['id', 'name', 'district_id', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

// Members, red butlers, owners' committees

export function listMembersOf(db: Q, organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('party_members')
    .innerJoin('people', 'people.id', 'party_members.person_id')
    .select(['party_members.person_id', 'party_members.organisation_id', 'party_members.kind', 'people.name'])
    .where('party_members.organisation_id', 'in', organisationIds)
    .where('party_members.ended_at', 'is', null)
    .where('people.archived_at', 'is', null)
    .orderBy('people.name')
    .execute();
}

export async function moveMembers(db: Q, fromId: string, toId: string, at: string): Promise<void> {
  await db
    .updateTable('party_members')
    .set({ organisation_id: toId, updated_at: at })
    .where('organisation_id', '=', fromId)
    .execute();
}

export function listRedButlers(db: Q, organisationId: string) {
  return db
    .selectFrom('red_butlers')
    .innerJoin('people', 'people.id', 'red_butlers.person_id')
    .leftJoin('places', 'places.id', 'red_butlers.building_id')
    .select([
      'red_butlers.id',
      'red_butlers.person_id',
      'red_butlers.kind',
      'red_butlers.building_id',
      'red_butlers.started_at',
      'red_butlers.ended_at',
      'people.name as person_name',
      'places.name as building_name',
    ])
    .where('red_butlers.organisation_id', '=', organisationId)
    .orderBy('red_butlers.started_at')
    .orderBy('red_butlers.id')
    .execute();
}

export function findRedButler(db: Q, id: string) {
  return db.selectFrom('red_butlers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRedButler(
  db: Q,
  r: {
    id: string;
    communityId: string;
    organisationId: string | null;
    buildingId: string | null;
    personId: string;
    kind: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('red_butlers')
    .values({
      id: r.id,
      community_id: r.communityId,
      organisation_id: r.organisationId,
      building_id: r.buildingId,
      person_id: r.personId,
      kind: r.kind,
      started_at: r.at,
      ended_at: null,
    })
    .execute();
}

export async function endRedButler(db: Q, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('red_butlers')
    .set({ ended_at: at })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function moveRedButlers(db: Q, fromId: string, toId: string): Promise<void> {
  await db
    .updateTable('red_butlers')
    .set({ organisation_id: toId })
    .where('organisation_id', '=', fromId)
    .where('ended_at', 'is', null)
    .execute();
}

export function listOwnersCommittee(db: Q, compoundId: string) {
  return db
    .selectFrom('owners_committee_members')
    .innerJoin('people', 'people.id', 'owners_committee_members.person_id')
    .select([
      'owners_committee_members.id',
      'owners_committee_members.person_id',
      'owners_committee_members.role',
      'owners_committee_members.started_at',
      'owners_committee_members.ended_at',
      'people.name as person_name',
    ])
    .where('owners_committee_members.compound_id', '=', compoundId)
    .orderBy('owners_committee_members.started_at')
    .orderBy('owners_committee_members.id')
    .execute();
}

export function findOwnersCommitteeMember(db: Q, id: string) {
  return db.selectFrom('owners_committee_members').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOwnersCommitteeMember(
  db: Q,
  m: { id: string; communityId: string; compoundId: string; personId: string; role: string; at: string },
): Promise<void> {
  await db
    .insertInto('owners_committee_members')
    .values({
      id: m.id,
      community_id: m.communityId,
      compound_id: m.compoundId,
      person_id: m.personId,
      role: m.role,
      started_at: m.at,
      ended_at: null,
    })
    .execute();
}

export async function endOwnersCommitteeMembers(
  db: Q,
  where: { id?: string; compoundId?: string; role?: string },
  at: string,
): Promise<number> {
  let q = db.updateTable('owners_committee_members').set({ ended_at: at }).where('ended_at', 'is', null);
  if (where.id) q = q.where('id', '=', where.id);
  if (where.compoundId) q = q.where('compound_id', '=', where.compoundId);
  if (where.role) q = q.where('role', '=', where.role);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// Central households

const chColumns = [
  'central_households.id',
  'central_households.community_id',
  'central_households.household_id',
  'central_households.leader_person_id',
  'central_households.organisation_id',
  'central_households.title',
  'central_households.services',
  'central_households.lit_at',
  'central_households.created_at',
  'central_households.ended_at',
  'people.name as leader_name',
  'places.name as household_name',
  'places.path as household_path',
] as const;

const chBase = (db: Q) =>
  db
    .selectFrom('central_households')
    .innerJoin('people', 'people.id', 'central_households.leader_person_id')
    .innerJoin('places', 'places.id', 'central_households.household_id')
    .select(chColumns);

export type CentralHouseholdRow = NonNullable<Awaited<ReturnType<typeof findCentralHousehold>>>;

export function findCentralHousehold(db: Q, id: string) {
  return chBase(db).where('central_households.id', '=', id).executeTakeFirst();
}

export function listCentralHouseholds(
  db: Q,
  where: { communityId?: string; organisationId?: string; leaderPersonId?: string },
) {
  let q = chBase(db);
  if (where.communityId) q = q.where('central_households.community_id', '=', where.communityId);
  if (where.organisationId) q = q.where('central_households.organisation_id', '=', where.organisationId);
  if (where.leaderPersonId) q = q.where('central_households.leader_person_id', '=', where.leaderPersonId);
  return q.orderBy('places.path').execute();
}

export function findCentralHouseholdByHousehold(db: Q, householdId: string) {
  return chBase(db).where('central_households.household_id', '=', householdId).executeTakeFirst();
}

export function listLookedAfter(db: Q, centralHouseholdIds: readonly string[]) {
  if (centralHouseholdIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('central_household_links')
    .innerJoin('places', 'places.id', 'central_household_links.household_id')
    .select([
      'central_household_links.central_household_id',
      'central_household_links.household_id',
      'places.name',
      'places.path',
    ])
    .where('central_household_links.central_household_id', 'in', centralHouseholdIds)
    .orderBy('places.path')
    .execute();
}

export async function insertCentralHousehold(
  db: Q,
  c: {
    id: string;
    communityId: string;
    householdId: string;
    leaderPersonId: string;
    organisationId: string | null;
    title: string;
    services: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('central_households')
    .values({
      id: c.id,
      community_id: c.communityId,
      household_id: c.householdId,
      leader_person_id: c.leaderPersonId,
      organisation_id: c.organisationId,
      title: c.title,
      services: c.services,
      motto: null,
      lit_at: null,
      consent_id: null,
      created_at: c.at,
      updated_at: c.at,
      ended_at: null,
    })
    .execute();
}

export async function updateCentralHousehold(
  db: Q,
  id: string,
  set: {
    leader_person_id?: string;
    title?: string;
    services?: string;
    organisation_id?: string | null;
    ended_at?: string | null;
    lit_at?: string | null;
    created_at?: string;
  },
  now: string,
): Promise<void> {
  await db
    .updateTable('central_households')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function moveCentralHouseholds(db: Q, fromId: string, toId: string, at: string): Promise<void> {
  await db
    .updateTable('central_households')
    .set({ organisation_id: toId, updated_at: at })
    .where('organisation_id', '=', fromId)
    .execute();
}

export async function replaceLookedAfter(
  db: Q,
  centralHouseholdId: string,
  householdIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('central_household_links')
    .where('central_household_id', '=', centralHouseholdId)
    .execute();
  if (householdIds.length === 0) return;
  await db
    .insertInto('central_household_links')
    .values(householdIds.map((h) => ({ central_household_id: centralHouseholdId, household_id: h })))
    .execute();
}

/** People of a community by id (for checking that a person named in a body belongs there). */
export function findPeopleByIds(db: Q, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('people')
    .select(['id', 'community_id', 'name', 'household_id', 'archived_at'])
    .where('id', 'in', ids)
    .execute();
}

/** Live party members of a community per household's path, for counting members of buildings. */
export function listMemberHouseholdPaths(db: Q, communityId: string) {
  return db
    .selectFrom('party_members')
    .innerJoin('people', 'people.id', 'party_members.person_id')
    .innerJoin('places', 'places.id', 'people.household_id')
    .select(['party_members.person_id', 'party_members.kind', 'places.path'])
    .where('party_members.community_id', '=', communityId)
    .where('party_members.ended_at', 'is', null)
    .execute();
}
