/**
 * Standards S1–S7 (SPEC.md §3) as pure rules over a snapshot of one scope. The repository loads the
 * snapshot with a few set-based queries; these functions decide which rules hold and, for each break,
 * the place and the action that would fix it. Every violation carries a stable `code` and `params`
 * (for the console to say it in any language) and an English `message` (the API's fixed point).
 */
import type { LivingRoomFunction, OrganisationKind } from './organisation.js';
import { LIVING_ROOM_FUNCTIONS } from './organisation.js';
import type { PlaceKind } from './places.js';
import { STANDARD_IDS, type StandardId, type StandardsThresholds } from './standards.js';

export interface SnapshotPlace {
  id: string;
  parentId: string | null;
  kind: PlaceKind;
  name: string;
  path: string;
}

export interface SnapshotPosition {
  /** secretary | deputy_secretary | committee_member | group_leader | pioneer_post | partner_seat */
  title: string;
  personId: string | null;
  personName: string | null;
}

export interface SnapshotOrganisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  /** The community, compound or building it stands on. */
  placeId: string;
  /** Buildings it covers (a building group covers its own building even when this list is empty). */
  buildingIds: string[];
  positions: SnapshotPosition[];
}

export interface SnapshotInstructorLink {
  id: string;
  personId: string;
  personName: string;
  compoundId: string;
  startedAt: string;
}

export interface SnapshotLivingRoom {
  id: string;
  placeId: string;
  name: string;
  areaM2: number;
  hasLogo: boolean;
  functions: readonly string[];
}

export interface SnapshotChair {
  compoundId: string;
  personId: string;
  personName: string;
}

/** Everything the rules read about one scope (a place and its subtree). */
export interface StandardsSnapshot {
  /** ISO time the rules are evaluated at (S7). */
  now: string;
  /** Path of the scope place: rules speak only of places inside it. */
  scopePath: string;
  /** Live places from district down to building: the scope's subtree and its ancestors. */
  places: SnapshotPlace[];
  /** Resident party members living in each building (by building id; absent means none). */
  residentMembersByBuilding: Readonly<Record<string, number>>;
  /** Live organisations of the communities the scope touches. */
  organisations: SnapshotOrganisation[];
  /** Current owners'-committee chairs. */
  ownersCommitteeChairs: SnapshotChair[];
  /** Current instructor links of every instructor linked to a compound of the scope (all their links). */
  instructorLinks: SnapshotInstructorLink[];
  /** Live living rooms. */
  livingRooms: SnapshotLivingRoom[];
  /** When each community's big committee last met in plenary (by community id), if ever. */
  lastPlenaryByCommunity: Readonly<Record<string, string>>;
}

export type RuleStatus = 'holds' | 'broken' | 'advisory';

