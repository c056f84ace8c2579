import type { CentralHouseholdView } from '../../../domain/contracts/organisation.js';
import { AppError } from '../../../domain/errors.js';
import { pathIds } from '../../../domain/places.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../../lib/http.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findPlace, findPlacesByIds, isEffectivelyArchived } from '../places/places.repository.js';
import { placeLabels } from './organisations.labels.js';
import * as repo from './organisations.repository.js';

/**
 * Central households (党员中心户), level 4: a household, the party member who leads it, and the
 * neighbouring households it looks after. Lighting up (consent, door sign) is the lighting feature's.
 */

type Kdb = Db['kysely'];

const splitServices = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

export async function centralHouseholdViews(
  db: Kdb,
  rows: repo.CentralHouseholdRow[],
): Promise<CentralHouseholdView[]> {
  const links = await repo.listLookedAfter(
    db,
    rows.map((r) => r.id),
  );
  const labels = await placeLabels(db, [...rows.map((r) => r.household_path), ...links.map((l) => l.path)]);
  return rows.map((r) => ({
    id: r.id,
    household: { id: r.household_id, name: r.household_name },
    householdLabel: labels.get(r.household_id) ?? r.household_name,
    leader: { id: r.leader_person_id, name: r.leader_name },
    organisationId: r.organisation_id,
    title: r.title,
    services: splitServices(r.services),
    lookedAfter: links
      .filter((l) => l.central_household_id === r.id)
      .map((l) => ({ id: l.household_id, name: l.name, label: labels.get(l.household_id) ?? l.name }))
      .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true })),
    lit: r.lit_at !== null && r.ended_at === null,
    createdAt: r.created_at,
    endedAt: r.ended_at,
  }));
}

export async function scopeOfCentralHousehold(db: Kdb, id: string): Promise<string | undefined> {
  return (await repo.findCentralHousehold(db, id))?.household_id;
}

async function view(db: Kdb, id: string): Promise<CentralHouseholdView> {
  return (await centralHouseholdViews(db, [(await repo.findCentralHousehold(db, id))!]))[0]!;
}

/** The organisation a household's central household hangs under: the live group covering its building, else its compound's branch. */
async function organisationFor(db: Kdb, household: PlaceRow): Promise<string | null> {
  const line = await findPlacesByIds(db, pathIds(household.path));
  const building = line.find((p) => p.kind === 'building');
  const compound = line.find((p) => p.kind === 'compound');
  if (building) {
    const group = (await repo.liveGroupsOfBuildings(db, [building.id])).get(building.id);
    if (group) return group;
  }
  if (compound) return (await repo.findLiveOnPlace(db, 'compound_branch', compound.id))?.id ?? null;
  return null;
}

async function checkLeader(db: Kdb, communityId: string, personId: string) {
  const [person] = await repo.findPeopleByIds(db, [personId]);
  if (!person || person.community_id !== communityId || person.archived_at) {
    throw new AppError('NOT_FOUND', 'No such person in this community.');
  }
  const member = await db
    .selectFrom('party_members')
    .select('person_id')
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (!member) {
    throw new AppError(
      'ORGANISATION_INVALID',
      `${person.name} is not a party member: a central household is led by one.`,
    );
  }
  return person;
}

/** The households looked after: households of the same compound, not the central household itself. */
async function checkLookedAfter(db: Kdb, household: PlaceRow, ids: readonly string[]) {
  if (ids.includes(household.id)) {
    throw new AppError('ORGANISATION_INVALID', 'A central household does not look after itself.');
  }
  const compoundPath = pathIds(household.path).slice(0, 4).join('/');
  const found = await findPlacesByIds(db, ids);
  for (const id of ids) {
    const p = found.find((f) => f.id === id);
    if (!p || p.kind !== 'household' || !p.path.startsWith(`/${compoundPath}/`)) {
      throw new AppError(
        'ORGANISATION_INVALID',
        'Each household looked after must be a neighbour in the same compound.',
        {
          details: [
            { path: 'body.lookedAfterIds', message: `${p?.name ?? id} is not a household of this compound` },
          ],
        },
      );
    }
  }
  return [...new Set(ids)];
}

