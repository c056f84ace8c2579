import { type Kysely, sql } from 'kysely';
import type { PartyMemberKind } from '../../../domain/organisation.js';
import type { PlaceKind } from '../../../domain/places.js';
import type { MemberRecord, PersonRecord, RosterPlan, RosterSnapshot } from '../../../domain/rosters-plan.js';
import type { Database, PlaceRow } from '../../db/schema.js';

type Q = Kysely<Database>;

/** Rows per statement: well under SQLite's and PostgreSQL's parameter limits. */
const BATCH = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

/** Everything an import is planned against, in four set-based queries. */
export async function loadSnapshot(db: Q, community: PlaceRow): Promise<RosterSnapshot> {
  const [places, people, members, organisations] = await Promise.all([
    db
      .selectFrom('places')
      .select(['id', 'parent_id', 'kind', 'name', 'path', 'depth', 'archived_at'])
      .where('community_id', '=', community.id)
      .where('id', '<>', community.id)
      .execute(),
    db
      .selectFrom('people')
      .select(['id', 'name', 'phone', 'gender', 'birth_year', 'household_id', 'note', 'archived_at'])
      .where('community_id', '=', community.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('party_members')
      .select(['person_id', 'kind', 'organisation_id', 'work_unit', 'ended_at'])
      .where('community_id', '=', community.id)
      .execute(),
    db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('community_id', '=', community.id)
      .where('dissolved_at', 'is', null)
      .execute(),
  ]);
  return {
    community: { id: community.id, path: community.path, depth: community.depth },
    places: places.map((p) => ({
      id: p.id,
      parentId: p.parent_id ?? '',
      kind: p.kind as PlaceKind,
      name: p.name,
      path: p.path,
      depth: p.depth,
      archived: p.archived_at !== null,
    })),
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      phone: p.phone,
      gender: p.gender,
      birthYear: p.birth_year === null ? null : Number(p.birth_year),
      householdId: p.household_id,
      note: p.note,
      archived: p.archived_at !== null,
    })),
    members: members.map((m) => ({
      personId: m.person_id,
      kind: m.kind as PartyMemberKind,
      organisationId: m.organisation_id,
      workUnit: m.work_unit,
      ended: m.ended_at !== null,
    })),
    organisations,
  };
}

async function updatePeople(db: Q, rows: readonly PersonRecord[], now: string) {
  for (const batch of chunks(rows)) {
    const values = sql.join(
      batch.map(
        (p) =>
          sql`(${p.id}, ${p.name}, ${p.phone}, ${p.gender}, ${p.birthYear}, ${p.householdId}, ${p.note})`,
      ),
    );
    // One statement per batch on both databases (UPDATE … FROM: PostgreSQL, SQLite ≥ 3.33).
    await sql`
      with v(id, name, phone, gender, birth_year, household_id, note) as (values ${values})
      update people set
        name = v.name, phone = v.phone, gender = v.gender, birth_year = cast(v.birth_year as integer),
        household_id = v.household_id, note = v.note, archived_at = null, updated_at = ${now}
      from v where people.id = v.id`.execute(db);
  }
}

async function updateMembers(db: Q, rows: readonly MemberRecord[], now: string) {
  for (const batch of chunks(rows)) {
    const values = sql.join(
      batch.map((m) => sql`(${m.personId}, ${m.kind}, ${m.organisationId}, ${m.workUnit})`),
    );
    await sql`
      with v(person_id, kind, organisation_id, work_unit) as (values ${values})
      update party_members set
        kind = v.kind, organisation_id = v.organisation_id, work_unit = v.work_unit,
        ended_at = null, updated_at = ${now}
      from v where party_members.person_id = v.person_id`.execute(db);
  }
}

/** Write a plan: inserts in batches (parents first), changes in one statement per batch. */
export async function writePlan(db: Q, plan: RosterPlan, communityId: string, now: string): Promise<void> {
  for (const batch of chunks(plan.newPlaces)) {
    await db
      .insertInto('places')
      .values(
        batch.map((p) => ({
          id: p.id,
          parent_id: p.parentId,
          kind: p.kind,
          name: p.name,
          path: p.path,
          depth: p.depth,
          community_id: communityId,
          archived_at: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  for (const batch of chunks(plan.newPeople)) {
    await db
      .insertInto('people')
      .values(
        batch.map((p) => ({
          id: p.id,
          community_id: communityId,
          name: p.name,
          phone: p.phone,
          gender: p.gender,
          birth_year: p.birthYear,
          household_id: p.householdId,
          user_id: null,
          note: p.note,
          created_at: now,
          updated_at: now,
          archived_at: null,
        })),
      )
      .execute();
  }
  await updatePeople(db, plan.changedPeople, now);
  for (const batch of chunks(plan.newMembers)) {
    await db
      .insertInto('party_members')
      .values(
        batch.map((m) => ({
          person_id: m.personId,
          community_id: communityId,
          kind: m.kind,
          organisation_id: m.organisationId,
          work_unit: m.workUnit,
          joined_on: null,
          created_at: now,
          updated_at: now,
          ended_at: null,
        })),
      )
      .execute();
  }
  await updateMembers(db, plan.changedMembers, now);
}

/** The live places, people and memberships of a community, for an export. */
export async function loadForExport(db: Q, communityId: string) {
  const [places, people, members, organisations] = await Promise.all([
    db
      .selectFrom('places')
      .select(['id', 'parent_id', 'kind', 'name', 'path', 'archived_at'])
      .where('community_id', '=', communityId)
      .execute(),
    db
      .selectFrom('people')
      .select(['id', 'name', 'phone', 'gender', 'birth_year', 'household_id', 'note'])
      .where('community_id', '=', communityId)
      .where('archived_at', 'is', null)
      .where('household_id', 'is not', null)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('party_members')
      .select(['person_id', 'kind', 'organisation_id', 'work_unit'])
      .where('community_id', '=', communityId)
      .where('ended_at', 'is', null)
      .execute(),
    db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('community_id', '=', communityId)
      .where('dissolved_at', 'is', null)
      .execute(),
  ]);
  return { places, people, members, organisations };
}
