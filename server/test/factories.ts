import { canContain, childPath, isCommunityOwned, PLACE_KINDS, type PlaceKind } from '../../domain/places.js';
import { ROLE_SCOPE_KINDS, type Role } from '../../domain/roles.js';
import type { Db } from '../db/index.js';
import type { PlaceRow, UserRow } from '../db/schema.js';
import { findUserById, insertUser } from '../features/auth/auth.repository.js';
import { findBinding, insertBinding } from '../features/bindings/bindings.repository.js';
import { ensureGrant } from '../features/grants/grants.service.js';
import { insertPlace } from '../features/places/places.repository.js';
import { newId } from '../lib/ids.js';
import { hashPassword } from '../lib/passwords.js';

/**
 * Factories for tests: each takes overrides and builds whatever parents are missing
 * (`buildPlace(db, { kind: 'household' })` makes the district, street, community, compound and
 * building above it). They write through the repositories, like the app does.
 */

const AT = '2026-11-29T08:00:00.000Z';
let seq = 0;
const next = () => ++seq;

/** The kind a place of `kind` hangs under by default. */
function parentKindOf(kind: PlaceKind): PlaceKind | null {
  if (kind === 'district') return null;
  if (kind === 'household') return 'building';
  return PLACE_KINDS.find((k) => canContain(k, kind)) ?? null;
}

export async function buildPlace(
  db: Db,
  overrides: { kind?: PlaceKind; parent?: PlaceRow | null; name?: string; archived?: boolean } = {},
): Promise<PlaceRow> {
  const kind = overrides.kind ?? (overrides.parent ? childKindOf(overrides.parent) : 'compound');
  let parent = overrides.parent;
  if (parent === undefined) {
    const above = parentKindOf(kind);
    parent = above === null ? null : await buildPlace(db, { kind: above });
  }
  if (!canContain((parent?.kind ?? null) as PlaceKind | null, kind)) {
    throw new Error(`factory: a ${kind} cannot stand under a ${parent?.kind ?? 'nothing'}`);
  }
  const id = newId();
  const row: PlaceRow = {
    id,
    parent_id: parent?.id ?? null,
    kind,
    name: overrides.name ?? `${kind} ${next()}`,
    path: childPath(parent?.path ?? '/', id),
    depth: (parent?.depth ?? -1) + 1,
    community_id: kind === 'community' ? id : isCommunityOwned(kind) ? (parent?.community_id ?? null) : null,
    archived_at: overrides.archived ? AT : null,
    created_at: AT,
    updated_at: AT,
  };
  await insertPlace(db.kysely, row);
  return row;
}

function childKindOf(parent: PlaceRow): PlaceKind {
  const kind = PLACE_KINDS.find((k) => canContain(parent.kind as PlaceKind, k));
  if (!kind) throw new Error(`factory: nothing stands under a ${parent.kind}`);
  return kind;
}

const hashes = new Map<string, Promise<string>>();

/** A phone number no other factory call has used (in this process). */
export function uniquePhone(): string {
  return `139${String(next()).padStart(8, '0')}`;
}

export interface BuiltUser extends UserRow {
  /** The clear-text password, for logging in. */
  password: string;
}

export async function buildUser(
  db: Db,
  overrides: {
    username?: string | null;
    phone?: string | null;
    displayName?: string;
    password?: string;
    phoneVerified?: boolean;
  } = {},
): Promise<BuiltUser> {
  const password = overrides.password ?? 'test1234';
  // argon2 is slow on purpose; one hash per distinct password keeps tests fast.
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const id = newId();
  const n = next();
  await insertUser(db.kysely, {
    id,
    username: overrides.username === undefined ? `user${n}` : overrides.username,
    phone: overrides.phone === undefined ? uniquePhone() : overrides.phone,
    phoneVerifiedAt: overrides.phoneVerified === false ? null : AT,
    displayName: overrides.displayName ?? `用户${n}`,
    passwordHash: await hashes.get(password)!,
    now: AT,
  });
  return { ...(await findUserById(db.kysely, id))!, password };
}

/** A role for a user on a place; the place defaults to a new one of the first kind the role may be held on. */
export async function buildGrant(
  db: Db,
  overrides: { role: Role; user?: BuiltUser; place?: PlaceRow | null },
): Promise<{ id: string; user: BuiltUser; place: PlaceRow | null }> {
  const user = overrides.user ?? (await buildUser(db));
  const kind = ROLE_SCOPE_KINDS[overrides.role][0];
  const place =
    overrides.place !== undefined ? overrides.place : kind ? await buildPlace(db, { kind }) : null;
  const id = await ensureGrant(db.kysely, {
    userId: user.id,
    role: overrides.role,
    place,
    by: null,
    now: AT,
  });
  return { id, user, place };
}

/** A pending request to be bound to a household. */
export async function buildBinding(
  db: Db,
  overrides: { user?: BuiltUser; household?: PlaceRow; note?: string } = {},
) {
  const user = overrides.user ?? (await buildUser(db));
  const household = overrides.household ?? (await buildPlace(db, { kind: 'household' }));
  const id = newId();
  await insertBinding(db.kysely, {
    id,
    userId: user.id,
    householdId: household.id,
    communityId: household.community_id!,
    note: overrides.note ?? null,
    now: AT,
  });
  return { ...(await findBinding(db.kysely, id))!, user, household };
}