export const VIOLATION_CODES = [
  'S1_NO_BRANCH',
  'S2_CHAIR_NOT_SECRETARY',
  'S3_TOO_MANY_COMPOUNDS',
  'S4_LIVING_ROOM_SHORT',
  'S5_BUILDING_UNCOVERED',
  'S5_BUILDINGS_UNCOVERED',
  'S5_NEEDS_OWN_GROUP',
  'S6_NO_PIONEER_POST',
  'S7_NO_BIG_COMMITTEE',
  'S7_NO_PLENARY',
  'S7_PLENARY_OVERDUE',
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

export type ViolationParam = string | number | string[];

export interface Violation {
  placeId: string;
  code: ViolationCode;
  params: Record<string, ViolationParam>;
  message: string;
}

export interface RuleResult {
  id: StandardId;
  status: RuleStatus;
  /** How many things the rule looked at (compounds, instructors, rooms, buildings, groups, communities). */
  checked: number;
  violations: Violation[];
  /** S2 only: compounds where one person holds both posts, of those with both a chair and a secretary. */
  rate?: { matching: number; total: number };
}

const FUNCTION_NAMES_EN: Record<LivingRoomFunction, string> = {
  meet: 'meet neighbours',
  gather: 'gather activities',
  benefit: 'benefit daily life',
  read: 'wise reading room',
  showcase: 'showcase',
};

const DAY_MS = 86_400_000;

/** Places of the snapshot, indexed, with the names the messages use. */
class PlaceIndex {
  readonly byId = new Map<string, SnapshotPlace>();
  constructor(
    places: readonly SnapshotPlace[],
    private readonly scopePath: string,
  ) {
    for (const p of places) this.byId.set(p.id, p);
  }
  inScope(id: string): boolean {
    const p = this.byId.get(id);
    return p !== undefined && p.path.startsWith(this.scopePath);
  }
  ofKind(kind: PlaceKind): SnapshotPlace[] {
    return [...this.byId.values()].filter((p) => p.kind === kind && p.path.startsWith(this.scopePath));
  }
  name(id: string): string {
    return this.byId.get(id)?.name ?? id;
  }
  /** "颐景名苑 4幢" for a building; the plain name for anything else. */
  label(id: string): string {
    const p = this.byId.get(id);
    if (!p) return id;
    if (p.kind === 'building' && p.parentId) return `${this.name(p.parentId)} ${p.name}`;
    return p.name;
  }
}

function result(id: StandardId, checked: number, violations: Violation[], advisory = false): RuleResult {
  return {
    id,
    status: advisory ? 'advisory' : violations.length > 0 ? 'broken' : 'holds',
    checked,
    violations,
  };
}

function byName(places: PlaceIndex) {
  return (a: { placeId: string }, b: { placeId: string }) =>
    places.label(a.placeId).localeCompare(places.label(b.placeId), 'zh-CN');
}

function membersByCompound(s: StandardsSnapshot, places: PlaceIndex): Map<string, number> {
  const out = new Map<string, number>();
  for (const [buildingId, n] of Object.entries(s.residentMembersByBuilding)) {
    const compoundId = places.byId.get(buildingId)?.parentId;
    if (compoundId) out.set(compoundId, (out.get(compoundId) ?? 0) + n);
  }
  return out;
}

function orgsOfKind(s: StandardsSnapshot, kind: OrganisationKind) {
  return s.organisations.filter((o) => o.kind === kind);
}

function holderOf(org: SnapshotOrganisation, title: string): SnapshotPosition | undefined {
  return org.positions.find((p) => p.title === title && p.personId !== null);
}

/** S1: a compound with at least `branchMinMembers` resident party members has a compound branch. */
export function checkS1(s: StandardsSnapshot, t: StandardsThresholds, places = indexOf(s)): RuleResult {
  const members = membersByCompound(s, places);
  const withBranch = new Set(orgsOfKind(s, 'compound_branch').map((o) => o.placeId));
  const compounds = places.ofKind('compound');
  const violations: Violation[] = [];
  for (const c of compounds) {
    const n = members.get(c.id) ?? 0;
    if (n >= t.branchMinMembers && !withBranch.has(c.id)) {
      violations.push({
        placeId: c.id,
        code: 'S1_NO_BRANCH',
        params: { place: c.name, members: n, min: t.branchMinMembers },
        message: `${c.name} has ${n} resident party members and no branch: set up a compound branch.`,
      });
    }
  }
  return result('S1', compounds.length, violations.sort(byName(places)));
}

/** S2 (advisory): the owners'-committee chair and the branch secretary are the same person, as a rate. */
export function checkS2(s: StandardsSnapshot, _t: StandardsThresholds, places = indexOf(s)): RuleResult {
  const secretaries = new Map<string, SnapshotPosition>();
  for (const b of orgsOfKind(s, 'compound_branch')) {
    const sec = holderOf(b, 'secretary');
    if (sec && places.inScope(b.placeId)) secretaries.set(b.placeId, sec);
  }
  const violations: Violation[] = [];
  let total = 0;
  let matching = 0;
  const seen = new Set<string>();
  for (const chair of s.ownersCommitteeChairs) {
    const sec = secretaries.get(chair.compoundId);
    if (!sec || seen.has(chair.compoundId) || !places.inScope(chair.compoundId)) continue;
    seen.add(chair.compoundId);
    total++;
    if (sec.personId === chair.personId) {
      matching++;
      continue;
    }
    const place = places.name(chair.compoundId);
    const secretary = sec.personName ?? '';
    violations.push({
      placeId: chair.compoundId,
      code: 'S2_CHAIR_NOT_SECRETARY',
      params: { place, chair: chair.personName, secretary },
      message:
        `${place}: the owners'-committee chair (${chair.personName}) is not the branch secretary ` +
        `(${secretary}): consider one person holding both posts at the next election.`,
    });
  }
  return {
    ...result('S2', total, violations.sort(byName(places)), true),
    rate: { matching, total },
  };
}

/**
 * S3: an instructor is linked to at most `instructorMaxCompounds` compounds. The links beyond the
 * limit (latest first linked, last) are the breaks, each at the compound that is one too many.
 */
export function checkS3(s: StandardsSnapshot, t: StandardsThresholds, places = indexOf(s)): RuleResult {
  const byPerson = new Map<string, SnapshotInstructorLink[]>();
  for (const l of s.instructorLinks) {
    const list = byPerson.get(l.personId) ?? [];
    if (!list.some((x) => x.compoundId === l.compoundId)) list.push(l);
    byPerson.set(l.personId, list);
  }
  const violations: Violation[] = [];
  let checked = 0;
  for (const links of byPerson.values()) {
    if (!links.some((l) => places.inScope(l.compoundId))) continue;
    checked++;
    if (links.length <= t.instructorMaxCompounds) continue;
    // Linked at the same moment (a roster import, a seed): the order of names decides, not chance.
    links.sort(
      (a, b) =>
        a.startedAt.localeCompare(b.startedAt) ||
        places.name(a.compoundId).localeCompare(places.name(b.compoundId), 'zh-CN', { numeric: true }) ||
        a.id.localeCompare(b.id),
    );
    const compounds = links.map((l) => places.name(l.compoundId));
    for (const extra of links.slice(t.instructorMaxCompounds)) {
      if (!places.inScope(extra.compoundId)) continue;
      const place = places.name(extra.compoundId);
      violations.push({
        placeId: extra.compoundId,
        code: 'S3_TOO_MANY_COMPOUNDS',
        params: {
          place,
          instructor: extra.personName,
          count: links.length,
          max: t.instructorMaxCompounds,
          compounds,
        },
        message:
          `Instructor ${extra.personName} is linked to ${links.length} compounds (${compounds.join(', ')}), ` +
          `more than ${t.instructorMaxCompounds}: give ${place} another instructor.`,
      });
    }
  }
  return result('S3', checked, violations.sort(byName(places)));
}

/** S4: a living room is at least `livingRoomMinArea` m², has its own logo and offers the five functions. */
export function checkS4(s: StandardsSnapshot, t: StandardsThresholds, places = indexOf(s)): RuleResult {
  const rooms = s.livingRooms.filter((r) => places.inScope(r.placeId));
  const violations: Violation[] = [];
  for (const r of rooms) {
    const small = r.areaM2 < t.livingRoomMinArea;
    const missing = LIVING_ROOM_FUNCTIONS.filter((f) => !r.functions.includes(f));
    if (!small && r.hasLogo && missing.length === 0) continue;
    const place = places.name(r.placeId);
    const problems: string[] = [];
    const fixes: string[] = [];
    if (small) {
      problems.push(`is ${r.areaM2} m² (at least ${t.livingRoomMinArea} m² needed)`);
      fixes.push('find a larger space');
    }
    if (!r.hasLogo) {
      problems.push('has no logo of its own');
      fixes.push('put up its own logo');
    }
    if (missing.length > 0) {
      const names = missing.map((f) => FUNCTION_NAMES_EN[f]).join(', ');
      problems.push(`lacks ${names}`);
      fixes.push(`add ${names}`);
    }
    violations.push({
      placeId: r.placeId,
      code: 'S4_LIVING_ROOM_SHORT',
      params: {
        place,
        roomId: r.id,
        room: r.name,
        area: r.areaM2,
        minArea: t.livingRoomMinArea,
        tooSmall: small ? 1 : 0,
        noLogo: r.hasLogo ? 0 : 1,
        missing,
      },
      message: `The living room “${r.name}” of ${place} ${problems.join(' and ')}: ${fixes.join(', ')}.`,
    });
  }
  return result('S4', rooms.length, violations.sort(byName(places)));
}

/**
 * S5: a building with at least `buildingGroupMinMembers` resident members has its own building group;
 * every other building belongs to a group (a joint group will do). Uncovered buildings of one compound
 * are reported together at the compound, or at the building when it is the only one.
 */
export function checkS5(s: StandardsSnapshot, t: StandardsThresholds, places = indexOf(s)): RuleResult {
  const ownGroup = new Set<string>();
  const anyGroup = new Set<string>();
  for (const o of s.organisations) {
    if (o.kind === 'building_group') {
      for (const b of new Set([o.placeId, ...o.buildingIds])) {
        ownGroup.add(b);
        anyGroup.add(b);
      }
    } else if (o.kind === 'joint_group') {
      for (const b of o.buildingIds) anyGroup.add(b);
    }
  }
  const buildings = places.ofKind('building');
  const uncovered = new Map<string, SnapshotPlace[]>();
  const violations: Violation[] = [];
  for (const b of buildings) {
    const n = s.residentMembersByBuilding[b.id] ?? 0;
    if (!anyGroup.has(b.id)) {
      const key = b.parentId ?? b.id;
      uncovered.set(key, [...(uncovered.get(key) ?? []), b]);
    } else if (n >= t.buildingGroupMinMembers && !ownGroup.has(b.id)) {
      const place = places.label(b.id);
      violations.push({
        placeId: b.id,
        code: 'S5_NEEDS_OWN_GROUP',
        params: { place, members: n, min: t.buildingGroupMinMembers },
        message: `${place} has ${n} resident party members but only sits in a joint group: set up its own building group.`,
      });
    }
  }
  for (const [compoundId, list] of uncovered) {
    if (list.length === 1) {
      const b = list[0]!;
      const n = s.residentMembersByBuilding[b.id] ?? 0;
      const place = places.label(b.id);
      const own = n >= t.buildingGroupMinMembers;
      violations.push({
        placeId: b.id,
        code: 'S5_BUILDING_UNCOVERED',
        params: { place, members: n, min: t.buildingGroupMinMembers, ownGroup: own ? 1 : 0 },
        message: own
          ? `${place} has ${n} resident party members and no party group: set up a building group.`
          : `${place} is covered by no party group: add it to a joint group.`,
      });
      continue;
    }
    const compound = places.name(compoundId);
    const names = list.map((b) => b.name).sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }));
    violations.push({
      placeId: compoundId,
      code: 'S5_BUILDINGS_UNCOVERED',
      params: { place: compound, count: list.length, buildings: names },
      message:
        `${compound}: ${list.length} buildings (${names.join(', ')}) are covered by no party group: ` +
        `set up building groups or joint groups for them.`,
    });
  }
  return result('S5', buildings.length, violations.sort(byName(places)));
}

