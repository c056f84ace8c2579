/** Standards (规范) S1–S7, SPEC.md §3. Thresholds are configurable per district; these are the source's defaults. */

export const STANDARD_IDS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'] as const;
export type StandardId = (typeof STANDARD_IDS)[number];

export interface StandardsThresholds {
  /** S1: resident party members in a compound from which it should have a compound branch. */
  branchMinMembers: number;
  /** S3: compounds one instructor may be linked to at most (a hard limit, enforced on change). */
  instructorMaxCompounds: number;
  /** S4: minimum area of a living room in m². */
  livingRoomMinArea: number;
  /** S5: party members in a building from which it should have its own building group. */
  buildingGroupMinMembers: number;
  /** S7: days between plenary meetings of the big committee (a quarter). */
  plenaryMaxDays: number;
}

export const DEFAULT_THRESHOLDS: StandardsThresholds = {
  branchMinMembers: 3,
  instructorMaxCompounds: 3,
  livingRoomMinArea: 100,
  buildingGroupMinMembers: 3,
  plenaryMaxDays: 92,
};

export const STANDARD_THRESHOLD_KEYS = Object.keys(DEFAULT_THRESHOLDS) as (keyof StandardsThresholds)[];
