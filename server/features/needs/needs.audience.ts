import type { Kysely } from 'kysely';
import { audienceRank, type NeedAudience, type NeedRelation } from '../../../domain/needs.js';
import { pathIds } from '../../../domain/places.js';
import { cachedRow } from '../../db/row-cache.js';
import type { Database } from '../../db/schema.js';
import type { Caller } from '../../plugins/access.js';
import { hasActiveClaim, type Need } from './needs.repository.js';
import { districtDay } from '../../../domain/district-time.js';

// Who a need reaches (its audience, brief "the needs model"), and how a caller stands to a need.
// Two directions of one rule, kept side by side so they cannot drift apart:
//  - reachOf(user): the buildings/compounds/communities through which needs reach her (lists);
//  - recipientsAt(need, audience): the users a need reaches at that audience (notifications).
//
// Levels (cumulative):
//  building  — building leaders, group leaders and volunteers with a grant on the building; group
//              leaders with a grant on the compound when a live joint group covers the building;
//              party members and red butlers of the organisations covering the building (red butlers
//              also by their building); leaders of live central households in the building; resident
//              party members (grant party_member on a household of the building).
//              A need for a compound spot (no building) reaches the compound level at once.
//  compound  — volunteers, group leaders and branch secretaries with a grant on the compound; red
//              butlers of the compound (by building or organisation); party members of the compound
//              (by organisation, home or household grant).
//  community — every volunteer, leader, branch secretary, party member (household grant or row),
//              red butler and central-household leader of the community, and its community staff.
//  whistle   — contacts of partner units paired (actively) with the community, a place in it or its
//              street; members who reported in (grant party_member on the community, or in-service
//              party members without a home in the community).
// Always: the contacts of the partner unit attached to the need by convene.

type Q = Kysely<Database>;

/** Where needs reach one user. A need reaches her when `needReaches(reach, need)`. */
export interface NeedReach {
  userId: string;
  /** Needs of these buildings reach her at any audience. */
  buildings: string[];
  /** Needs of these compounds reach her once their audience is compound or wider (spots: at once). */
  compounds: string[];
  /** Needs of these communities reach her once their audience is community or wider. */
  communities: string[];
  /** Needs of these communities reach her once the whistle is blown. */
  whistleCommunities: string[];
  /** Needs these partner units were attached to reach her at any audience (she is their contact). */
  partnerUnits: string[];
  /** Communities she serves as community staff (every need of theirs is hers to see). */
  staffCommunities: string[];
  /** A system administrator: staff everywhere. */
  admin: boolean;
}

type NeedWhere = Pick<Need, 'buildingId' | 'compoundId' | 'communityId' | 'audience' | 'partnerUnitId'>;

/** Whether a need at its current audience has reached a user with this reach (staff aside). */
export function needReaches(reach: NeedReach, need: NeedWhere): boolean {
  const rank = audienceRank(need.audience);
  if (need.buildingId !== null && reach.buildings.includes(need.buildingId)) return true;
  if (
    need.compoundId !== null &&
    (rank >= audienceRank('compound') || need.buildingId === null) &&
    reach.compounds.includes(need.compoundId)
  ) {
    return true;
  }
  if (rank >= audienceRank('community') && reach.communities.includes(need.communityId)) return true;
  if (rank >= audienceRank('whistle') && reach.whistleCommunities.includes(need.communityId)) return true;
  return need.partnerUnitId !== null && reach.partnerUnits.includes(need.partnerUnitId);
}

/** The path of the place `id` on `path` (its prefix up to and including id), or null. */
export function pathUpTo(path: string, id: string | null): string | null {
  if (id === null) return null;
  const i = path.indexOf(`/${id}/`);
  return i < 0 ? null : path.slice(0, i + id.length + 2);
}

/** The district's calendar day, which pairings' start and end dates name. */
const today = (now: Date) => districtDay(now);

/**
 * Where needs reach this user: see the rules at the top of this file. Outside a transaction from the
 * copies (server/db/row-cache.ts), which every write to the tables it is read from drops.
 */
export async function reachOf(db: Q, userId: string, now: Date = new Date()): Promise<NeedReach> {
  const reach = await cachedRow(db, 'reach', `${userId}/${today(now)}`, () => readReach(db, userId, now));
  return reach!;
}

