import type { Kysely } from 'kysely';
import type { NotificationKind } from '../../../domain/contracts/notifications.js';
import { decideAccess } from '../../../domain/access.js';
import { AppError } from '../../../domain/errors.js';
import type { Permission } from '../../../domain/roles.js';
import type { Database, PlaceRow } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { newId } from '../../lib/ids.js';
import type { Caller } from '../../plugins/access.js';
import { insertNotifications } from '../notifications/notifications.repository.js';
import { notify } from '../notifications/notifications.service.js';
import { findPlace, findPlacesByIds } from '../places/places.repository.js';

// What the whistle-and-report features (members, posts, whistles, small matters, records, stats)
// share: who the caller is to a community, place labels, and telling people.

type Q = Kysely<Database>;

export function communityIdOf(place: Pick<PlaceRow, 'id' | 'kind' | 'community_id'>): string | null {
  return place.kind === 'community' ? place.id : place.community_id;
}

/** Whether the caller holds `permission` over the place at `path` (staff of the community, admins above). */
export function mayOver(caller: Caller, permission: Permission, path: string): boolean {
  return decideAccess(caller.grants, permission, path) === 'allow';
}

/** Whether the caller has any role inside (or over) the community: her residents, members, staff. */
export function belongsTo(caller: Caller, communityPath: string): boolean {
  return caller.grants.some(
    (g) =>
      g.placePath === null || communityPath.startsWith(g.placePath) || g.placePath.startsWith(communityPath),
  );
}

/** Whether the caller is a party member of the community: resident (household grant) or reported in (community grant). */
export function isPartyMemberOf(caller: Caller, communityPath: string): boolean {
  return caller.grants.some(
    (g) => g.role === 'party_member' && g.placePath !== null && g.placePath.startsWith(communityPath),
  );
}

export function requirePartyMemberOf(caller: Caller, communityPath: string): void {
  if (!isPartyMemberOf(caller, communityPath)) throw new AppError('MEMBER_NOT_IN_COMMUNITY');
}

/** The community a place lies in (the place itself when it is one), or 404. */
export async function communityOfPlace(db: Q, place: PlaceRow): Promise<PlaceRow> {
  if (place.kind === 'community') return place;
  const community = place.community_id ? await findPlace(db, place.community_id) : undefined;
  if (!community) throw new AppError('NOT_FOUND');
  return community;
}

/**
 * A place's label below its community, without the flat: "学成小区 3幢". The community itself is
 * labelled by its own name.
 */
export async function placeLabels(
  db: Q,
  places: readonly Pick<PlaceRow, 'id' | 'path'>[],
): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const p of places) for (const id of p.path.split('/').filter(Boolean)) ids.add(id);
  const rows = await findPlacesByIds(db, [...ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, string>();
  for (const p of places) {
    const chain = p.path
      .split('/')
      .filter(Boolean)
      .map((id) => byId.get(id))
      .filter((r) => r !== undefined);
    const below = chain.filter((r) => ['compound', 'building', 'unit'].includes(r.kind));
    out.set(p.id, below.length > 0 ? below.map((r) => r.name).join(' ') : (chain.at(-1)?.name ?? ''));
  }
  return out;
}

export function parseList(json: string | null): string[] {
  if (!json) return [];
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Tell people something through the inbox: `notify(...)` (inbox, live event, channels for alerts).
 * Without the app's deps (the demo seed runs before any app exists) the rows go straight into the
 * inbox, dated `now`.
 */
export async function tell(
  trx: Q,
  deps: Deps | undefined,
  n: {
    userIds: readonly string[];
    kind: NotificationKind;
    link: string | null;
    params: Record<string, string | number | null>;
    needId?: string | null;
    /** Whose step it was: she is not told of her own step. */
    actorId?: string | null;
    /** Also through the channels (SMS …): whistles. */
    alert?: boolean;
    now: string;
  },
): Promise<void> {
  if (deps) {
    await notify(trx, deps, {
      userIds: n.userIds,
      kind: n.kind,
      link: n.link,
      params: n.params,
      needId: n.needId ?? null,
      actorId: n.actorId ?? null,
      alert: n.alert ?? false,
    });
    return;
  }
  const userIds = [...new Set(n.userIds)].filter((u) => u !== n.actorId);
  await insertNotifications(
    trx,
    userIds.map((userId) => ({
      id: newId(),
      user_id: userId,
      kind: n.kind,
      need_id: n.needId ?? null,
      link: n.link,
      params: JSON.stringify(n.params),
      created_at: n.now,
      read_at: null,
    })),
  );
}
