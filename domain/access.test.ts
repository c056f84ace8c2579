import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideAccess, type GrantScope, holdsRoleOver } from './access.js';
import { pathIds } from './places.js';
import { PERMISSIONS, ROLES, roleHas } from './roles.js';

// A small alphabet of ids, some of which are prefixes of others ("a", "ab"), so string tricks would show.
const id = fc.constantFrom('a', 'ab', 'b', 'ba', 'c', 'abc');
const path = fc.array(id, { minLength: 1, maxLength: 5 }).map((ids) => `/${ids.join('/')}/`);
const grant: fc.Arbitrary<GrantScope> = fc.record({
  role: fc.constantFrom(...ROLES),
  placePath: fc.option(path, { freq: 8 }),
});
const permission = fc.constantFrom(...PERMISSIONS);

/** The oracle, independent of string prefixes: a grant reaches a place whose ids begin with the grant's ids. */
function reaches(g: GrantScope, target: string | null): boolean {
  if (g.placePath === null) return true;
  if (target === null) return false;
  const mine = pathIds(g.placePath);
  const theirs = pathIds(target);
  return mine.length <= theirs.length && mine.every((x, i) => theirs[i] === x);
}

describe('decideAccess', () => {
  it('allows only when some grant reaches the place and carries the permission', () => {
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 6 }), permission, fc.option(path), (grants, perm, target) => {
        const decision = decideAccess(grants, perm, target);
        const entitled = grants.some((g) => reaches(g, target) && roleHas(g.role, perm));
        expect(decision === 'allow').toBe(entitled);
      }),
      { numRuns: 2000 },
    );
  });

  it('answers not_found for a place no grant reaches, and forbidden when one reaches without the permission', () => {
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 6 }), permission, path, (grants, perm, target) => {
        const decision = decideAccess(grants, perm, target);
        if (!grants.some((g) => reaches(g, target))) expect(decision).toBe('not_found');
        else
          expect(decision).toBe(
            grants.some((g) => reaches(g, target) && roleHas(g.role, perm)) ? 'allow' : 'forbidden',
          );
      }),
      { numRuns: 2000 },
    );
  });

  it('never answers not_found for a system-wide action (there is no object to hide)', () => {
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 6 }), permission, (grants, perm) => {
        expect(decideAccess(grants, perm, null)).not.toBe('not_found');
      }),
    );
  });

  it('works the examples', () => {
    const staff: GrantScope = { role: 'community_staff', placePath: '/d/s/c/' };
    const resident: GrantScope = { role: 'resident', placePath: '/d/s/c/p/b/h1/' };
    expect(decideAccess([staff], 'places.manage', '/d/s/c/p/')).toBe('allow');
    expect(decideAccess([staff], 'places.manage', '/d/s/c2/p/')).toBe('not_found');
    expect(decideAccess([staff], 'places.manage', '/d/s/')).toBe('not_found');
    expect(decideAccess([staff], 'places.manage', null)).toBe('forbidden');
    expect(decideAccess([resident], 'places.read', '/d/s/c/p/b/h1/')).toBe('allow');
    expect(decideAccess([resident], 'places.manage', '/d/s/c/p/b/h1/')).toBe('forbidden');
    expect(decideAccess([resident], 'places.read', '/d/s/c/p/b/h2/')).toBe('not_found');
    expect(decideAccess([{ role: 'system_admin', placePath: null }], 'grants.manage', null)).toBe('allow');
    expect(decideAccess([], 'places.read', '/d/')).toBe('not_found');
    expect(decideAccess([], 'places.read', null)).toBe('forbidden');
  });
});

describe('holdsRoleOver', () => {
  it('holds a role over the subtree of the place it was granted on, and only there', () => {
    const leader: GrantScope = { role: 'building_leader', placePath: '/d/s/c/p/b/' };
    expect(holdsRoleOver([leader], 'building_leader', '/d/s/c/p/b/h/')).toBe(true);
    expect(holdsRoleOver([leader], 'building_leader', '/d/s/c/p/')).toBe(false);
    expect(holdsRoleOver([leader], 'community_staff', '/d/s/c/p/b/h/')).toBe(false);
    expect(holdsRoleOver([{ role: 'system_admin', placePath: null }], 'system_admin', '/x/')).toBe(true);
  });
});