/** S6: every building group and joint group has its building-leader pioneer post filled. */
export function checkS6(s: StandardsSnapshot, _t: StandardsThresholds, places = indexOf(s)): RuleResult {
  const groups = s.organisations.filter(
    (o) => (o.kind === 'building_group' || o.kind === 'joint_group') && places.inScope(o.placeId),
  );
  const violations: Violation[] = [];
  for (const g of groups) {
    if (holderOf(g, 'pioneer_post')) continue;
    const place = places.label(g.placeId);
    violations.push({
      placeId: g.placeId,
      code: 'S6_NO_PIONEER_POST',
      params: { place, group: g.name, kind: g.kind },
      message: `${g.name} (${place}) has no building-leader pioneer post: appoint a party member to it.`,
    });
  }
  return result('S6', groups.length, violations.sort(byName(places)));
}

/** S7: each community's big committee has met in plenary within the last `plenaryMaxDays` days. */
export function checkS7(s: StandardsSnapshot, t: StandardsThresholds, places = indexOf(s)): RuleResult {
  const committees = new Set(orgsOfKind(s, 'big_committee').map((o) => o.placeId));
  const communities = places.ofKind('community');
  const now = Date.parse(s.now);
  const violations: Violation[] = [];
  for (const c of communities) {
    if (!committees.has(c.id)) {
      violations.push({
        placeId: c.id,
        code: 'S7_NO_BIG_COMMITTEE',
        params: { place: c.name },
        message: `${c.name} has no big committee: set up the community's big party committee.`,
      });
      continue;
    }
    const last = s.lastPlenaryByCommunity[c.id];
    if (last === undefined) {
      violations.push({
        placeId: c.id,
        code: 'S7_NO_PLENARY',
        params: { place: c.name, max: t.plenaryMaxDays },
        message: `${c.name}'s big committee has held no plenary meeting: hold one this quarter.`,
      });
      continue;
    }
    const days = Math.floor((now - Date.parse(last)) / DAY_MS);
    if (days > t.plenaryMaxDays) {
      violations.push({
        placeId: c.id,
        code: 'S7_PLENARY_OVERDUE',
        params: { place: c.name, days, max: t.plenaryMaxDays, last },
        message: `${c.name}'s big committee last met in plenary ${days} days ago (at most ${t.plenaryMaxDays}): hold a plenary meeting.`,
      });
    }
  }
  return result('S7', communities.length, violations.sort(byName(places)));
}

