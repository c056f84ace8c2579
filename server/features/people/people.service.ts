import type { PersonDetailView, PersonView } from '../../../domain/contracts/organisation.js';
import { AppError } from '../../../domain/errors.js';
import type { PartyMemberKind, PositionTitle } from '../../../domain/organisation.js';
import { instructorLimitMessage, instructorLinkAllowed } from '../../../domain/organisation-rules.js';
import { maskPhone } from '../../../domain/privacy.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../../lib/http.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { type Caller, servesCommunity } from '../../plugins/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import { placeLabels } from '../organisations/organisations.labels.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import { findPlace } from '../places/places.repository.js';
import { standardsThresholdsFor } from '../settings/settings.repository.js';
import * as repo from './people.repository.js';

/** People: one record per person per community, however many roles they hold. */

type Kdb = Db['kysely'];
const ref = (id: string, name: string) => ({ id, name });

/** Whether the caller sees this person's phone in full: the community's staff, or the person. */
function seesInFull(caller: Caller, row: repo.PersonRow): boolean {
  return servesCommunity(caller, row.community_id) || (row.user_id !== null && row.user_id === caller.userId);
}

async function toViews(db: Kdb, rows: repo.PersonRow[], caller: Caller): Promise<PersonView[]> {
  const ids = rows.map((r) => r.id);
  const [links, positions, labels] = await Promise.all([
    repo.listInstructorLinks(db, ids, { liveOnly: true }),
    repo.listPositionsOf(db, ids, { liveOnly: true }),
    placeLabels(
      db,
      rows.flatMap((r) => (r.household_path ? [r.household_path] : [])),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    communityId: r.community_id,
    name: r.name,
    phone: seesInFull(caller, r) ? r.phone : maskPhone(r.phone),
    gender: r.gender,
    birthYear: r.birth_year,
    household: r.household_id ? ref(r.household_id, r.household_name ?? '') : null,
    householdLabel: r.household_id ? (labels.get(r.household_id) ?? null) : null,
    userId: r.user_id,
    note: r.note,
    partyMember: r.member_kind
      ? {
          kind: r.member_kind as PartyMemberKind,
          organisation: r.member_organisation_id
            ? ref(r.member_organisation_id, r.member_organisation_name ?? '')
            : null,
          workUnit: r.member_work_unit,
          joinedOn: r.member_joined_on,
        }
      : null,
    instructorOf: links.filter((l) => l.person_id === r.id).map((l) => ref(l.compound_id, l.compound_name)),
    titles: [...new Set(positions.filter((p) => p.person_id === r.id).map((p) => p.title as PositionTitle))],
    archived: r.archived_at !== null,
  }));
}

/** Every full phone shown is recorded. */
async function auditReveal(db: Kdb, actor: Actor, place: PlaceRow, count: number, what: string) {
  if (count === 0) return;
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'view',
    entityType: 'person',
    entityId: null,
    place,
    summary: `Viewed ${count} ${what} with phone numbers`,
    ip: actor.ip,
    at: actor.now,
  });
}

export async function listPeople(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  q: { q?: string | undefined; filter: repo.PeopleFilter; cursor?: string | undefined; limit: number },
) {
  const byHousehold = place.kind !== 'community' && place.community_id !== null;
  const rows = await repo.listPeople(
    db,
    { path: place.path, byHousehold },
    { q: q.q, filter: q.filter, afterId: decodeCursor(q.cursor), limit: q.limit + 1 },
  );
  const page = toPage(rows, q.limit);
  const revealed = page.items.filter((r) => r.phone !== null && seesInFull(actor.caller, r)).length;
  await auditReveal(db, actor, place, revealed, 'people');
  return { items: await toViews(db, page.items, actor.caller), nextCursor: page.nextCursor };
}

/** The place a person's permission is checked on: their household, else their community. */
export async function scopeOfPerson(db: Kdb, id: string): Promise<string | undefined> {
  const p = await repo.findPerson(db, id);
  return p ? (p.household_id ?? p.community_id) : undefined;
}