async function auditCh(
  db: Kdb,
  actor: Actor,
  household: PlaceRow,
  id: string,
  action: 'create' | 'update' | 'archive',
  summary: string,
) {
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action,
    entityType: 'central_household',
    entityId: id,
    place: household,
    summary,
    ip: actor.ip,
    at: actor.now,
  });
}

export async function createCentralHousehold(
  db: Kdb,
  actor: Actor,
  household: PlaceRow,
  input: { leaderPersonId: string; title: string; services: string[]; lookedAfterIds: string[] },
): Promise<CentralHouseholdView> {
  if (household.kind !== 'household' || !household.community_id) {
    throw new AppError('ORGANISATION_INVALID', 'A central household stands on a household.');
  }
  if (await isEffectivelyArchived(db, pathIds(household.path))) throw new AppError('PLACE_ARCHIVED');
  const leader = await checkLeader(db, household.community_id, input.leaderPersonId);
  const looked = await checkLookedAfter(db, household, input.lookedAfterIds);
  const organisationId = await organisationFor(db, household);
  const existing = await repo.findCentralHouseholdByHousehold(db, household.id);
  if (existing && existing.ended_at === null)
    throw new AppError('ORGANISATION_EXISTS', 'This household is already a central household.');
  const services = input.services.join(',');
  let id: string;
  if (existing) {
    // The household was one before: take up the same record again (a household has one at most).
    id = existing.id;
    await repo.updateCentralHousehold(
      db,
      id,
      {
        leader_person_id: leader.id,
        title: input.title,
        services,
        organisation_id: organisationId,
        ended_at: null,
        lit_at: null,
        created_at: actor.now,
      },
      actor.now,
    );
  } else {
    id = newId();
    await repo.insertCentralHousehold(db, {
      id,
      communityId: household.community_id,
      householdId: household.id,
      leaderPersonId: leader.id,
      organisationId,
      title: input.title,
      services,
      at: actor.now,
    });
  }
  await repo.replaceLookedAfter(db, id, looked);
  await auditCh(
    db,
    actor,
    household,
    id,
    'create',
    `${household.name} became a central household led by ${leader.name}`,
  );
  return view(db, id);
}

export async function changeCentralHousehold(
  db: Kdb,
  actor: Actor,
  id: string,
  input: {
    leaderPersonId?: string | undefined;
    title?: string | undefined;
    services?: string[] | undefined;
    lookedAfterIds?: string[] | undefined;
  },
): Promise<CentralHouseholdView> {
  const ch = await repo.findCentralHousehold(db, id);
  if (!ch) throw new AppError('NOT_FOUND');
  if (ch.ended_at) throw new AppError('ORGANISATION_DISSOLVED', 'This central household has ended.');
  const household = (await findPlace(db, ch.household_id))!;
  const set: Parameters<typeof repo.updateCentralHousehold>[2] = {};
  if (input.leaderPersonId !== undefined && input.leaderPersonId !== ch.leader_person_id) {
    await checkLeader(db, ch.community_id, input.leaderPersonId);
    set.leader_person_id = input.leaderPersonId;
    // A new leader has not consented to anything: the household goes dark until they light it up.
    set.lit_at = null;
  }
  if (input.title !== undefined) set.title = input.title;
  if (input.services !== undefined) set.services = input.services.join(',');
  await repo.updateCentralHousehold(db, id, set, actor.now);
  if (input.lookedAfterIds !== undefined) {
    await repo.replaceLookedAfter(db, id, await checkLookedAfter(db, household, input.lookedAfterIds));
  }
  await auditCh(db, actor, household, id, 'update', `Changed central household ${household.name}`);
  return view(db, id);
}

/** End a central household (kept as history); it goes dark at once. */
export async function endCentralHousehold(db: Kdb, actor: Actor, id: string): Promise<CentralHouseholdView> {
  const ch = await repo.findCentralHousehold(db, id);
  if (!ch) throw new AppError('NOT_FOUND');
  if (ch.ended_at) throw new AppError('ORGANISATION_DISSOLVED', 'This central household has already ended.');
  await repo.updateCentralHousehold(db, id, { ended_at: actor.now, lit_at: null }, actor.now);
  const household = (await findPlace(db, ch.household_id))!;
  await auditCh(db, actor, household, id, 'archive', `Ended central household ${household.name}`);
  return view(db, id);
}
