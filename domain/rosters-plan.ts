/**
 * What importing a roster would change, worked out against what the community already holds, before
 * anything is written. Natural keys make a second import of the same file change nothing: a place is
 * its parent and name; a person is the community and phone when a phone is given, else the household
 * and name; a party member is the person.
 */
import type { PartyMemberKind } from './organisation.js';
import type { PlaceKind } from './places.js';
import {
  columnLabel,
  normaliseText,
  type ReadResult,
  type RosterColumnKey,
  type RosterProblem,
  type RosterProblemCode,
  type RosterRow,
  rosterProblem,
} from './rosters.js';

export interface PlaceNode {
  id: string;
  parentId: string;
  kind: PlaceKind;
  name: string;
  path: string;
  depth: number;
  archived: boolean;
}

export interface PersonRecord {
  id: string;
  name: string;
  phone: string | null;
  gender: string | null;
  birthYear: number | null;
  householdId: string | null;
  note: string | null;
  archived: boolean;
}

export interface MemberRecord {
  personId: string;
  kind: PartyMemberKind;
  organisationId: string | null;
  workUnit: string | null;
  ended: boolean;
}

export interface RosterSnapshot {
  community: { id: string; path: string; depth: number };
  /** Every place under the community (archived ones too). */
  places: PlaceNode[];
  /** Every person of the community (archived ones too: their phones still count as taken). */
  people: PersonRecord[];
  members: MemberRecord[];
  /** Live party organisations of the community. */
  organisations: { id: string; name: string }[];
}

export interface RosterCounts {
  /** Places to create. */
  places: number;
  /** People to create or change. */
  residents: number;
  /** Party members to create or change. */
  partyMembers: number;
  /** Rows that change nothing. */
  unchanged: number;
}

export interface RosterPlan {
  /** Parents before children, ready to insert in order. */
  newPlaces: PlaceNode[];
  newPeople: PersonRecord[];
  changedPeople: PersonRecord[];
  newMembers: MemberRecord[];
  changedMembers: MemberRecord[];
  counts: RosterCounts;
  problems: RosterProblem[];
}

const SEGMENTS: readonly [RosterColumnKey & PlaceKind, 'compound' | 'building' | 'unit' | 'household'][] = [
  ['compound', 'compound'],
  ['building', 'building'],
  ['unit', 'unit'],
  ['household', 'household'],
];

const key = (...parts: string[]) => parts.join('\u0000');

function samePerson(a: PersonRecord, b: PersonRecord): boolean {
  return (
    a.name === b.name &&
    a.phone === b.phone &&
    a.gender === b.gender &&
    a.birthYear === b.birthYear &&
    a.householdId === b.householdId &&
    a.note === b.note &&
    a.archived === b.archived
  );
}

function sameMember(a: MemberRecord, b: MemberRecord): boolean {
  return (
    a.kind === b.kind &&
    a.organisationId === b.organisationId &&
    a.workUnit === b.workUnit &&
    a.ended === b.ended
  );
}

