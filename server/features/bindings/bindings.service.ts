import type { BindingView } from '../../../domain/contracts/bindings.js';
import { type BindingAction, type BindingStatus, nextBindingStatus } from '../../../domain/bindings.js';
import { AppError } from '../../../domain/errors.js';
import { type PlaceKind, pathIds } from '../../../domain/places.js';
import { maskPhone } from '../../../domain/privacy.js';
import type { Db } from '../../db/index.js';
import type { PlaceRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { Actor } from '../../lib/http.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { servesCommunity } from '../../plugins/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureGrant } from '../grants/grants.service.js';
import { findPlace, findPlacesByIds, isEffectivelyArchived } from '../places/places.repository.js';
import * as repo from './bindings.repository.js';

type Kdb = Db['kysely'];
type Row = NonNullable<Awaited<ReturnType<typeof repo.findBinding>>>;

/** Shape rows for a viewer: the applicant's phone in full only for the applicant and community staff. */
async function toViews(db: Kdb, rows: Row[], showPhone: (row: Row) => boolean): Promise<BindingView[]> {
  const ids = [...new Set(rows.flatMap((r) => pathIds(r.household_path)))];
  const byId = new Map((await findPlacesByIds(db, ids)).map((p) => [p.id, p]));
  return rows.map((r) => {
    const path = pathIds(r.household_path)
      .map((id) => byId.get(id))
      .filter((p): p is PlaceRow => p !== undefined && p.kind !== 'district')
      .map((p) => ({ id: p.id, kind: p.kind as PlaceKind, name: p.name }));
    return {
      id: r.id,
      status: r.status as BindingStatus,
      household: { id: r.household_id, kind: 'household' as const, name: r.household_name },
      householdPath: path,
      applicant: {
        id: r.user_id,
        displayName: r.display_name,
        phone: showPhone(r) ? r.phone : maskPhone(r.phone),
      },
      note: r.note,
      reason: r.reason,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
    };
  });
}

export async function requestBinding(
  db: Kdb,
  actor: Actor,
  input: { householdId: string; note?: string | undefined },
) {
  const household = await findPlace(db, input.householdId);
  if (!household || household.kind !== 'household' || !household.community_id) {
    throw new AppError('NOT_FOUND', 'No such household.');
  }
  if (await isEffectivelyArchived(db, pathIds(household.path))) throw new AppError('PLACE_ARCHIVED');
  const bound = actor.caller.grants.some((g) => g.role === 'resident' && g.placeId === household.id);
  if (bound) throw new AppError('BINDING_ALREADY_BOUND');
  const id = newId();
  const inserted = await repo.insertBinding(db, {
    id,
    userId: actor.caller.userId,
    householdId: household.id,
    communityId: household.community_id,
    note: input.note?.trim() || null,
    now: actor.now,
  });
  if (!inserted) throw new AppError('BINDING_PENDING');
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action: 'create',
    entityType: 'binding',
    entityId: id,
    place: household,
    summary: `${actor.caller.displayName} asked to be bound to household "${household.name}"`,
    params: { applicant: actor.caller.displayName, household: household.name },
    ip: actor.ip,
    at: actor.now,
  });
  return (await toViews(db, [(await repo.findBinding(db, id))!], () => true))[0]!;
}

export async function listMyBindings(db: Kdb, actor: Actor) {
  const rows = await repo.listBindingsOfUser(db, actor.caller.userId);
  return { items: await toViews(db, rows, () => true), nextCursor: null };
}

export async function listBindings(
  db: Kdb,
  actor: Actor,
  place: PlaceRow,
  q: { status?: BindingStatus | undefined; cursor?: string | undefined; limit: number },
) {
  const rows = await repo.listBindingsUnder(db, place.path, {
    status: q.status,
    beforeId: decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = toPage(rows, q.limit);
  const show = (r: Row) => servesCommunity(actor.caller, r.community_id);
  const revealed = page.items.filter(show).length;
  if (revealed > 0) {
    await recordAudit(db, {
      actorId: actor.caller.userId,
      action: 'view',
      entityType: 'binding',
      entityId: null,
      place,
      summary: `Viewed ${revealed} household binding request(s) with phone numbers`,
      params: { count: revealed },
      ip: actor.ip,
      at: actor.now,
    });
  }
  return { items: await toViews(db, page.items, show), nextCursor: page.nextCursor };
}

/** The place a binding's permission is checked on (its household), or undefined if there is none. */
export async function scopeOfBinding(db: Kdb, id: string): Promise<string | undefined> {
  return (await repo.findBinding(db, id))?.household_id;
}

export async function decide(
  db: Kdb,
  actor: Actor,
  bindingId: string,
  action: BindingAction,
  reason: string | null,
): Promise<BindingView> {
  const row = await repo.findBinding(db, bindingId);
  if (!row) throw new AppError('NOT_FOUND');
  if (action === 'withdraw' && row.user_id !== actor.caller.userId) throw new AppError('NOT_FOUND');
  const to = nextBindingStatus(row.status as BindingStatus, action);
  if (
    !to ||
    !(await repo.decideBinding(db, row.id, row.status, to, actor.caller.userId, reason, actor.now))
  ) {
    throw new AppError('BINDING_NOT_PENDING');
  }
  const household = (await findPlace(db, row.household_id))!;
  if (action === 'approve') {
    await ensureGrant(db, {
      userId: row.user_id,
      role: 'resident',
      place: household,
      by: actor.caller.userId,
      now: actor.now,
    });
  }
  await recordAudit(db, {
    actorId: actor.caller.userId,
    action,
    entityType: 'binding',
    entityId: row.id,
    place: household,
    summary:
      action === 'withdraw'
        ? `${row.display_name} withdrew the request for household "${household.name}"`
        : `${action === 'approve' ? 'Approved' : 'Rejected'} ${row.display_name} for household "${household.name}"${reason ? `: ${reason}` : ''}`,
    params: { applicant: row.display_name, household: household.name, reason },
    ip: actor.ip,
    at: actor.now,
  });
  const updated = (await repo.findBinding(db, row.id))!;
  const self = row.user_id === actor.caller.userId;
  return (await toViews(db, [updated], () => self || servesCommunity(actor.caller, row.community_id)))[0]!;
}
