import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canContain,
  childKindsOf,
  childPath,
  isCommunityOwned,
  isWithin,
  PLACE_KINDS,
  type PlaceKind,
  pathIds,
} from './places.js';

describe('canContain', () => {
  it.each<[PlaceKind | null, PlaceKind]>([
    [null, 'district'],
    ['district', 'street'],
    ['street', 'community'],
    ['community', 'compound'],
    ['compound', 'building'],
    ['building', 'unit'],
    ['building', 'household'],
    ['unit', 'household'],
  ])('lets a %s hold a %s', (parent, child) => {
    expect(canContain(parent, child)).toBe(true);
  });

  it.each<[PlaceKind | null, PlaceKind]>([
    [null, 'street'],
    [null, 'household'],
    ['district', 'community'],
    ['district', 'district'],
    ['community', 'building'],
    ['community', 'community'],
    ['compound', 'household'],
    ['compound', 'unit'],
    ['unit', 'unit'],
    ['unit', 'building'],
    ['household', 'household'],
    ['building', 'compound'],
  ])('refuses a %s holding a %s', (parent, child) => {
    expect(canContain(parent, child)).toBe(false);
  });

  it('agrees with childKindsOf for every pair, and nothing holds a kind above itself', () => {
    for (const parent of PLACE_KINDS) {
      for (const child of PLACE_KINDS) {
        expect(canContain(parent, child)).toBe(childKindsOf(parent).includes(child));
        if (canContain(parent, child))
          expect(PLACE_KINDS.indexOf(child)).toBeGreaterThan(PLACE_KINDS.indexOf(parent));
      }
    }
  });

  it('marks the community and everything below it as community-owned', () => {
    expect(PLACE_KINDS.filter(isCommunityOwned)).toEqual([
      'community',
      'compound',
      'building',
      'unit',
      'household',
    ]);
  });
});

describe('paths', () => {
  const id = fc.stringMatching(/^[a-z0-9]{1,6}$/);

  it('puts a child inside its parent and its parent not inside the child', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 6 }), id, (ids, child) => {
        const parent = ids.reduce((p, x) => childPath(p, x), '/');
        const path = childPath(parent, child);
        expect(isWithin(path, parent)).toBe(true);
        expect(isWithin(path, path)).toBe(true);
        expect(isWithin(parent, path)).toBe(false);
        expect(pathIds(path)).toEqual([...ids, child]);
      }),
    );
  });

  it('does not confuse a sibling whose id starts with the same characters', () => {
    const compound = childPath('/d/', 'a');
    expect(isWithin(childPath('/d/', 'ab'), compound)).toBe(false);
    expect(isWithin(childPath(childPath('/d/', 'ab'), 'x'), compound)).toBe(false);
    expect(isWithin(childPath(compound, 'b'), compound)).toBe(true);
  });

  it('reads ids root first', () => {
    expect(pathIds('/a/b/c/')).toEqual(['a', 'b', 'c']);
    expect(pathIds('/')).toEqual([]);
  });
});