/** Plan an import of rows already read and checked by readRoster. Pure: ids come from `newId`. */
export function planRoster(
  read: ReadResult,
  sheet: string,
  snapshot: RosterSnapshot,
  newId: () => string,
): RosterPlan {
  const problems: RosterProblem[] = [];
  const label = (k: RosterColumnKey) => read.labels[k] ?? columnLabel(k, read.language);
  const fail = (
    row: RosterRow,
    k: RosterColumnKey | null,
    code: RosterProblemCode,
    extra: { value?: string; otherRow?: number } = {},
  ) => problems.push(rosterProblem(sheet, row.row, k === null ? null : label(k), code, extra));

  // Places, by parent and name.
  const children = new Map<string, PlaceNode[]>();
  const addPlace = (p: PlaceNode) => {
    const k = key(p.parentId, p.name);
    children.set(k, [...(children.get(k) ?? []), p]);
  };
  snapshot.places.forEach(addPlace);
  const community: PlaceNode = {
    ...snapshot.community,
    parentId: '',
    kind: 'community',
    name: '',
    archived: false,
  };

  // People and party members.
  const byPhone = new Map<string, PersonRecord>();
  const byHouseholdName = new Map<string, PersonRecord>();
  for (const p of snapshot.people) {
    if (p.phone) byPhone.set(p.phone, p);
    if (p.householdId && !byHouseholdName.has(key(p.householdId, p.name))) {
      byHouseholdName.set(key(p.householdId, p.name), p);
    }
  }
  const members = new Map(snapshot.members.map((m) => [m.personId, m]));
  const organisations = new Map<string, { id: string }[]>();
  for (const o of snapshot.organisations) {
    const k = normaliseText(o.name);
    organisations.set(k, [...(organisations.get(k) ?? []), o]);
  }

  const plan: RosterPlan = {
    newPlaces: [],
    newPeople: [],
    changedPeople: [],
    newMembers: [],
    changedMembers: [],
    counts: { places: 0, residents: 0, partyMembers: 0, unchanged: 0 },
    problems,
  };
  const seenPhone = new Map<string, number>();
  const seenPerson = new Map<string, number>();

  for (const row of read.rows) {
    // Walk the path down from the community, creating what is missing.
    let parent = community;
    let created = 0;
    let failed = false;
    for (const [column, kind] of SEGMENTS) {
      const name = row[column];
      if (name === null) continue;
      const found = children.get(key(parent.id, name)) ?? [];
      const live = found.find((p) => !p.archived);
      if (live && live.kind !== kind) {
        fail(row, column, 'place_kind_conflict', { value: name });
        failed = true;
        break;
      }
      if (!live && found.length > 0) {
        fail(row, column, 'place_archived', { value: name });
        failed = true;
        break;
      }
      if (live) {
        parent = live;
        continue;
      }
      const id = newId();
      const place: PlaceNode = {
        id,
        parentId: parent.id,
        kind,
        name,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
        archived: false,
      };
      addPlace(place);
      plan.newPlaces.push(place);
      created++;
      parent = place;
    }
    if (failed) continue;
    if (row.name === null) {
      if (created === 0) plan.counts.unchanged++;
      continue;
    }
    const householdId = parent.id;

    // The same person twice in one file is a mistake, not an update.
    if (row.phone !== null) {
      const other = seenPhone.get(row.phone);
      if (other !== undefined) {
        fail(row, 'phone', 'duplicate_phone', { value: row.phone, otherRow: other });
        continue;
      }
    }
    const personKey = key(householdId, row.name);
    const otherRow = seenPerson.get(personKey);
    if (otherRow !== undefined) {
      fail(row, 'name', 'duplicate_person', { value: row.name, otherRow });
      continue;
    }

    let existing = row.phone !== null ? byPhone.get(row.phone) : undefined;
    if (existing && existing.householdId !== householdId && existing.name !== row.name) {
      fail(row, 'phone', 'phone_in_use', { value: row.phone! });
      continue;
    }
    existing ??= byHouseholdName.get(personKey);
    if (existing && seenPerson.has(existing.id)) {
      fail(row, 'name', 'duplicate_person', { value: row.name, otherRow: seenPerson.get(existing.id)! });
      continue;
    }

    let organisationId: string | null = null;
    if (row.organisation !== null) {
      const orgs = organisations.get(row.organisation) ?? [];
      if (orgs.length !== 1) {
        fail(row, 'organisation', orgs.length === 0 ? 'organisation_not_found' : 'organisation_ambiguous', {
          value: row.organisation,
        });
        continue;
      }
      organisationId = orgs[0]!.id;
    }

    if (row.phone !== null) seenPhone.set(row.phone, row.row);
    seenPerson.set(personKey, row.row);
    let changed = created > 0;

    // Empty cells keep what is known: an import adds and corrects, it never erases by omission.
    const person: PersonRecord = {
      id: existing?.id ?? newId(),
      name: row.name,
      phone: row.phone ?? existing?.phone ?? null,
      gender: row.gender ?? existing?.gender ?? null,
      birthYear: row.birthYear ?? existing?.birthYear ?? null,
      householdId,
      note: row.note ?? existing?.note ?? null,
      archived: false,
    };
    seenPerson.set(person.id, row.row);
    if (!existing) {
      plan.newPeople.push(person);
      changed = true;
    } else if (!samePerson(existing, person)) {
      plan.changedPeople.push(person);
      changed = true;
    }

    if (row.partyKind !== null) {
      const before = existing ? members.get(existing.id) : undefined;
      const member: MemberRecord = {
        personId: person.id,
        kind: row.partyKind,
        organisationId: organisationId ?? before?.organisationId ?? null,
        workUnit: row.workUnit ?? before?.workUnit ?? null,
        ended: false,
      };
      if (!before) {
        plan.newMembers.push(member);
        changed = true;
      } else if (!sameMember(before, member)) {
        plan.changedMembers.push(member);
        changed = true;
      }
    }
    if (!changed) plan.counts.unchanged++;
  }

  plan.counts.places = plan.newPlaces.length;
  plan.counts.residents = plan.newPeople.length + plan.changedPeople.length;
  plan.counts.partyMembers = plan.newMembers.length + plan.changedMembers.length;
  return plan;
}
