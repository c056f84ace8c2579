/** The places tree: district → street → community → compound → building → unit (optional) → household. */

export const PLACE_KINDS = [
  'district',
  'street',
  'community',
  'compound',
  'building',
  'unit',
  'household',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** Which kinds may stand directly under each kind. A household may hang under a building or a unit. */
const CHILD_KINDS: Record<PlaceKind, readonly PlaceKind[]> = {
  district: ['street'],
  street: ['community'],
  community: ['compound'],
  compound: ['building'],
  building: ['unit', 'household'],
  unit: ['household'],
  household: [],
};

export function childKindsOf(kind: PlaceKind): readonly PlaceKind[] {
  return CHILD_KINDS[kind];
}

/** Whether a place of `child` kind may be created or moved directly under a place of `parent` kind. */
export function canContain(parent: PlaceKind | null, child: PlaceKind): boolean {
  if (parent === null) return child === 'district';
  return CHILD_KINDS[parent].includes(child);
}

/** Kinds at or below the community level carry a community id: the unit of data isolation. */
export function isCommunityOwned(kind: PlaceKind): boolean {
  return PLACE_KINDS.indexOf(kind) >= PLACE_KINDS.indexOf('community');
}

/**
 * Materialised path of a place: the ids from the root down to the place itself, each followed by "/".
 * A place's subtree is every place whose path starts with its own.
 */
export function childPath(parentPath: string, id: string): string {
  return `${parentPath}${id}/`;
}

export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** Ids on a path, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}
