import { describe, expect, it } from 'vitest';
import { PLACE_KINDS } from './places.js';
import { canGrant, canHoldRoleOn, PERMISSIONS, ROLE_SCOPE_KINDS, ROLES, roleHas } from './roles.js';

describe('canHoldRoleOn', () => {
  it('gives the system admin a grant without a place, and nobody else', () => {
    expect(canHoldRoleOn('system_admin', null)).toBe(true);
    for (const kind of PLACE_KINDS) expect(canHoldRoleOn('system_admin', kind)).toBe(false);
    for (const role of ROLES.filter((r) => r !== 'system_admin'))
      expect(canHoldRoleOn(role, null)).toBe(false);
  });

  it.each([
    ['resident', 'household', true],
    ['resident', 'building', false],
    ['volunteer', 'compound', true],
    ['volunteer', 'building', true],
    ['volunteer', 'household', false],
    ['building_leader', 'building', true],
    ['building_leader', 'compound', false],
    ['community_staff', 'community', true],
    ['community_staff', 'compound', false],
    ['community_staff', 'street', false],
    ['street_admin', 'street', true],
    ['district_admin', 'district', true],
    ['district_admin', 'street', false],
    ['party_member', 'household', true],
    ['party_member', 'community', true],
    ['party_member', 'building', false],
  ] as const)('%s on a %s: %s', (role, kind, expected) => {
    expect(canHoldRoleOn(role, kind)).toBe(expected);
  });

  it('matches ROLE_SCOPE_KINDS for every role and kind', () => {
    for (const role of ROLES) {
      for (const kind of PLACE_KINDS)
        expect(canHoldRoleOn(role, kind)).toBe(ROLE_SCOPE_KINDS[role].includes(kind));
    }
  });
});

describe('canGrant', () => {
  it('lets community staff hand out the roles that live inside a community, and no more', () => {
    expect(canGrant('community_staff', 'volunteer')).toBe(true);
    expect(canGrant('community_staff', 'building_leader')).toBe(true);
    expect(canGrant('community_staff', 'resident')).toBe(true);
    for (const role of ['community_staff', 'street_admin', 'district_admin', 'system_admin'] as const) {
      expect(canGrant('community_staff', role)).toBe(false);
    }
  });

  it('lets a system admin grant anything', () => {
    for (const role of ROLES) expect(canGrant('system_admin', role)).toBe(true);
  });

  it('lets no one else grant anything', () => {
    for (const grantor of ROLES.filter((r) => r !== 'community_staff' && r !== 'system_admin')) {
      for (const role of ROLES) expect(canGrant(grantor, role)).toBe(false);
    }
  });
});

describe('roleHas', () => {
  it('follows the "who does what" table', () => {
    expect(roleHas('resident', 'places.read')).toBe(true);
    expect(roleHas('resident', 'places.manage')).toBe(false);
    expect(roleHas('resident', 'bindings.decide')).toBe(false);
    expect(roleHas('building_leader', 'bindings.decide')).toBe(true);
    expect(roleHas('volunteer', 'bindings.decide')).toBe(false);
    expect(roleHas('community_staff', 'audit.read')).toBe(true);
    expect(roleHas('street_admin', 'places.manage')).toBe(false);
    expect(roleHas('street_admin', 'audit.read')).toBe(true);
    expect(roleHas('partner_contact', 'grants.read')).toBe(false);
  });

  it('gives the system admin every permission', () => {
    for (const p of PERMISSIONS) expect(roleHas('system_admin', p)).toBe(true);
  });
});
