import type { Kysely } from 'kysely';
import type { OrganisationKind } from '../../../domain/organisation.js';
import { pathIds, type PlaceKind } from '../../../domain/places.js';
import type { SnapshotOrganisation, StandardsSnapshot } from '../../../domain/standards-rules.js';
import type { Database, PlaceRow } from '../../db/schema.js';

type Q = Kysely<Database>;
type Scope = Pick<PlaceRow, 'id' | 'path' | 'kind' | 'community_id'>;

/** Kinds the standards speak of; units and households only feed the member counts. */
const RULE_KINDS: PlaceKind[] = ['district', 'street', 'community', 'compound', 'building'];
/** Depth of a building in the tree (district 0, street 1, community 2, compound 3). */
const BUILDING_DEPTH = 4;
/** Positions the rules read. */
const RULE_TITLES = ['secretary', 'pioneer_post'];

/**
 * Restrict a community-owned table to the communities the scope touches: its own when the scope is a
 * community or below, every community of the subtree above that (one subquery, not a list of ids).
 */
function communitiesOf(db: Q, scope: Scope) {
  if (scope.community_id) return [scope.community_id];
  return db
    .selectFrom('places')
    .select('places.id')
    .where('places.kind', '=', 'community')
    .where('places.path', 'like', `${scope.path}%`);
}

/**
 * Everything S1–S7 read about a scope, with a fixed number of set-based queries whatever its size
 * (path prefix on places, community filter on community-owned rows).
 */
