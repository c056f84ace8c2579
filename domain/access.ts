import { type Permission, type Role, roleHas } from './roles.js';

export interface GrantScope {
  role: Role;
  /** null for a grant that reaches everything (system admin). */
  placePath: string | null;
}

export type AccessDecision = 'allow' | 'not_found' | 'forbidden';

/**
 * The one permission rule. A grant reaches a place when the place lies in the grant's subtree.
 * A place no grant reaches does not exist for the caller (404, so existence is not revealed);
 * a place some grant reaches but none with the permission is forbidden (403).
 * `targetPath` null means a system-wide action: only grants that reach everything count.
 */
export function decideAccess(
  grants: readonly GrantScope[],
  permission: Permission,
  targetPath: string | null,
): AccessDecision {
  const reaching = grants.filter(
    (g) => g.placePath === null || (targetPath !== null && targetPath.startsWith(g.placePath)),
  );
  if (reaching.length === 0) return targetPath === null ? 'forbidden' : 'not_found';
  return reaching.some((g) => roleHas(g.role, permission)) ? 'allow' : 'forbidden';
}

/** Whether any grant of `role` reaches the place at `targetPath`. */
export function holdsRoleOver(grants: readonly GrantScope[], role: Role, targetPath: string): boolean {
  return grants.some((g) => g.role === role && (g.placePath === null || targetPath.startsWith(g.placePath)));
}