function indexOf(s: StandardsSnapshot): PlaceIndex {
  return new PlaceIndex(s.places, s.scopePath);
}

const CHECKS: Record<StandardId, typeof checkS1> = {
  S1: checkS1,
  S2: checkS2,
  S3: checkS3,
  S4: checkS4,
  S5: checkS5,
  S6: checkS6,
  S7: checkS7,
};

/** Every standard, S1–S7 in order, over one scope. */
export function evaluateStandards(s: StandardsSnapshot, t: StandardsThresholds): RuleResult[] {
  const places = indexOf(s);
  return STANDARD_IDS.map((id) => CHECKS[id](s, t, places));
}

/**
 * Violations per rule under each child place (a violation counts under the child whose subtree holds
 * its place), for the drill-down table.
 */
export function countByChild(
  rules: readonly RuleResult[],
  children: readonly Pick<SnapshotPlace, 'id'>[],
  pathOf: (placeId: string) => string | undefined,
): Map<string, Record<StandardId, number>> {
  const out = new Map<string, Record<StandardId, number>>();
  for (const c of children) {
    out.set(c.id, Object.fromEntries(STANDARD_IDS.map((id) => [id, 0])) as Record<StandardId, number>);
  }
  for (const r of rules) {
    for (const v of r.violations) {
      const path = pathOf(v.placeId);
      const childId = path?.split('/').find((id) => out.has(id));
      if (childId) out.get(childId)![r.id]++;
    }
  }
  return out;
}