export async function getPerson(
  db: Kdb,
  actor: Actor,
  id: string,
  opts: { audit: boolean } = { audit: true },
): Promise<PersonDetailView> {
  const row = await repo.findPerson(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [view] = await toViews(db, [row], actor.caller);
  const [positions, butlers, committees, chs, links] = await Promise.all([
    repo.listPositionsOf(db, [id], { liveOnly: false }),
    repo.listRedButlersOf(db, id),
    repo.listOwnersCommitteeOf(db, id),
    repo.listCentralHouseholdsLedBy(db, id),
    repo.listInstructorLinks(db, [id], { liveOnly: false }),
  ]);
  const community = (await findPlace(db, row.community_id))!;
  if (opts.audit && row.phone !== null && seesInFull(actor.caller, row)) {
    await auditReveal(db, actor, community, 1, `person (${row.name})`);
  }
  const thresholds = await standardsThresholdsFor(db, community.path);
  return {
    ...view!,
    roles: [
      ...positions.map((p) => ({
        kind: 'position' as const,
        id: p.id,
        title: p.title,
        organisation: ref(p.organisation_id, p.organisation_name),
        place: null,
        startedAt: p.started_at,
        endedAt: p.ended_at,
      })),
      ...butlers.map((b) => ({
        kind: 'red_butler' as const,
        id: b.id,
        title: b.kind,
        organisation: b.organisation_id ? ref(b.organisation_id, b.organisation_name ?? '') : null,
        place: null,
        startedAt: b.started_at,
        endedAt: b.ended_at,
      })),
      ...committees.map((c) => ({
        kind: 'owners_committee' as const,
        id: c.id,
        title: c.role,
        organisation: null,
        place: ref(c.compound_id, c.compound_name),
        startedAt: c.started_at,
        endedAt: c.ended_at,
      })),
      ...chs.map((c) => ({
        kind: 'central_household' as const,
        id: c.id,
        title: c.title,
        organisation: null,
        place: ref(c.household_id, c.household_name),
        startedAt: c.created_at,
        endedAt: c.ended_at,
      })),
    ],
    instructorLinks: links.map((l) => ({
      id: l.id,
      compound: ref(l.compound_id, l.compound_name),
      startedAt: l.started_at,
      endedAt: l.ended_at,
    })),
    instructorMaxCompounds: thresholds.instructorMaxCompounds,
  };
}

interface PersonInput {
  name?: string | undefined;
  phone?: string | null | undefined;
  gender?: 'female' | 'male' | null | undefined;
  birthYear?: number | null | undefined;
  householdId?: string | null | undefined;
  userId?: string | null | undefined;
  note?: string | null | undefined;
}

/** Check the references a body makes: a household of this community, an account, a free phone. */
async function checkRefs(db: Kdb, communityId: string, input: PersonInput, selfId: string | null) {
  if (input.householdId) {
    const h = await findPlace(db, input.householdId);
    if (!h || h.kind !== 'household' || h.community_id !== communityId) {
      throw new AppError('NOT_FOUND', 'No such household in this community.');
    }
  }
  if (input.phone) {
    const other = await repo.findPersonByPhone(db, communityId, input.phone);
    if (other && other.id !== selfId) {
      throw new AppError('CONFLICT', `${other.name} in this community already has this phone number.`);
    }
  }
  if (input.userId) {
    if (!(await repo.findUser(db, input.userId))) throw new AppError('NOT_FOUND', 'No such account.');
    const other = await repo.findPersonByUser(db, communityId, input.userId);
    if (other && other.id !== selfId) {
      throw new AppError('CONFLICT', `This account is already linked to ${other.name}.`);
    }
  }
}

async function checkOrganisation(db: Kdb, communityId: string, organisationId: string | null | undefined) {
  if (!organisationId) return null;
  const org = await findOrganisation(db, organisationId);
  if (!org || org.community_id !== communityId || org.dissolved_at) {
    throw new AppError('NOT_FOUND', 'No such live organisation in this community.');
  }
  return org.id;
}

export async function createPerson(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  input: PersonInput & {
    name: string;
    partyMember?:
      | {
          kind: PartyMemberKind;
          organisationId?: string | null | undefined;
          workUnit?: string | null | undefined;
          joinedOn?: string | null | undefined;
        }
      | null
      | undefined;
  },
): Promise<PersonDetailView> {
  const communityId = place.community_id;
  if (!communityId) throw new AppError('ORGANISATION_INVALID', 'A person is recorded in a community.');
  const householdId = input.householdId ?? (place.kind === 'household' ? place.id : null);
  await checkRefs(db, communityId, { ...input, householdId }, null);
  const id = newId();
  await repo.insertPerson(db, {
    id,
    communityId,
    name: input.name,
    phone: input.phone ?? null,
    gender: input.gender ?? null,
    birthYear: input.birthYear ?? null,
    householdId,
    userId: input.userId ?? null,
    note: input.note ?? null,
    at: actor.now,
  });
  if (input.partyMember) await setPartyMembership(db, actor, id, input.partyMember, { audit: false });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'person',
    entityId: id,
    place,
    summary: `Recorded ${input.name}${input.partyMember ? ' (party member)' : ''}`,
    ip: actor.ip,
    at: actor.now,
  });
  return getPerson(db, actor, id, { audit: false });
}

export async function changePerson(
  db: Kdb,
  actor: Actor,
  id: string,
  input: PersonInput,
): Promise<PersonDetailView> {
  const row = await repo.findPerson(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  await checkRefs(db, row.community_id, input, id);
  await repo.updatePerson(
    db,
    id,
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.gender !== undefined ? { gender: input.gender } : {}),
      ...(input.birthYear !== undefined ? { birth_year: input.birthYear } : {}),
      ...(input.householdId !== undefined ? { household_id: input.householdId } : {}),
      ...(input.userId !== undefined ? { user_id: input.userId } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
    },
    actor.now,
  );
  const community = (await findPlace(db, row.community_id))!;
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'person',
    entityId: id,
    place: community,
    summary: `Changed the record of ${input.name ?? row.name}${input.userId !== undefined ? ' (account link)' : ''}`,
    ip: actor.ip,
    at: actor.now,
  });
  return getPerson(db, actor, id, { audit: false });
}

