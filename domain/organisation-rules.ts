import {
  ORGANISATION_PLACE_KIND,
  type OrganisationKind,
  type PositionTitle,
  type RedButlerKind,
} from './organisation.js';
import type { PlaceKind } from './places.js';

/** Rules of the four-level organisation (SPEC.md §2): pure, so the service and the console agree. */

/** The kind of organisation each kind hangs under: a branch under the big committee, a group under its branch. */
export const PARENT_KIND: Record<OrganisationKind, OrganisationKind | null> = {
  big_committee: null,
  compound_branch: 'big_committee',
  building_group: 'compound_branch',
  joint_group: 'compound_branch',
};

/** Whether an organisation of this kind may stand on a place of this kind. */
export function standsOn(kind: OrganisationKind, placeKind: PlaceKind): boolean {
  return ORGANISATION_PLACE_KIND[kind] === placeKind;
}

/** Kinds of which a place holds at most one live organisation: one big committee, one branch per compound. */
export function isOnePerPlace(kind: OrganisationKind): boolean {
  return kind === 'big_committee' || kind === 'compound_branch' || kind === 'building_group';
}

export function isGroup(kind: OrganisationKind): kind is 'building_group' | 'joint_group' {
  return kind === 'building_group' || kind === 'joint_group';
}

/** The positions each kind of organisation has. */
export const POSITIONS_OF: Record<OrganisationKind, readonly PositionTitle[]> = {
  big_committee: ['secretary', 'deputy_secretary', 'committee_member', 'partner_seat'],
  compound_branch: ['secretary', 'deputy_secretary', 'committee_member'],
  building_group: ['group_leader', 'pioneer_post'],
  joint_group: ['group_leader', 'pioneer_post'],
};

/** Positions an organisation must have filled; an empty one is a vacancy (S6 reads the pioneer post). */
export const REQUIRED_POSITIONS: Record<OrganisationKind, readonly PositionTitle[]> = {
  big_committee: ['secretary'],
  compound_branch: ['secretary'],
  building_group: ['group_leader', 'pioneer_post'],
  joint_group: ['group_leader', 'pioneer_post'],
};

/**
 * Whether a title is held by one person at a time in this kind of organisation (appointing a new
 * holder ends the old one). A joint group may have a pioneer post for each of its buildings.
 */
export function isSingleHolder(kind: OrganisationKind, title: PositionTitle): boolean {
  if (title === 'secretary' || title === 'group_leader') return true;
  return title === 'pioneer_post' && kind === 'building_group';
}

/** The required titles no live position fills. */
export function vacanciesOf(kind: OrganisationKind, liveTitles: readonly string[]): PositionTitle[] {
  return REQUIRED_POSITIONS[kind].filter((t) => !liveTitles.includes(t));
}

export interface BuildingRef {
  id: string;
  kind: PlaceKind;
  parentId: string | null;
  name: string;
}

export interface BuildingProblem {
  /** `grouped`: the building is covered by another live group; `invalid`: it cannot be covered at all. */
  kind: 'invalid' | 'grouped';
  message: string;
}

/**
 * Problems with the buildings a group would cover (empty when fine): each must be a building of the
 * group's compound, a joint group covers at least two, a building group exactly one, and a building
 * sits in at most one live group (`groupedElsewhere` names the buildings already covered by another).
 */
export function buildingProblems(
  kind: 'building_group' | 'joint_group',
  compoundId: string,
  buildings: readonly BuildingRef[],
  groupedElsewhere: ReadonlySet<string>,
): BuildingProblem[] {
  const problems: BuildingProblem[] = [];
  const invalid = (message: string) => problems.push({ kind: 'invalid', message });
  const ids = buildings.map((b) => b.id);
  if (new Set(ids).size !== ids.length) invalid('A building is named twice.');
  if (kind === 'joint_group' && buildings.length < 2) invalid('A joint group covers at least two buildings.');
  if (kind === 'building_group' && buildings.length !== 1) invalid('A building group covers one building.');
  for (const b of buildings) {
    if (b.kind !== 'building' || b.parentId !== compoundId) {
      invalid(`${b.name} is not a building of this compound.`);
    } else if (groupedElsewhere.has(b.id)) {
      problems.push({
        kind: 'grouped',
        message: `${b.name} is already covered by another group: change or dissolve that one first.`,
      });
    }
  }
  return problems;
}

/** Why two groups cannot merge, or null: both live party groups of the same compound, and not the same one. */
export function mergeProblem(
  from: { id: string; kind: OrganisationKind; parentId: string | null; dissolved: boolean },
  into: { id: string; kind: OrganisationKind; parentId: string | null; dissolved: boolean },
): string | null {
  if (from.id === into.id) return 'A group cannot be merged into itself.';
  if (!isGroup(from.kind) || !isGroup(into.kind)) return 'Only building and joint groups can be merged.';
  if (from.dissolved || into.dissolved) return 'Both groups must still be active.';
  if (from.parentId !== into.parentId) return 'Only groups of the same compound branch can be merged.';
  return null;
}

/** S3 on change: whether one more compound link would pass the limit. */
export function instructorLinkAllowed(currentCompounds: number, max: number): boolean {
  return currentCompounds + 1 <= max;
}

export function instructorLimitMessage(name: string, current: number, max: number): string {
  return `${name} is already linked to ${current} compounds (the limit is ${max}): unlink one first.`;
}

/** Who may serve on a red butler team (红管家): open to non-members. */
export function isRedButlerKind(kind: string): kind is RedButlerKind {
  return ['party_member', 'owners_committee', 'property_staff', 'resident'].includes(kind);
}

export const OWNERS_COMMITTEE_ROLES = ['chair', 'member'] as const;
export type OwnersCommitteeRole = (typeof OWNERS_COMMITTEE_ROLES)[number];
