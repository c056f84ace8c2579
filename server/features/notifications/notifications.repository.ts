import type { Kysely, Selectable } from 'kysely';
import type { Notification, NotificationKind } from '../../../domain/contracts/notifications.js';
import { insertRows } from '../../db/insert-rows.js';
import { cachedRows } from '../../db/row-cache.js';
import type { Database, NotificationsTable } from '../../db/schema.js';

type Q = Kysely<Database>;
type Params = Record<string, string | number | null>;

export type NotificationRow = Selectable<NotificationsTable>;

export function notificationOf(r: NotificationRow): Notification {
  return {
    id: r.id,
    kind: r.kind as NotificationKind,
    needId: r.need_id,
    link: r.link,
    params: r.params ? (JSON.parse(r.params) as Params) : {},
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

export async function insertNotifications(db: Q, rows: NotificationRow[]): Promise<void> {
  await insertRows(db, 'notifications', rows);
}

/** One user's notifications, newest first; `before` is the last id of the previous page. */
export function listNotifications(
  db: Q,
  userId: string,
  opts: { before: string | undefined; limit: number; unread: boolean },
) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (opts.unread) q = q.where('read_at', 'is', null);
  if (opts.before) q = q.where('id', '<', opts.before);
  return q
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

export function findNotification(db: Q, userId: string, id: string) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function countUnread(db: Q, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(db: Q, userId: string, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markAllRead(db: Q, userId: string, now: string): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Verified phone numbers of users who may still log in. */
export async function verifiedPhones(db: Q, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'phone'])
    .where('id', 'in', [...userIds])
    .where('phone', 'is not', null)
    .where('phone_verified_at', 'is not', null)
    .where('disabled_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.phone!]));
}

/**
 * Users that exist and are not disabled, of those given. Outside a transaction from the copies
 * ('auth': dropped whenever a user changes), so telling a building of a new need reads nothing.
 */
export async function activeUserIds(db: Q, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await cachedRows(
    db,
    'auth',
    userIds.map((id) => `active-user/${id}`),
    (r: { id: string }) => `active-user/${r.id}`,
    (keys) =>
      db
        .selectFrom('users')
        .select('id')
        .where(
          'id',
          'in',
          keys.map((k) => k.slice('active-user/'.length)),
        )
        .where('disabled_at', 'is', null)
        .execute(),
  );
  return rows.map((r) => r.id);
}
