import type { z } from 'zod';
import { decideAccess } from '../../../domain/access.js';
import type {
  CentralHouseholdView,
  OrganisationDetailView,
  OrganisationNodeView,
  OrganisationTree,
  PositionView,
} from '../../../domain/contracts/organisation.js';
import { AppError } from '../../../domain/errors.js';
import {
  ORGANISATION_LEVEL,
  type OrganisationKind,
  RED_BUTLER_KINDS,
  type PositionTitle,
  type RedButlerKind,
} from '../../../domain/organisation.js';
import {
  type BuildingRef,
  buildingProblems,
  isGroup,
  isOnePerPlace,
  isSingleHolder,
  mergeProblem,
  type OwnersCommitteeRole,
  PARENT_KIND,
  POSITIONS_OF,
  standsOn,
  vacanciesOf,
} from '../../../domain/organisation-rules.js';
import { type PlaceKind, pathIds } from '../../../domain/places.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../../lib/http.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findPlace, findPlacesByIds, isEffectivelyArchived } from '../places/places.repository.js';
import { centralHouseholdViews } from './central-households.service.js';
import * as repo from './organisations.repository.js';

type Kdb = Db['kysely'];
type Tree = z.infer<typeof OrganisationTree>;
type Row = repo.OrganisationRow;
type Counts = OrganisationNodeView['counts'];

const ref = (id: string, name: string) => ({ id, name });

/** The place an organisation's permission is checked on (its place), or undefined if there is none. */
export async function scopeOfOrganisation(db: Kdb, id: string): Promise<string | undefined> {
  return (await repo.findOrganisation(db, id))?.place_id;
}

async function requireLive(db: Kdb, id: string): Promise<Row> {
  const org = await repo.findOrganisation(db, id);
  if (!org) throw new AppError('NOT_FOUND');
  if (org.dissolved_at) throw new AppError('ORGANISATION_DISSOLVED');
  return org;
}

function audit(
  db: Kdb,
  actor: Actor,
  place: PlaceRow | Row,
  entityId: string,
  action: 'create' | 'update' | 'archive',
  summary: string,
) {
  const p =
    'path' in place
      ? place
      : {
          id: place.place_id,
          path: place.place_path,
          community_id: place.community_id,
          kind: place.place_kind,
        };
  return recordAudit(db, {
    actorId: actor.caller.userId,
    action,
    entityType: 'organisation',
    entityId,
    place: p,
    summary,
    ip: actor.ip,
    at: actor.now,
  });
}

// Reading

/**
 * The four levels of the community a place belongs to, as a tree. Asked on a compound or a building,
 * only the organisations there (and those above them) are shown. Dissolved and merged ones stay,
 * marked with their dates, so the history can be read.
 */
