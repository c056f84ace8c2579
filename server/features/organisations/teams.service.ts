import type { OrganisationDetailView } from '../../../domain/contracts/organisation.js';
import { AppError } from '../../../domain/errors.js';
import type { RedButlerKind } from '../../../domain/organisation.js';
import { isGroup, type OwnersCommitteeRole } from '../../../domain/organisation-rules.js';
import type { OrganisationKind } from '../../../domain/organisation.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../../lib/http.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findPlace } from '../places/places.repository.js';
import * as repo from './organisations.repository.js';
import { getOrganisation, requireLiveOrganisation } from './organisations.service.js';

/** Red butler teams (红管家, open to non-members) and owners' committees (业委会) with their chair. */

type Kdb = Db['kysely'];

async function personOf(db: Kdb, communityId: string, personId: string) {
  const [person] = await repo.findPeopleByIds(db, [personId]);
  if (!person || person.community_id !== communityId || person.archived_at) {
    throw new AppError('NOT_FOUND', 'No such person in this community.');
  }
  return person;
}

export async function scopeOfRedButler(db: Kdb, id: string): Promise<string | undefined> {
  const r = await repo.findRedButler(db, id);
  if (!r) return undefined;
  if (r.organisation_id) return (await repo.findOrganisation(db, r.organisation_id))?.place_id;
  return r.building_id ?? undefined;
}

export async function addRedButler(
  db: Kdb,
  actor: Actor,
  orgId: string,
  input: { personId: string; kind: RedButlerKind; buildingId?: string | undefined },
): Promise<OrganisationDetailView> {
  const org = await requireLiveOrganisation(db, orgId);
  if (!isGroup(org.kind as OrganisationKind)) {
    throw new AppError('ORGANISATION_INVALID', 'A red butler team serves a building or a party group.');
  }
  const person = await personOf(db, org.community_id, input.personId);
  if (input.buildingId) {
    const covered = (await repo.listOrganisationBuildings(db, [org.id])).some(
      (b) => b.ended_at === null && b.building_id === input.buildingId,
    );
    if (!covered) throw new AppError('ORGANISATION_INVALID', 'The building is not one this group covers.');
  }
  const live = await repo.listRedButlers(db, org.id);
  if (live.some((b) => b.ended_at === null && b.person_id === person.id)) {
    throw new AppError('CONFLICT', `${person.name} is already on this red butler team.`);
  }
  await repo.insertRedButler(db, {
    id: newId(),
    communityId: org.community_id,
    organisationId: org.id,
    buildingId: input.buildingId ?? null,
    personId: person.id,
    kind: input.kind,
    at: actor.now,
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'red_butler',
    entityId: org.id,
    place: { id: org.place_id, path: org.place_path, community_id: org.community_id, kind: org.place_kind },
    summary: `${person.name} joined the red butler team of ${org.name}`,
    ip: actor.ip,
    at: actor.now,
  });
  return getOrganisation(db, org.id);
}

export async function endRedButler(db: Kdb, actor: Actor, id: string): Promise<OrganisationDetailView> {
  const r = await repo.findRedButler(db, id);
  if (!r?.organisation_id) throw new AppError('NOT_FOUND');
  if (!(await repo.endRedButler(db, id, actor.now)))
    throw new AppError('CONFLICT', 'This has already ended.');
  const org = (await repo.findOrganisation(db, r.organisation_id))!;
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'red_butler',
    entityId: org.id,
    place: { id: org.place_id, path: org.place_path, community_id: org.community_id, kind: org.place_kind },
    summary: `A red butler of ${org.name} stepped down`,
    ip: actor.ip,
    at: actor.now,
  });
  return getOrganisation(db, org.id);
}

// Owners' committees

export async function getOwnersCommittee(db: Kdb, compound: PlaceRow) {
  if (compound.kind !== 'compound')
    throw new AppError('ORGANISATION_INVALID', 'An owners’ committee belongs to a compound.');
  const rows = await repo.listOwnersCommittee(db, compound.id);
  return {
    compound: { id: compound.id, name: compound.name },
    members: rows.map((m) => ({
      id: m.id,
      person: { id: m.person_id, name: m.person_name },
      role: m.role as OwnersCommitteeRole,
      startedAt: m.started_at,
      endedAt: m.ended_at,
    })),
  };
}

/** Seat a person on a compound's owners' committee; a new chair replaces the old one. */
export async function addOwnersCommitteeMember(
  db: Kdb,
  actor: Actor,
  compound: PlaceRow,
  input: { personId: string; role: OwnersCommitteeRole },
) {
  if (compound.kind !== 'compound' || !compound.community_id) {
    throw new AppError('ORGANISATION_INVALID', 'An owners’ committee belongs to a compound.');
  }
  const person = await personOf(db, compound.community_id, input.personId);
  const live = (await repo.listOwnersCommittee(db, compound.id)).filter((m) => m.ended_at === null);
  const mine = live.find((m) => m.person_id === person.id);
  if (mine?.role === input.role)
    throw new AppError('CONFLICT', `${person.name} already sits on it as ${input.role}.`);
  if (mine) await repo.endOwnersCommitteeMembers(db, { id: mine.id }, actor.now);
  if (input.role === 'chair')
    await repo.endOwnersCommitteeMembers(db, { compoundId: compound.id, role: 'chair' }, actor.now);
  await repo.insertOwnersCommitteeMember(db, {
    id: newId(),
    communityId: compound.community_id,
    compoundId: compound.id,
    personId: person.id,
    role: input.role,
    at: actor.now,
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'owners_committee',
    entityId: compound.id,
    place: compound,
    summary: `${person.name} joined the owners’ committee of ${compound.name} as ${input.role}`,
    ip: actor.ip,
    at: actor.now,
  });
  return getOwnersCommittee(db, compound);
}

export async function scopeOfOwnersCommitteeMember(db: Kdb, id: string): Promise<string | undefined> {
  return (await repo.findOwnersCommitteeMember(db, id))?.compound_id;
}

export async function endOwnersCommitteeMember(db: Kdb, actor: Actor, id: string) {
  const m = await repo.findOwnersCommitteeMember(db, id);
  if (!m) throw new AppError('NOT_FOUND');
  if (!(await repo.endOwnersCommitteeMembers(db, { id }, actor.now))) {
    throw new AppError('CONFLICT', 'This has already ended.');
  }
  const compound = (await findPlace(db, m.compound_id))!;
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'owners_committee',
    entityId: compound.id,
    place: compound,
    summary: `A member of the owners’ committee of ${compound.name} stepped down`,
    ip: actor.ip,
    at: actor.now,
  });
  return getOwnersCommittee(db, compound);
}
