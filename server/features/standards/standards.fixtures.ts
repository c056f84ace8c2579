import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { buildPlace } from '../../test/factories.js';

/** Test fixtures for the standards: the organisation data written straight into its tables. */

const AT = '2026-11-29T08:00:00.000Z';

export async function buildMembers(db: Db, building: PlaceRow, n: number, kind = 'resident') {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const household = await buildPlace(db, { kind: 'household', parent: building, name: `${i + 1}01室` });
    const id = newId();
    await db.kysely
      .insertInto('people')
      .values({
        id,
        community_id: building.community_id!,
        name: `党员${i + 1}`,
        phone: null,
        gender: null,
        birth_year: null,
        household_id: household.id,
        user_id: null,
        note: null,
        created_at: AT,
        updated_at: AT,
        archived_at: null,
      })
      .execute();
    await db.kysely
      .insertInto('party_members')
      .values({
        person_id: id,
        community_id: building.community_id!,
        kind,
        organisation_id: null,
        work_unit: null,
        joined_on: null,
        created_at: AT,
        updated_at: AT,
        ended_at: null,
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

export async function buildPerson(db: Db, community: PlaceRow | string, name: string) {
  const id = newId();
  await db.kysely
    .insertInto('people')
    .values({
      id,
      community_id: typeof community === 'string' ? community : community.id,
      name,
      phone: null,
      gender: null,
      birth_year: null,
      household_id: null,
      user_id: null,
      note: null,
      created_at: AT,
      updated_at: AT,
      archived_at: null,
    })
    .execute();
  return id;
}

export async function buildOrganisation(
  db: Db,
  kind: string,
  place: PlaceRow,
  opts: { buildings?: PlaceRow[]; positions?: { title: string; personId: string }[]; name?: string } = {},
) {
  const id = newId();
  const communityId = place.kind === 'community' ? place.id : place.community_id!;
  await db.kysely
    .insertInto('organisations')
    .values({
      id,
      community_id: communityId,
      kind,
      name: opts.name ?? `${place.name} ${kind}`,
      place_id: place.id,
      parent_id: null,
      created_at: AT,
      updated_at: AT,
      dissolved_at: null,
      dissolved_reason: null,
      merged_into_id: null,
    })
    .execute();
  for (const b of opts.buildings ?? []) {
    await db.kysely
      .insertInto('organisation_buildings')
      .values({
        organisation_id: id,
        building_id: b.id,
        community_id: communityId,
        started_at: AT,
        ended_at: null,
      })
      .execute();
  }
  for (const p of opts.positions ?? []) {
    await db.kysely
      .insertInto('positions')
      .values({
        id: newId(),
        organisation_id: id,
        community_id: communityId,
        title: p.title,
        person_id: p.personId,
        partner_unit_id: null,
        started_at: AT,
        ended_at: null,
      })
      .execute();
  }
  return id;
}

export async function dissolve(db: Db, organisationId: string) {
  await db.kysely
    .updateTable('organisations')
    .set({ dissolved_at: AT })
    .where('id', '=', organisationId)
    .execute();
}

export async function buildInstructorLink(db: Db, personId: string, compound: PlaceRow, startedAt = AT) {
  await db.kysely
    .insertInto('instructor_links')
    .values({
      id: newId(),
      community_id: compound.community_id!,
      person_id: personId,
      compound_id: compound.id,
      started_at: startedAt,
      ended_at: null,
    })
    .execute();
}

export async function buildChair(db: Db, compound: PlaceRow, personId: string) {
  await db.kysely
    .insertInto('owners_committee_members')
    .values({
      id: newId(),
      community_id: compound.community_id!,
      compound_id: compound.id,
      person_id: personId,
      role: 'chair',
      started_at: AT,
      ended_at: null,
    })
    .execute();
}