export async function getTree(db: Kdb, place: PlaceRow): Promise<Tree> {
  if (!place.community_id) {
    throw new AppError('ORGANISATION_INVALID', 'Choose a community, or a place inside one.');
  }
  const community = place.kind === 'community' ? place : (await findPlace(db, place.community_id))!;
  const all = await repo.listOrganisationsOfCommunity(db, community.id);
  const ids = all.map((o) => o.id);
  const chRows = (await repo.listCentralHouseholds(db, { communityId: community.id })).filter(
    (c) => c.ended_at === null && c.household_path.startsWith(place.path),
  );
  const [buildings, positions, members, chs] = await Promise.all([
    repo.listOrganisationBuildings(db, ids),
    repo.listPositions(db, ids, { liveOnly: true }),
    repo.listMembersOf(db, ids),
    centralHouseholdViews(db, chRows),
  ]);
  const liveBuildings = buildings.filter((b) => b.ended_at === null);
  const byId = new Map(all.map((o) => [o.id, o]));

  // Keep what stands in the asked-for place, and what it hangs under.
  const keep = new Set<string>();
  for (const o of all) {
    const covers = liveBuildings.some(
      (b) => b.organisation_id === o.id && place.kind === 'building' && b.building_id === place.id,
    );
    if (o.place_path.startsWith(place.path) || covers) {
      for (let cur: Row | undefined = o; cur && !keep.has(cur.id); cur = byId.get(cur.parent_id ?? '')) {
        keep.add(cur.id);
      }
    }
  }

  const liveCh = chs;
  const nodes = new Map<string, OrganisationNodeView>();
  for (const o of all.filter((x) => keep.has(x.id))) {
    const live = o.dissolved_at === null;
    const mine = positions.filter((p) => p.organisation_id === o.id);
    const kind = o.kind as OrganisationKind;
    const merged = o.merged_into_id ? byId.get(o.merged_into_id) : undefined;
    const ownBuildings = liveBuildings.filter((b) => b.organisation_id === o.id);
    const ownCh = liveCh.filter((c) => c.organisationId === o.id);
    const vacancies = live
      ? vacanciesOf(
          kind,
          mine.map((p) => p.title),
        )
      : [];
    nodes.set(o.id, {
      id: o.id,
      kind,
      level: ORGANISATION_LEVEL[kind],
      name: o.name,
      place: ref(o.place_id, o.place_name),
      parentId: o.parent_id,
      buildings: ownBuildings.map((b) => ref(b.building_id, b.building_name)),
      holders: mine
        .filter((p) => p.title !== 'partner_seat' && p.person_name)
        .map((p) => ({ title: p.title as PositionTitle, name: p.person_name! })),
      vacancies,
      counts: {
        members: members.filter((m) => m.organisation_id === o.id).length,
        buildings: ownBuildings.length,
        centralHouseholds: ownCh.length,
        vacancies: vacancies.length,
        seats: mine.length,
      },
      createdAt: o.created_at,
      dissolvedAt: o.dissolved_at,
      dissolvedReason: o.dissolved_reason,
      mergedInto: merged ? ref(merged.id, merged.name) : null,
      centralHouseholds: ownCh,
      children: [],
    });
  }
  const roots: OrganisationNodeView[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  // Live first, then the history; the big committee leads.
  const order = (a: OrganisationNodeView, b: OrganisationNodeView) =>
    Number(a.dissolvedAt !== null) - Number(b.dissolvedAt !== null) ||
    a.level - b.level ||
    a.place.name.localeCompare(b.place.name, 'zh-CN', { numeric: true }) ||
    a.createdAt.localeCompare(b.createdAt);
  const rollUp = (n: OrganisationNodeView): Counts => {
    n.children.sort(order);
    for (const c of n.children) {
      const sub = rollUp(c);
      if (c.dissolvedAt !== null) continue;
      n.counts.members += sub.members;
      n.counts.buildings += sub.buildings;
      n.counts.centralHouseholds += sub.centralHouseholds;
      n.counts.vacancies += sub.vacancies;
    }
    return n.counts;
  };
  roots.sort(order);
  const totals: Counts = { members: 0, buildings: 0, centralHouseholds: 0, vacancies: 0, seats: 0 };
  for (const r of roots) {
    const c = rollUp(r);
    if (r.dissolvedAt !== null) continue;
    totals.members += c.members;
    totals.buildings += c.buildings;
    totals.centralHouseholds += c.centralHouseholds;
    totals.vacancies += c.vacancies;
    totals.seats += c.seats;
  }
  const attached = new Set([...nodes.values()].filter((n) => n.dissolvedAt === null).map((n) => n.id));
  const unattached = liveCh.filter((c) => c.organisationId === null || !attached.has(c.organisationId));
  totals.centralHouseholds += unattached.length;
  return {
    community: ref(community.id, community.name),
    roots,
    unattachedCentralHouseholds: unattached,
    totals,
  };
}

export async function getOrganisation(db: Kdb, id: string): Promise<OrganisationDetailView> {
  const o = await repo.findOrganisation(db, id);
  if (!o) throw new AppError('NOT_FOUND');
  const community = (await findPlace(db, o.community_id))!;
  const tree = await getTree(db, community);
  const find = (ns: OrganisationNodeView[]): OrganisationNodeView | undefined => {
    for (const n of ns) {
      if (n.id === id) return n;
      const hit = find(n.children);
      if (hit) return hit;
    }
    return undefined;
  };
  const node = find(tree.roots);
  const all = await repo.listOrganisationsOfCommunity(db, o.community_id);
  const parent = all.find((x) => x.id === o.parent_id);
  const merged = all.find((x) => x.id === o.merged_into_id);
  const [positions, buildings, butlers, members, chRows] = await Promise.all([
    repo.listPositions(db, [id], { liveOnly: false }),
    repo.listOrganisationBuildings(db, [id]),
    repo.listRedButlers(db, id),
    repo.listMembersOf(db, [id]),
    repo.listCentralHouseholds(db, { organisationId: id }),
  ]);
  const kind = o.kind as OrganisationKind;
  const committee = kind === 'compound_branch' ? await repo.listOwnersCommittee(db, o.place_id) : null;
  return {
    id: o.id,
    kind,
    level: ORGANISATION_LEVEL[kind],
    name: o.name,
    place: { id: o.place_id, name: o.place_name, kind: o.place_kind },
    community: ref(community.id, community.name),
    parent: parent ? ref(parent.id, parent.name) : null,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    dissolvedAt: o.dissolved_at,
    dissolvedReason: o.dissolved_reason,
    mergedInto: merged ? ref(merged.id, merged.name) : null,
    mergedFrom: all.filter((x) => x.merged_into_id === id).map((x) => ref(x.id, x.name)),
    positions: positions.map(toPositionView),
    vacancies: node?.vacancies ?? [],
    buildings: buildings.map((b) => ({
      id: b.building_id,
      name: b.building_name,
      startedAt: b.started_at,
      endedAt: b.ended_at,
    })),
    redButlers: butlers
      .sort(
        (a, b) =>
          a.started_at.localeCompare(b.started_at) ||
          RED_BUTLER_KINDS.indexOf(a.kind as RedButlerKind) -
            RED_BUTLER_KINDS.indexOf(b.kind as RedButlerKind) ||
          a.person_name.localeCompare(b.person_name, 'zh-CN'),
      )
      .map((b) => ({
        id: b.id,
        person: ref(b.person_id, b.person_name),
        kind: b.kind as RedButlerKind,
        building: b.building_id ? ref(b.building_id, b.building_name ?? '') : null,
        startedAt: b.started_at,
        endedAt: b.ended_at,
      })),
    members: members.map((m) => ({
      id: m.person_id,
      name: m.name,
      kind: m.kind as 'resident' | 'in_service',
    })),
    centralHouseholds: await centralHouseholdViews(db, chRows),
    ownersCommittee:
      committee?.map((m) => ({
        id: m.id,
        person: ref(m.person_id, m.person_name),
        role: m.role as OwnersCommitteeRole,
        startedAt: m.started_at,
        endedAt: m.ended_at,
      })) ?? null,
    counts: node?.counts ?? { members: 0, buildings: 0, centralHouseholds: 0, vacancies: 0, seats: 0 },
  };
}

function toPositionView(p: Awaited<ReturnType<typeof repo.listPositions>>[number]): PositionView {
  return {
    id: p.id,
    organisationId: p.organisation_id,
    title: p.title as PositionTitle,
    person: p.person_id ? ref(p.person_id, p.person_name ?? '') : null,
    partnerUnit: p.partner_unit_id ? ref(p.partner_unit_id, p.partner_unit_name ?? '') : null,
    startedAt: p.started_at,
    endedAt: p.ended_at,
  };
}

// Changing

/** The buildings named in a body, checked against the group's compound and the other live groups. */
async function checkBuildings(
  db: Kdb,
  kind: 'building_group' | 'joint_group',
  compoundId: string,
  buildingIds: readonly string[],
  selfId: string | null,
) {
  const found = await findPlacesByIds(db, buildingIds);
  const refs = buildingIds.map((id): BuildingRef & { archived: boolean } => {
    const p = found.find((f) => f.id === id);
    return p
      ? {
          id,
          kind: p.kind as PlaceKind,
          parentId: p.parent_id,
          name: p.name,
          archived: p.archived_at !== null,
        }
      : { id, kind: 'household', parentId: null, name: id, archived: false };
  });
  const grouped = await repo.liveGroupsOfBuildings(db, buildingIds);
  const elsewhere = new Set([...grouped].filter(([, org]) => org !== selfId).map(([b]) => b));
  const problems = buildingProblems(kind, compoundId, refs, elsewhere);
  if (refs.some((r) => r.archived))
    problems.push({ kind: 'invalid', message: 'An archived building cannot be covered.' });
  const invalid = problems.filter((p) => p.kind === 'invalid');
  if (invalid.length > 0) {
    throw new AppError('ORGANISATION_INVALID', invalid.map((p) => p.message).join(' '), {
      details: invalid.map((p) => ({ path: 'body.buildingIds', message: p.message })),
    });
  }
  if (problems.length > 0) throw new AppError('BUILDING_ALREADY_GROUPED', problems[0]!.message);
}

export async function createOrganisation(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  input: { kind: OrganisationKind; name: string; buildingIds?: string[] | undefined },
): Promise<OrganisationDetailView> {
  const { kind } = input;
  if (!standsOn(kind, place.kind as PlaceKind) || !place.community_id) {
    throw new AppError(
      'ORGANISATION_INVALID',
      `A ${kind.replace('_', ' ')} cannot stand on a ${place.kind}.`,
    );
  }
  if (await isEffectivelyArchived(db, pathIds(place.path))) throw new AppError('PLACE_ARCHIVED');
  if (isOnePerPlace(kind) && (await repo.findLiveOnPlace(db, kind, place.id))) {
    throw new AppError('ORGANISATION_EXISTS');
  }
  // The parent: the community's big committee for a branch, the compound's branch for a group.
  let parentId: string | null = null;
  const parentKind = PARENT_KIND[kind];
  if (parentKind) {
    const parentPlace =
      parentKind === 'big_committee'
        ? place.community_id
        : kind === 'building_group'
          ? place.parent_id
          : place.id;
    const parent = parentPlace ? await repo.findLiveOnPlace(db, parentKind, parentPlace) : undefined;
    if (!parent) {
      throw new AppError(
        'ORGANISATION_INVALID',
        parentKind === 'big_committee'
          ? 'Set up the community’s big committee first.'
          : 'Set up the compound branch first: a party group stands under its branch.',
      );
    }
    parentId = parent.id;
  }
  let buildingIds: string[] = [];
  if (kind === 'building_group') buildingIds = [place.id];
  if (kind === 'joint_group') buildingIds = input.buildingIds ?? [];
  if (isGroup(kind))
    await checkBuildings(
      db,
      kind,
      kind === 'building_group' ? place.parent_id! : place.id,
      buildingIds,
      null,
    );

  const id = newId();
  await repo.insertOrganisation(db, {
    id,
    communityId: place.community_id,
    kind,
    name: input.name,
    placeId: place.id,
    parentId,
    now: actor.now,
  });
  await repo.addOrganisationBuildings(db, id, place.community_id, buildingIds, actor.now);
  await audit(db, actor, place, id, 'create', `Created ${kind.replace('_', ' ')} "${input.name}"`);
  return getOrganisation(db, id);
}

export async function changeOrganisation(
  db: Kdb,
  actor: Actor,
  orgId: string,
  input: { name?: string | undefined; buildingIds?: string[] | undefined },
): Promise<OrganisationDetailView> {
  const org = await requireLive(db, orgId);
  const changes: string[] = [];
  if (input.name !== undefined && input.name !== org.name) {
    await repo.updateOrganisation(db, org.id, { name: input.name }, actor.now);
    changes.push(`renamed "${org.name}" to "${input.name}"`);
  }
  if (input.buildingIds !== undefined) {
    if (org.kind !== 'joint_group') {
      throw new AppError('ORGANISATION_INVALID', 'Only a joint group’s buildings can be changed.');
    }
    await checkBuildings(db, 'joint_group', org.place_id, input.buildingIds, org.id);
    const now = (await repo.listOrganisationBuildings(db, [org.id])).filter((b) => b.ended_at === null);
    const current = new Set(now.map((b) => b.building_id));
    const wanted = new Set(input.buildingIds);
    const removed = [...current].filter((b) => !wanted.has(b));
    const added = [...wanted].filter((b) => !current.has(b));
    await repo.endOrganisationBuildings(db, org.id, removed, actor.now);
    await repo.addOrganisationBuildings(db, org.id, org.community_id, added, actor.now);
    if (removed.length + added.length > 0) {
      changes.push(`buildings: ${added.length} added, ${removed.length} removed`);
      await repo.updateOrganisation(db, org.id, {}, actor.now);
    }
  }
  if (changes.length > 0)
    await audit(db, actor, org, org.id, 'update', `Changed ${org.name}: ${changes.join('; ')}`);
  return getOrganisation(db, org.id);
}

/**
 * Merge one group into another of the same branch: its buildings, members, central households and
 * red butlers move; its positions end; it is kept, dissolved, pointing at the group it went into.
 * A building group that takes in another becomes a joint group standing on the compound.
 */
export async function mergeOrganisation(
  db: Kdb,
  actor: Actor,
  orgId: string,
  input: { intoId: string; reason?: string | undefined },
): Promise<OrganisationDetailView> {
  const from = await requireLive(db, orgId);
  const into = await repo.findOrganisation(db, input.intoId);
  const decision = into ? decideAccess(actor.caller.grants, 'org.manage', into.place_path) : 'not_found';
  if (!into || decision === 'not_found' || into.community_id !== from.community_id) {
    throw new AppError('NOT_FOUND', 'The group to merge into was not found.');
  }
  if (decision === 'forbidden') throw new AppError('FORBIDDEN');
  const problem = mergeProblem(
    {
      id: from.id,
      kind: from.kind as OrganisationKind,
      parentId: from.parent_id,
      dissolved: from.dissolved_at !== null,
    },
    {
      id: into.id,
      kind: into.kind as OrganisationKind,
      parentId: into.parent_id,
      dissolved: into.dissolved_at !== null,
    },
  );
  if (problem) throw new AppError('ORGANISATION_INVALID', problem);

  const moving = (await repo.listOrganisationBuildings(db, [from.id])).filter((b) => b.ended_at === null);
  await repo.endOrganisationBuildings(db, from.id, 'all', actor.now);
  await repo.addOrganisationBuildings(
    db,
    into.id,
    into.community_id,
    moving.map((b) => b.building_id),
    actor.now,
  );
  await repo.moveMembers(db, from.id, into.id, actor.now);
  await repo.moveCentralHouseholds(db, from.id, into.id, actor.now);
  await repo.moveRedButlers(db, from.id, into.id);
  await repo.endPositions(db, { organisationId: from.id }, actor.now);
  if (into.kind === 'building_group') {
    const building = await findPlace(db, into.place_id);
    await repo.updateOrganisation(
      db,
      into.id,
      { kind: 'joint_group', place_id: building!.parent_id! },
      actor.now,
    );
  } else {
    await repo.updateOrganisation(db, into.id, {}, actor.now);
  }
  const reason = input.reason ?? `Merged into ${into.name}`;
  if (!(await repo.dissolveOrganisation(db, from.id, actor.now, reason, into.id))) {
    throw new AppError('ORGANISATION_DISSOLVED');
  }
  await audit(db, actor, from, from.id, 'update', `Merged ${from.name} into ${into.name}`);
  return getOrganisation(db, into.id);
}

/**
 * Dissolve an organisation, keeping it as history: its buildings and positions end; its members and
 * central households pass to the organisation above. A branch or big committee with live
 * organisations under it cannot be dissolved until those are.
 */
export async function dissolveOrganisation(
  db: Kdb,
  actor: Actor,
  orgId: string,
  reason: string,
): Promise<OrganisationDetailView> {
  const org = await requireLive(db, orgId);
  const all = await repo.listOrganisationsOfCommunity(db, org.community_id);
  if (all.some((o) => o.parent_id === org.id && o.dissolved_at === null)) {
    throw new AppError('ORGANISATION_INVALID', 'Dissolve or merge the organisations under it first.');
  }
  await repo.endOrganisationBuildings(db, org.id, 'all', actor.now);
  await repo.endPositions(db, { organisationId: org.id }, actor.now);
  if (org.parent_id) {
    await repo.moveMembers(db, org.id, org.parent_id, actor.now);
    await repo.moveCentralHouseholds(db, org.id, org.parent_id, actor.now);
  }
  if (!(await repo.dissolveOrganisation(db, org.id, actor.now, reason, null))) {
    throw new AppError('ORGANISATION_DISSOLVED');
  }
  await audit(db, actor, org, org.id, 'archive', `Dissolved ${org.name}: ${reason}`);
  return getOrganisation(db, org.id);
}

// Positions

export async function scopeOfPosition(db: Kdb, id: string): Promise<string | undefined> {
  const p = await repo.findPosition(db, id);
  return p ? scopeOfOrganisation(db, p.organisation_id) : undefined;
}

export async function appointPosition(
  db: Kdb,
  actor: Actor,
  orgId: string,
  input: { title: PositionTitle; personId?: string | undefined; partnerUnitId?: string | undefined },
): Promise<OrganisationDetailView> {
  const org = await requireLive(db, orgId);
  const kind = org.kind as OrganisationKind;
  if (!POSITIONS_OF[kind].includes(input.title)) {
    throw new AppError(
      'ORGANISATION_INVALID',
      `A ${kind.replace('_', ' ')} has no ${input.title.replace('_', ' ')}.`,
    );
  }
  let holder: string;
  if (input.title === 'partner_seat') {
    if (!input.partnerUnitId || input.personId) {
      throw new AppError('VALIDATION_FAILED', 'A partner seat is held by a partner unit, not a person.');
    }
    const unit = await repo.findPartnerUnit(db, input.partnerUnitId);
    if (!unit || unit.archived_at || unit.district_id !== pathIds(org.place_path)[0]) {
      throw new AppError('NOT_FOUND', 'No such partner unit in this district.');
    }
    holder = unit.name;
  } else {
    if (!input.personId || input.partnerUnitId) {
      throw new AppError('VALIDATION_FAILED', 'Name the person who takes this position.');
    }
    const [person] = await repo.findPeopleByIds(db, [input.personId]);
    if (!person || person.community_id !== org.community_id || person.archived_at) {
      throw new AppError('NOT_FOUND', 'No such person in this community.');
    }
    holder = person.name;
  }
  const live = await repo.listPositions(db, [org.id], { liveOnly: true });
  const same = live.find(
    (p) =>
      p.title === input.title &&
      ((input.personId && p.person_id === input.personId) ||
        (input.partnerUnitId && p.partner_unit_id === input.partnerUnitId)),
  );
  if (same) throw new AppError('CONFLICT', `${holder} already holds this position.`);
  if (isSingleHolder(kind, input.title)) {
    await repo.endPositions(db, { organisationId: org.id, title: input.title }, actor.now);
  }
  const id = newId();
  await repo.insertPosition(db, {
    id,
    organisationId: org.id,
    communityId: org.community_id,
    title: input.title,
    personId: input.personId ?? null,
    partnerUnitId: input.partnerUnitId ?? null,
    at: actor.now,
  });
  await audit(
    db,
    actor,
    org,
    org.id,
    'create',
    `Appointed ${holder} as ${input.title.replace('_', ' ')} of ${org.name}`,
  );
  return getOrganisation(db, org.id);
}

export async function endPosition(
  db: Kdb,
  actor: Actor,
  positionId: string,
): Promise<OrganisationDetailView> {
  const p = await repo.findPosition(db, positionId);
  if (!p) throw new AppError('NOT_FOUND');
  const org = (await repo.findOrganisation(db, p.organisation_id))!;
  if (!(await repo.endPositions(db, { id: p.id }, actor.now))) {
    throw new AppError('CONFLICT', 'This position has already ended.');
  }
  await audit(
    db,
    actor,
    org,
    org.id,
    'update',
    `Ended a ${p.title.replace('_', ' ')} position of ${org.name}`,
  );
  return getOrganisation(db, org.id);
}

export { requireLive as requireLiveOrganisation };
export type { CentralHouseholdView };