async function readReach(db: Q, userId: string, now: Date): Promise<NeedReach> {
  const buildings = new Set<string>();
  const compounds = new Set<string>();
  const communities = new Set<string>();
  const whistle = new Set<string>();
  const staff = new Set<string>();
  let admin = false;

  const grants = await db
    .selectFrom('grants')
    .leftJoin('places', 'places.id', 'grants.place_id')
    .select(['grants.role', 'grants.place_id', 'grants.community_id', 'places.kind', 'places.path'])
    .where('grants.user_id', '=', userId)
    .execute();
  const people = await db
    .selectFrom('people')
    .leftJoin('places', 'places.id', 'people.household_id')
    .select(['people.id', 'people.community_id', 'people.household_id', 'places.path as home_path'])
    .where('people.user_id', '=', userId)
    .where('people.archived_at', 'is', null)
    .execute();
  const personIds = people.map((p) => p.id);
  const [members, butlers, centrals, units] = await Promise.all([
    personIds.length === 0
      ? []
      : db
          .selectFrom('party_members')
          .select(['person_id', 'community_id', 'kind', 'organisation_id'])
          .where('person_id', 'in', personIds)
          .where('ended_at', 'is', null)
          .execute(),
    personIds.length === 0
      ? []
      : db
          .selectFrom('red_butlers')
          .select(['community_id', 'organisation_id', 'building_id'])
          .where('person_id', 'in', personIds)
          .where('ended_at', 'is', null)
          .execute(),
    personIds.length === 0
      ? []
      : db
          .selectFrom('central_households')
          .innerJoin('places', 'places.id', 'central_households.household_id')
          .select(['central_households.community_id', 'places.path'])
          .where('central_households.leader_person_id', 'in', personIds)
          .where('central_households.ended_at', 'is', null)
          .execute(),
    db
      .selectFrom('partner_unit_contacts')
      .innerJoin('partner_units', 'partner_units.id', 'partner_unit_contacts.partner_unit_id')
      .select('partner_unit_contacts.partner_unit_id')
      .where('partner_unit_contacts.user_id', '=', userId)
      .where('partner_units.archived_at', 'is', null)
      .execute(),
  ]);

  // Organisations the user's memberships and butler posts belong to, with the buildings they cover.
  const orgIds = [
    ...new Set(
      [...members.map((m) => m.organisation_id), ...butlers.map((b) => b.organisation_id)].filter(
        (x): x is string => x !== null,
      ),
    ),
  ];
  const compoundGroupLeader = grants
    .filter((g) => g.role === 'group_leader' && g.kind === 'compound' && g.place_id !== null)
    .map((g) => g.place_id!);
  const orgs =
    orgIds.length === 0
      ? []
      : await db
          .selectFrom('organisations')
          .innerJoin('places', 'places.id', 'organisations.place_id')
          .select(['organisations.id', 'organisations.kind', 'places.path'])
          .where('organisations.id', 'in', orgIds)
          .where('organisations.dissolved_at', 'is', null)
          .execute();
  const liveOrgIds = orgs.map((o) => o.id);
  const covered = [
    ...(liveOrgIds.length === 0
      ? []
      : await db
          .selectFrom('organisation_buildings')
          .select(['organisation_id', 'building_id'])
          .where('organisation_id', 'in', liveOrgIds)
          .where('ended_at', 'is', null)
          .execute()),
  ];
  const jointCovered =
    compoundGroupLeader.length === 0
      ? []
      : await db
          .selectFrom('organisation_buildings')
          .innerJoin('organisations', 'organisations.id', 'organisation_buildings.organisation_id')
          .select('organisation_buildings.building_id')
          .where('organisations.place_id', 'in', compoundGroupLeader)
          .where('organisations.kind', '=', 'joint_group')
          .where('organisations.dissolved_at', 'is', null)
          .where('organisation_buildings.ended_at', 'is', null)
          .execute();

  // Paths whose building/compound we need to know.
  const paths: string[] = [];
  for (const g of grants) if (g.path) paths.push(g.path);
  for (const p of people) if (p.home_path) paths.push(p.home_path);
  for (const c of centrals) paths.push(c.path);
  for (const o of orgs) paths.push(o.path);
  const buildingIds = [
    ...new Set([...butlers.map((b) => b.building_id), ...covered.map((c) => c.building_id)]),
  ].filter((x): x is string => x !== null);
  const kindOf = await placeKinds(db, [...paths.flatMap(pathIds), ...jointCovered.map((j) => j.building_id)]);
  const buildingPaths = await placePaths(db, buildingIds);
  const idOfKind = (path: string, kind: string) => pathIds(path).find((id) => kindOf.get(id)?.kind === kind);
  const compoundOfBuilding = (id: string) => {
    const path = buildingPaths.get(id) ?? kindOf.get(id)?.path;
    return path ? idOfKind(path, 'compound') : undefined;
  };
  const add = (set: Set<string>, id: string | null | undefined) => {
    if (id) set.add(id);
  };

  for (const g of grants) {
    if (g.role === 'system_admin') admin = true;
    if (g.role === 'community_staff' && g.place_id) {
      staff.add(g.place_id);
      communities.add(g.place_id);
    }
    if (!g.place_id || !g.path) continue;
    const onBuilding = g.kind === 'building';
    const onCompound = g.kind === 'compound';
    switch (g.role) {
      case 'building_leader':
      case 'volunteer':
      case 'group_leader':
        if (onBuilding) buildings.add(g.place_id);
        if (onCompound) compounds.add(g.place_id);
        add(communities, g.community_id);
        break;
      case 'branch_secretary':
        if (onCompound) compounds.add(g.place_id);
        add(communities, g.community_id);
        break;
      case 'party_member':
        if (g.kind === 'household') {
          add(buildings, idOfKind(g.path, 'building'));
          add(compounds, idOfKind(g.path, 'compound'));
          add(communities, g.community_id);
        } else if (g.kind === 'community') {
          whistle.add(g.place_id);
        }
        break;
      default:
        break;
    }
  }
  for (const j of jointCovered) buildings.add(j.building_id);

  const homeOf = new Map(people.map((p) => [p.id, p]));
  for (const m of members) {
    const person = homeOf.get(m.person_id);
    const home = person?.home_path ?? null;
    const org = orgs.find((o) => o.id === m.organisation_id);
    for (const c of covered) if (c.organisation_id === m.organisation_id) buildings.add(c.building_id);
    if (org) add(compounds, idOfKind(org.path, 'compound'));
    if (home) add(compounds, idOfKind(home, 'compound'));
    if (m.kind === 'in_service' && home === null) whistle.add(m.community_id);
    else communities.add(m.community_id);
  }
  for (const b of butlers) {
    add(buildings, b.building_id);
    if (b.building_id) add(compounds, compoundOfBuilding(b.building_id));
    const org = orgs.find((o) => o.id === b.organisation_id);
    if (org) {
      for (const c of covered) if (c.organisation_id === org.id) buildings.add(c.building_id);
      add(compounds, idOfKind(org.path, 'compound'));
    }
    communities.add(b.community_id);
  }
  for (const c of centrals) {
    add(buildings, idOfKind(c.path, 'building'));
    communities.add(c.community_id);
  }

  const partnerUnits = [...new Set(units.map((u) => u.partner_unit_id))];
  if (partnerUnits.length > 0) {
    const day = today(now);
    const pairings = await db
      .selectFrom('pairings')
      .innerJoin('places', 'places.id', 'pairings.place_id')
      .select(['pairings.community_id', 'places.id as place_id', 'places.kind'])
      .where('pairings.partner_unit_id', 'in', partnerUnits)
      .where('pairings.started_on', '<=', day)
      .where((w) => w.or([w('pairings.ended_on', 'is', null), w('pairings.ended_on', '>', day)]))
      .execute();
    const streets: string[] = [];
    for (const p of pairings) {
      if (p.kind === 'street') streets.push(p.place_id);
      else add(whistle, p.kind === 'community' ? p.place_id : p.community_id);
    }
    if (streets.length > 0) {
      const under = await db
        .selectFrom('places')
        .select('id')
        .where('parent_id', 'in', streets)
        .where('kind', '=', 'community')
        .execute();
      for (const c of under) whistle.add(c.id);
    }
  }

  return {
    userId,
    buildings: [...buildings],
    compounds: [...compounds],
    communities: [...communities],
    whistleCommunities: [...whistle],
    partnerUnits,
    staffCommunities: [...staff],
    admin,
  };
}