export async function setPartyMembership(
  db: Kdb,
  actor: Actor,
  personId: string,
  input: {
    kind: PartyMemberKind;
    organisationId?: string | null | undefined;
    workUnit?: string | null | undefined;
    joinedOn?: string | null | undefined;
  },
  opts: { audit: boolean } = { audit: true },
): Promise<PersonDetailView> {
  const row = await repo.findPerson(db, personId);
  if (!row) throw new AppError('NOT_FOUND');
  const organisationId = await checkOrganisation(db, row.community_id, input.organisationId);
  await repo.upsertPartyMember(db, {
    personId,
    communityId: row.community_id,
    kind: input.kind,
    organisationId,
    workUnit: input.workUnit ?? null,
    joinedOn: input.joinedOn ?? null,
    at: actor.now,
  });
  if (opts.audit) {
    await recordAudit(db, {
      actorId: actor.caller.userId,
      action: 'update',
      entityType: 'person',
      entityId: personId,
      place: (await findPlace(db, row.community_id))!,
      summary: `Recorded ${row.name} as a ${input.kind.replace('_', '-')} party member`,
      ip: actor.ip,
      at: actor.now,
    });
  }
  return getPerson(db, actor, personId, { audit: false });
}

export async function endPartyMembership(db: Kdb, actor: Actor, personId: string): Promise<PersonDetailView> {
  const row = await repo.findPerson(db, personId);
  if (!row) throw new AppError('NOT_FOUND');
  if (!(await repo.endPartyMember(db, personId, actor.now))) {
    throw new AppError('CONFLICT', `${row.name} is not a party member here.`);
  }
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'person',
    entityId: personId,
    place: (await findPlace(db, row.community_id))!,
    summary: `Ended the party membership of ${row.name} in this community`,
    ip: actor.ip,
    at: actor.now,
  });
  return getPerson(db, actor, personId, { audit: false });
}

/** Link an instructor to a compound; S3 is enforced here: one compound past the limit is refused. */
export async function linkInstructor(
  db: Kdb,
  actor: Actor,
  personId: string,
  compoundId: string,
): Promise<PersonDetailView> {
  const row = await repo.findPerson(db, personId);
  if (!row) throw new AppError('NOT_FOUND');
  const compound = await findPlace(db, compoundId);
  if (
    !compound ||
    compound.kind !== 'compound' ||
    compound.community_id !== row.community_id ||
    compound.archived_at
  ) {
    throw new AppError('NOT_FOUND', 'No such compound in this community.');
  }
  const links = await repo.listInstructorLinks(db, [personId], { liveOnly: true });
  if (links.some((l) => l.compound_id === compoundId)) {
    throw new AppError('CONFLICT', `${row.name} is already linked to ${compound.name}.`);
  }
  const { instructorMaxCompounds: max } = await standardsThresholdsFor(db, compound.path);
  if (!instructorLinkAllowed(links.length, max)) {
    throw new AppError('INSTRUCTOR_LIMIT', instructorLimitMessage(row.name, links.length, max), {
      details: [
        { path: 'limit', message: String(max) },
        { path: 'count', message: String(links.length) },
      ],
    });
  }
  await repo.insertInstructorLink(db, {
    id: newId(),
    communityId: row.community_id,
    personId,
    compoundId,
    at: actor.now,
  });
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'instructor_link',
    entityId: personId,
    place: compound,
    summary: `Linked instructor ${row.name} to ${compound.name}`,
    ip: actor.ip,
    at: actor.now,
  });
  return getPerson(db, actor, personId, { audit: false });
}

export async function scopeOfInstructorLink(db: Kdb, id: string): Promise<string | undefined> {
  return (await repo.findInstructorLink(db, id))?.compound_id;
}

export async function unlinkInstructor(db: Kdb, actor: Actor, linkId: string): Promise<PersonDetailView> {
  const link = await repo.findInstructorLink(db, linkId);
  if (!link) throw new AppError('NOT_FOUND');
  if (!(await repo.endInstructorLink(db, linkId, actor.now)))
    throw new AppError('CONFLICT', 'This link has already ended.');
  const compound = (await findPlace(db, link.compound_id))!;
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'update',
    entityType: 'instructor_link',
    entityId: link.person_id,
    place: compound,
    summary: `Unlinked an instructor from ${compound.name}`,
    ip: actor.ip,
    at: actor.now,
  });
  return getPerson(db, actor, link.person_id, { audit: false });
}
