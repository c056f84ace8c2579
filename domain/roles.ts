import type { PlaceKind } from './places.js';

/** Roles are granted on a scope (a place) and reach its whole subtree. */
export const ROLES = [
  'resident',
  'volunteer',
  'party_member',
  'building_leader',
  'group_leader',
  'branch_secretary',
  'instructor',
  'community_staff',
  'partner_contact',
  'street_admin',
  'district_admin',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The kinds of place each role may be granted on. The system admin's grant has no place: it reaches all. */
export const ROLE_SCOPE_KINDS: Record<Role, readonly PlaceKind[]> = {
  resident: ['household'],
  volunteer: ['building', 'compound'],
  party_member: ['household', 'community'],
  building_leader: ['building'],
  group_leader: ['building', 'compound'],
  branch_secretary: ['compound'],
  instructor: ['compound'],
  community_staff: ['community'],
  partner_contact: ['community', 'street'],
  street_admin: ['street'],
  district_admin: ['district'],
  system_admin: [],
};

/**
 * Everything a route may require. `public` needs nothing; `session` needs only a signed-in caller;
 * the rest are checked against the caller's grants on the place the route acts on.
 */
export const PERMISSIONS = [
  'places.read',
  'places.manage',
  'bindings.decide',
  'audit.read',
  'grants.read',
  'grants.manage',
  'people.read',
  'people.manage',
  'org.read',
  'org.manage',
  'standards.read',
  'settings.manage',
  'partners.read',
  'partners.manage',
  'lighting.manage',
  'rosters.manage',
  'needs.post',
  'needs.read',
  'needs.serve',
  'needs.manage',
  'needs.follow_up',
  'open311.manage',
  'members.read',
  'members.manage',
  'whistles.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Access = 'public' | 'session' | Permission;

const EVERYONE: readonly Role[] = ROLES;
const STAFF_AND_ADMINS: readonly Role[] = [
  'community_staff',
  'street_admin',
  'district_admin',
  'system_admin',
];

/** Default role → permission matrix (SPEC.md §2 "Who does what"). */
const GRANTED_BY: Record<Permission, readonly Role[]> = {
  'places.read': EVERYONE,
  'places.manage': ['community_staff', 'system_admin'],
  'bindings.decide': ['building_leader', 'community_staff', 'system_admin'],
  'audit.read': STAFF_AND_ADMINS,
  'grants.read': STAFF_AND_ADMINS,
  'grants.manage': ['community_staff', 'system_admin'],
  'people.read': [...STAFF_AND_ADMINS, 'building_leader', 'group_leader', 'branch_secretary', 'instructor'],
  'people.manage': ['community_staff', 'system_admin'],
  'org.read': ROLES.filter((r) => r !== 'resident'),
  'org.manage': ['community_staff', 'branch_secretary', 'system_admin'],
  'standards.read': [...STAFF_AND_ADMINS, 'branch_secretary', 'instructor'],
  'settings.manage': ['district_admin', 'system_admin'],
  'partners.read': [...STAFF_AND_ADMINS, 'partner_contact', 'branch_secretary'],
  'partners.manage': ['community_staff', 'district_admin', 'system_admin'],
  'lighting.manage': ['community_staff', 'system_admin'],
  'rosters.manage': ['community_staff', 'system_admin'],
  // Needs (C1). Residents post for their household; leaders and staff post for a resident who cannot.
  'needs.post': [
    'resident',
    'party_member',
    'building_leader',
    'group_leader',
    'community_staff',
    'system_admin',
  ],
  // The needs board of a place (which needs a volunteer sees is decided per need by its audience).
  'needs.read': [...STAFF_AND_ADMINS, 'building_leader', 'group_leader', 'branch_secretary', 'instructor'],
  'needs.serve': [
    'volunteer',
    'party_member',
    'building_leader',
    'group_leader',
    'branch_secretary',
    'community_staff',
    'partner_contact',
    'system_admin',
  ],
  'needs.manage': ['community_staff', 'system_admin'],
  'needs.follow_up': ['building_leader', 'group_leader', 'community_staff', 'system_admin'],
  'open311.manage': ['community_staff', 'district_admin', 'system_admin'],
  // Whistle and report (C2): report-ins, posts, small matters and service records of a place.
  'members.read': STAFF_AND_ADMINS,
  'members.manage': ['community_staff', 'system_admin'],
  'whistles.manage': ['community_staff', 'system_admin'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return GRANTED_BY[permission].includes(role);
}

/**
 * Roles a grantor may hand out. Community staff may grant the roles that live inside a community
 * (not staff, admins or system admin); a system admin may grant any role.
 */
const GRANTABLE_BY: Partial<Record<Role, readonly Role[]>> = {
  community_staff: [
    'resident',
    'volunteer',
    'party_member',
    'building_leader',
    'group_leader',
    'branch_secretary',
    'instructor',
    'partner_contact',
  ],
  system_admin: ROLES,
};

export function canGrant(grantor: Role, role: Role): boolean {
  return GRANTABLE_BY[grantor]?.includes(role) ?? false;
}

export function canHoldRoleOn(role: Role, kind: PlaceKind | null): boolean {
  if (role === 'system_admin') return kind === null;
  return kind !== null && ROLE_SCOPE_KINDS[role].includes(kind);
}