async function placeKinds(db: Q, ids: string[]): Promise<Map<string, { kind: string; path: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('places')
    .select(['id', 'kind', 'path'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, { kind: r.kind, path: r.path }]));
}

async function placePaths(db: Q, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('places').select(['id', 'path']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}

type NeedPlaces = Pick<
  Need,
  'placePath' | 'buildingId' | 'compoundId' | 'communityId' | 'partnerUnitId' | 'residentUserId'
>;

/**
 * A building's responders: its red butlers (named on it or on a group covering it), its leader, group
 * leader and volunteers, the party members of the groups covering it and those living in it, its
 * central households, and the group leader of a joint group on the compound that covers it. One
 * round trip (a UNION ALL branch each); outside a transaction the answer is a copy of the `reach`
 * kind (server/db/row-cache.ts), dropped by every write to the tables it reads.
 */
function buildingResponders(
  db: Q,
  b: string,
  buildingPath: string,
  compoundId: string | null,
): Promise<readonly string[]> {
  const read = async () => {
    const coveringOrgs = db
      .selectFrom('organisation_buildings')
      .innerJoin('organisations', 'organisations.id', 'organisation_buildings.organisation_id')
      .select('organisations.id')
      .where('organisation_buildings.building_id', '=', b)
      .where('organisation_buildings.ended_at', 'is', null)
      .where('organisations.dissolved_at', 'is', null);
    const redButlers = db
      .selectFrom('red_butlers')
      .innerJoin('people', 'people.id', 'red_butlers.person_id')
      .select('people.user_id')
      .where('red_butlers.ended_at', 'is', null)
      .where('people.archived_at', 'is', null);
    let responders = redButlers
      // Its red butlers, named on it or on a group that covers it (two branches: each an index range).
      .where('red_butlers.building_id', '=', b)
      .unionAll(redButlers.where('red_butlers.organisation_id', 'in', coveringOrgs))
      // Its leader, group leader and volunteers.
      .unionAll(
        db
          .selectFrom('grants')
          .select('user_id')
          .where('place_id', '=', b)
          .where('role', 'in', ['building_leader', 'group_leader', 'volunteer']),
      )
      // The party members of the groups that cover it.
      .unionAll(
        db
          .selectFrom('party_members')
          .innerJoin('people', 'people.id', 'party_members.person_id')
          .select('people.user_id')
          .where('party_members.ended_at', 'is', null)
          .where('people.archived_at', 'is', null)
          .where('party_members.organisation_id', 'in', coveringOrgs),
      )
      // Its central households.
      .unionAll(
        db
          .selectFrom('central_households')
          .innerJoin('places', 'places.id', 'central_households.household_id')
          .innerJoin('people', 'people.id', 'central_households.leader_person_id')
          .select('people.user_id')
          .where('central_households.ended_at', 'is', null)
          .where('people.archived_at', 'is', null)
          .where('places.path', 'like', `${buildingPath}%`),
      )
      // The party members living in it.
      .unionAll(
        db
          .selectFrom('grants')
          .innerJoin('places', 'places.id', 'grants.place_id')
          .select('grants.user_id')
          .where('places.kind', '=', 'household')
          .where('grants.role', '=', 'party_member')
          .where('places.path', 'like', `${buildingPath}%`),
      );
    if (compoundId !== null) {
      // A joint group on the compound that covers the building: its group leader, granted on the compound.
      responders = responders.unionAll(
        db
          .selectFrom('grants')
          .select('user_id')
          .where('place_id', '=', compoundId)
          .where('role', '=', 'group_leader')
          .where((w) =>
            w.exists(
              coveringOrgs
                .where('organisations.kind', '=', 'joint_group')
                .where('organisations.place_id', '=', compoundId),
            ),
          ),
      );
    }
    return (await responders.execute()).flatMap((r) => (r.user_id ? [r.user_id] : []));
  };
  return cachedRow(db, 'reach', `responders${buildingPath}`, read).then((ids) => ids ?? []);
}

/**
 * The users a need reaches at `audience` (that level and every narrower one), plus the contacts of
 * the partner unit attached to it; without the resident it is for. For notifications.
 */
export async function recipientsAt(
  db: Q,
  need: NeedPlaces,
  audience: NeedAudience,
  now: Date = new Date(),
): Promise<string[]> {
  const users = new Set<string>();
  const addAll = (rows: { user_id: string | null }[]) => {
    for (const r of rows) if (r.user_id) users.add(r.user_id);
  };
  const rank = audienceRank(audience);
  const compoundPath = pathUpTo(need.placePath, need.compoundId);
  const buildingPath = pathUpTo(need.placePath, need.buildingId);

  if (need.buildingId !== null && buildingPath !== null) {
    for (const u of await buildingResponders(db, need.buildingId, buildingPath, need.compoundId))
      users.add(u);
  }

  const compoundLevel = rank >= audienceRank('compound') || need.buildingId === null;
  if (compoundLevel && need.compoundId !== null && compoundPath !== null) {
    const c = need.compoundId;
    addAll(
      await db
        .selectFrom('grants')
        .select('user_id')
        .where('place_id', '=', c)
        .where('role', 'in', ['volunteer', 'group_leader', 'branch_secretary'])
        .execute(),
    );
    const orgsUnder = db
      .selectFrom('organisations')
      .innerJoin('places as op', 'op.id', 'organisations.place_id')
      .select('organisations.id')
      .where('organisations.dissolved_at', 'is', null)
      .where('op.path', 'like', `${compoundPath}%`);
    const placesUnder = db
      .selectFrom('places as pu')
      .select('pu.id')
      .where('pu.path', 'like', `${compoundPath}%`);
    addAll(
      await db
        .selectFrom('red_butlers')
        .innerJoin('people', 'people.id', 'red_butlers.person_id')
        .select('people.user_id')
        .where('red_butlers.ended_at', 'is', null)
        .where('people.archived_at', 'is', null)
        .where((w) =>
          w.or([
            w('red_butlers.building_id', 'in', placesUnder),
            w('red_butlers.organisation_id', 'in', orgsUnder),
          ]),
        )
        .execute(),
    );
    addAll(
      await db
        .selectFrom('party_members')
        .innerJoin('people', 'people.id', 'party_members.person_id')
        .select('people.user_id')
        .where('party_members.ended_at', 'is', null)
        .where('people.archived_at', 'is', null)
        .where((w) =>
          w.or([
            w('party_members.organisation_id', 'in', orgsUnder),
            w('people.household_id', 'in', placesUnder),
          ]),
        )
        .execute(),
    );
    addAll(
      await db
        .selectFrom('grants')
        .innerJoin('places', 'places.id', 'grants.place_id')
        .select('grants.user_id')
        .where('places.kind', '=', 'household')
        .where('grants.role', '=', 'party_member')
        .where('places.path', 'like', `${compoundPath}%`)
        .execute(),
    );
  }

  if (rank >= audienceRank('community')) {
    const m = need.communityId;
    addAll(
      await db
        .selectFrom('grants')
        .select('user_id')
        .where('community_id', '=', m)
        .where((w) =>
          w.or([
            w('role', 'in', [
              'volunteer',
              'building_leader',
              'group_leader',
              'branch_secretary',
              'community_staff',
            ]),
            w.and([w('role', '=', 'party_member'), w('place_id', '!=', m)]),
          ]),
        )
        .execute(),
    );
    addAll(
      await db
        .selectFrom('party_members')
        .innerJoin('people', 'people.id', 'party_members.person_id')
        .select('people.user_id')
        .where('party_members.community_id', '=', m)
        .where('party_members.ended_at', 'is', null)
        .where('people.archived_at', 'is', null)
        .where((w) =>
          w.or([w('party_members.kind', '!=', 'in_service'), w('people.household_id', 'is not', null)]),
        )
        .execute(),
    );
    addAll(
      await db
        .selectFrom('red_butlers')
        .innerJoin('people', 'people.id', 'red_butlers.person_id')
        .select('people.user_id')
        .where('red_butlers.community_id', '=', m)
        .where('red_butlers.ended_at', 'is', null)
        .where('people.archived_at', 'is', null)
        .execute(),
    );
    addAll(
      await db
        .selectFrom('central_households')
        .innerJoin('people', 'people.id', 'central_households.leader_person_id')
        .select('people.user_id')
        .where('central_households.community_id', '=', m)
        .where('central_households.ended_at', 'is', null)
        .where('people.archived_at', 'is', null)
        .execute(),
    );
  }

  if (rank >= audienceRank('whistle')) {
    const m = need.communityId;
    const streetId = pathIds(need.placePath).at(1) ?? '';
    const day = today(now);
    addAll(
      await db
        .selectFrom('pairings')
        .innerJoin(
          'partner_unit_contacts',
          'partner_unit_contacts.partner_unit_id',
          'pairings.partner_unit_id',
        )
        .innerJoin('partner_units', 'partner_units.id', 'pairings.partner_unit_id')
        .select('partner_unit_contacts.user_id')
        .where('partner_units.archived_at', 'is', null)
        .where((w) => w.or([w('pairings.community_id', '=', m), w('pairings.place_id', '=', streetId)]))
        .where('pairings.started_on', '<=', day)
        .where((w) => w.or([w('pairings.ended_on', 'is', null), w('pairings.ended_on', '>', day)]))
        .execute(),
    );
    addAll(
      await db
        .selectFrom('grants')
        .select('user_id')
        .where('place_id', '=', m)
        .where('role', '=', 'party_member')
        .execute(),
    );
    addAll(
      await db
        .selectFrom('party_members')
        .innerJoin('people', 'people.id', 'party_members.person_id')
        .select('people.user_id')
        .where('party_members.community_id', '=', m)
        .where('party_members.kind', '=', 'in_service')
        .where('party_members.ended_at', 'is', null)
        .where('people.household_id', 'is', null)
        .where('people.archived_at', 'is', null)
        .execute(),
    );
  }

  if (need.partnerUnitId !== null) {
    addAll(
      await db
        .selectFrom('partner_unit_contacts')
        .select('user_id')
        .where('partner_unit_id', '=', need.partnerUnitId)
        .execute(),
    );
  }
  if (need.residentUserId !== null) users.delete(need.residentUserId);
  return [...users];
}

/** Whether the caller is community staff of the community (a system admin is staff everywhere). */
export function isStaffOf(caller: Caller, communityId: string): boolean {
  return caller.grants.some(
    (g) => g.role === 'system_admin' || (g.role === 'community_staff' && g.placeId === communityId),
  );
}

/** The households the caller is bound to (resident or resident party member). */
export function householdsOf(caller: Caller): string[] {
  return caller.grants
    .filter((g) => (g.role === 'resident' || g.role === 'party_member') && g.placeKind === 'household')
    .map((g) => g.placeId!)
    .filter((id) => id !== null);
}

/**
 * How the caller stands to a need (domain NeedRelation; 'system' is never returned here). Empty
 * when she has no relation (she may still read it with needs.read on its place).
 */
export async function relationsOf(
  db: Q,
  actor: { caller: Caller },
  need: Need,
  reach?: NeedReach,
): Promise<NeedRelation[]> {
  const { caller } = actor;
  const out: NeedRelation[] = [];
  if (isStaffOf(caller, need.communityId)) out.push('staff');
  if (
    need.residentUserId === caller.userId ||
    (need.householdId !== null && householdsOf(caller).includes(need.householdId))
  ) {
    out.push('resident');
  }
  if (await hasActiveClaim(db, need.id, caller.userId)) out.push('helper');
  if (await isLeaderOf(db, caller, need)) out.push('leader');
  const r = reach ?? (await reachOf(db, caller.userId));
  if (needReaches(r, need)) out.push('responder');
  return out;
}

/** Building leader or group leader of the need's building (or, for a spot, of its compound). */
async function isLeaderOf(db: Q, caller: Caller, need: Need): Promise<boolean> {
  const grants = caller.grants.filter((g) => g.role === 'building_leader' || g.role === 'group_leader');
  if (grants.length === 0) return false;
  if (need.buildingId !== null && grants.some((g) => g.placeId === need.buildingId)) return true;
  const onCompound = grants.some(
    (g) => g.role === 'group_leader' && need.compoundId !== null && g.placeId === need.compoundId,
  );
  if (!onCompound) return false;
  if (need.buildingId === null) return true;
  const joint = await db
    .selectFrom('organisation_buildings')
    .innerJoin('organisations', 'organisations.id', 'organisation_buildings.organisation_id')
    .select('organisations.id')
    .where('organisation_buildings.building_id', '=', need.buildingId)
    .where('organisation_buildings.ended_at', 'is', null)
    .where('organisations.dissolved_at', 'is', null)
    .where('organisations.kind', '=', 'joint_group')
    .where('organisations.place_id', '=', need.compoundId)
    .executeTakeFirst();
  return joint !== undefined;
}