export async function loadSnapshot(db: Q, scope: Scope, now: string): Promise<StandardsSnapshot> {
  const communities = communitiesOf(db, scope);
  const prefix = `${scope.path}%`;

  const [
    placeRows,
    memberRows,
    orgRows,
    coverRows,
    positionRows,
    chairRows,
    linkRows,
    roomRows,
    plenaryRows,
  ] = await Promise.all([
    db
      .selectFrom('places')
      .select(['id', 'parent_id', 'kind', 'name', 'path', 'depth', 'archived_at'])
      .where((eb) =>
        eb.or([
          eb.and([eb('path', 'like', prefix), eb('kind', 'in', RULE_KINDS)]),
          eb('id', 'in', pathIds(scope.path)),
        ]),
      )
      .orderBy('depth')
      .execute(),
    // Resident party members per household parent (a building or a unit), with one path to find the building.
    db
      .selectFrom('party_members')
      .innerJoin('people', 'people.id', 'party_members.person_id')
      .innerJoin('places as h', 'h.id', 'people.household_id')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('h.path').as('path')])
      .where('party_members.kind', '=', 'resident')
      .where('party_members.ended_at', 'is', null)
      .where('people.archived_at', 'is', null)
      .where('h.archived_at', 'is', null)
      .where('h.path', 'like', prefix)
      .groupBy('h.parent_id')
      .execute(),
    db
      .selectFrom('organisations')
      .select(['id', 'kind', 'name', 'place_id'])
      .where('community_id', 'in', communities)
      .where('dissolved_at', 'is', null)
      .execute(),
    db
      .selectFrom('organisation_buildings')
      .select(['organisation_id', 'building_id'])
      .where('community_id', 'in', communities)
      .where('ended_at', 'is', null)
      .execute(),
    db
      .selectFrom('positions')
      .leftJoin('people', 'people.id', 'positions.person_id')
      .select(['positions.organisation_id', 'positions.title', 'positions.person_id', 'people.name'])
      .where('positions.community_id', 'in', communities)
      .where('positions.ended_at', 'is', null)
      .where('positions.title', 'in', RULE_TITLES)
      .execute(),
    db
      .selectFrom('owners_committee_members as ocm')
      .innerJoin('people', 'people.id', 'ocm.person_id')
      .select(['ocm.compound_id', 'ocm.person_id', 'people.name'])
      .where('ocm.community_id', 'in', communities)
      .where('ocm.role', '=', 'chair')
      .where('ocm.ended_at', 'is', null)
      .execute(),
    // All current links of every instructor linked to a compound of the scope (they may reach beyond it).
    db
      .selectFrom('instructor_links as il')
      .innerJoin('people', 'people.id', 'il.person_id')
      .select(['il.id', 'il.person_id', 'il.compound_id', 'il.started_at', 'people.name'])
      .where('il.ended_at', 'is', null)
      .where('il.person_id', 'in', (eb) =>
        eb
          .selectFrom('instructor_links as mine')
          .innerJoin('places as c', 'c.id', 'mine.compound_id')
          .select('mine.person_id')
          .where('mine.ended_at', 'is', null)
          .where('c.path', 'like', prefix),
      )
      .execute(),
    db
      .selectFrom('living_rooms')
      .innerJoin('places', 'places.id', 'living_rooms.place_id')
      .select([
        'living_rooms.id',
        'living_rooms.place_id',
        'living_rooms.name',
        'living_rooms.area_m2',
        'living_rooms.has_logo',
        'living_rooms.functions',
      ])
      .where('living_rooms.archived_at', 'is', null)
      .where('places.path', 'like', prefix)
      .execute(),
    db
      .selectFrom('meetings')
      .innerJoin('organisations', 'organisations.id', 'meetings.organisation_id')
      .select((eb) => ['organisations.place_id', eb.fn.max('meetings.held_at').as('last')])
      .where('meetings.community_id', 'in', communities)
      .where('meetings.kind', '=', 'plenary')
      .where('organisations.kind', '=', 'big_committee')
      .where('meetings.held_at', '<=', now)
      .groupBy('organisations.place_id')
      .execute(),
  ]);

  // Drop archived places and everything under them (the scope's own line is kept for naming).
  const live = new Set<string>();
  const places: StandardsSnapshot['places'] = [];
  for (const p of placeRows) {
    const isLine = !p.path.startsWith(scope.path) || p.id === scope.id;
    if (!isLine && (p.archived_at !== null || !live.has(p.parent_id ?? ''))) continue;
    live.add(p.id);
    places.push({ id: p.id, parentId: p.parent_id, kind: p.kind as PlaceKind, name: p.name, path: p.path });
  }

  // The instructors' other compounds may lie outside the scope: load their names too.
  const missing = [...new Set(linkRows.map((l) => l.compound_id).filter((id) => !live.has(id)))];
  for (const p of await placeNames(db, missing)) {
    places.push({ id: p.id, parentId: p.parent_id, kind: p.kind as PlaceKind, name: p.name, path: p.path });
  }

  const residentMembersByBuilding: Record<string, number> = {};
  for (const r of memberRows) {
    const buildingId = pathIds(String(r.path))[BUILDING_DEPTH];
    if (buildingId)
      residentMembersByBuilding[buildingId] = (residentMembersByBuilding[buildingId] ?? 0) + Number(r.n);
  }

  const orgs = new Map<string, SnapshotOrganisation>();
  for (const o of orgRows) {
    orgs.set(o.id, {
      id: o.id,
      kind: o.kind as OrganisationKind,
      name: o.name,
      placeId: o.place_id,
      buildingIds: [],
      positions: [],
    });
  }
  for (const c of coverRows) orgs.get(c.organisation_id)?.buildingIds.push(c.building_id);
  for (const p of positionRows) {
    orgs
      .get(p.organisation_id)
      ?.positions.push({ title: p.title, personId: p.person_id, personName: p.name });
  }

  const lastPlenaryByCommunity: Record<string, string> = {};
  for (const r of plenaryRows) if (r.last) lastPlenaryByCommunity[r.place_id] = String(r.last);

  return {
    now,
    scopePath: scope.path,
    places,
    residentMembersByBuilding,
    organisations: [...orgs.values()],
    ownersCommitteeChairs: chairRows.map((c) => ({
      compoundId: c.compound_id,
      personId: c.person_id,
      personName: c.name,
    })),
    instructorLinks: linkRows.map((l) => ({
      id: l.id,
      personId: l.person_id,
      personName: l.name,
      compoundId: l.compound_id,
      startedAt: l.started_at,
    })),
    livingRooms: roomRows.map((r) => ({
      id: r.id,
      placeId: r.place_id,
      name: r.name,
      areaM2: Number(r.area_m2),
      hasLogo: Number(r.has_logo) === 1,
      functions: r.functions.split(',').filter((f) => f.length > 0),
    })),
    lastPlenaryByCommunity,
  };
}

/** Names of places by id (for the instructor's other compounds, which may lie outside the scope). */
export function placeNames(db: Q, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('places')
    .select(['id', 'parent_id', 'name', 'kind', 'path'])
    .where('id', 'in', ids)
    .execute();
}
