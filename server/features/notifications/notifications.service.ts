import type { Kysely } from 'kysely';
import type { Notification, NotificationKind } from '../../../domain/contracts/notifications.js';
import { AppError } from '../../../domain/errors.js';
import type { Database } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { LiveEvent } from '../../lib/bus.js';
import type { ChannelName } from '../../lib/channels.js';
import { newId } from '../../lib/ids.js';
import { type Job, type JobSpec, scheduleJobs, wakeJobWorkers } from '../../lib/jobs.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import * as repo from './notifications.repository.js';

// The inbox (C9): rows in `notifications`, worded by the web app from kind + params, announced live
// through the bus, and — for alerts — sent through the configured channels by a stored job, so a
// message goes out only once its notification committed, is retried when the provider fails, and
// never holds the writer's transaction open while a gateway answers.

type Q = Kysely<Database>;
type Params = Record<string, string | number | null>;

export interface NotifyInput {
  /** Who to tell; duplicates, nulls and the actor are dropped. */
  userIds: readonly (string | null | undefined)[];
  kind: NotificationKind;
  needId?: string | null;
  link?: string | null;
  params?: Params;
  /** Whose step it was: nobody is told of her own step. */
  actorId?: string | null;
  /** Also send it through the channels in NOTIFY_CHANNELS (urgent needs, escalations, follow-ups due). */
  alert?: boolean;
}

export const CHANNEL_SEND_JOB = 'channel.send';

/** Put a notification in each recipient's inbox and announce it live. Returns who was told. */
export async function notify(trx: Q, deps: Deps, input: NotifyInput): Promise<string[]> {
  return (await notifyAll(trx, deps, [input]))[0]!;
}

/**
 * `notify` for several notifications at once (needs posted together): one read of who is active, one
 * insert, one announcement and one insert of channel jobs, whatever their number. Returns who was
 * told, per input.
 */
export async function notifyAll(trx: Q, deps: Deps, inputs: readonly NotifyInput[]): Promise<string[][]> {
  const out = await notificationsFor(trx, deps, inputs);
  await repo.insertNotifications(trx, out.rows);
  await scheduleJobs(trx, out.channelJobs);
  await announce(trx, deps, out);
  return out.told;
}

/** What notifyAll writes: its rows, the channel jobs of alerts, and who was told per input. */
export interface NotificationWrites {
  rows: repo.NotificationRow[];
  channelJobs: JobSpec[];
  told: string[][];
}

/**
 * The rows notifyAll writes, for a caller that inserts them with its own (needs posted together);
 * it must then call `announce` in the same transaction or statement. Reads who is active.
 */
export async function notificationsFor(
  db: Q,
  deps: Deps,
  inputs: readonly NotifyInput[],
): Promise<NotificationWrites> {
  const wanted = inputs.map((input) => [
    ...new Set(
      input.userIds.filter((u): u is string => typeof u === 'string' && u !== '' && u !== input.actorId),
    ),
  ]);
  const all = [...new Set(wanted.flat())];
  const active = new Set(all.length > 0 ? await repo.activeUserIds(db, all) : []);
  const now = deps.clock.now().toISOString();
  const rows: repo.NotificationRow[] = [];
  const channelJobs: JobSpec[] = [];
  const told = inputs.map((input, i) => {
    const users = wanted[i]!.filter((u) => active.has(u));
    const params = JSON.stringify(input.params ?? {});
    for (const userId of users) {
      const id = newId();
      rows.push({
        id,
        user_id: userId,
        kind: input.kind,
        need_id: input.needId ?? null,
        link: input.link ?? null,
        params,
        created_at: now,
        read_at: null,
      });
      if (!input.alert) continue;
      for (const channel of deps.config.notifyChannels) {
        channelJobs.push({
          kind: CHANNEL_SEND_JOB,
          refId: id,
          runAt: now,
          now,
          payload: { channel, userId },
        });
      }
    }
    return users;
  });
  return { rows, channelJobs, told };
}

/** The live events that announce written notifications. */
export function liveEventsOf(written: NotificationWrites): LiveEvent[] {
  return written.rows.map((r) => ({ userId: r.user_id, notificationId: r.id }));
}

/**
 * Announce written notifications live (unless `sent`: their NOTIFY went out with the rows, from
 * bus.asNotify), and wake the job workers for their channel messages.
 */
export async function announce(
  trx: Q,
  deps: Deps,
  written: NotificationWrites,
  { sent = false } = {},
): Promise<void> {
  if (!sent && written.rows.length > 0) await deps.bus.publish(trx, liveEventsOf(written));
  if (written.channelJobs.length > 0) wakeJobWorkers();
}

// Channel messages -------------------------------------------------------------------------------

const CATEGORY_ZH: Record<string, string> = {
  appliance_repair: '家电维修',
  health: '健康',
  elderly_help: '助老',
  environment: '环境',
  facilities: '设施',
  neighbour_dispute: '邻里纠纷',
  policy_question: '政策咨询',
  other: '其他',
};

/**
 * The text an alert carries through a channel. Channels cannot use the web app's catalogues, so the
 * texts are here, in the district's language; like the inbox, they never name the resident or her flat.
 */
export function channelText(kind: string, params: Params): string {
  const category = String(
    params.categoryName ?? CATEGORY_ZH[String(params.category)] ?? params.category ?? '',
  );
  const place = String(params.place ?? '');
  const about = `${place}${category ? `（${category}）` : ''}`;
  switch (kind) {
    case 'need_urgent':
      return `【邻里】紧急求助：${about}有居民需要帮助，请尽快打开邻里查看并认领。`;
    case 'need_escalated':
      return `【邻里】${about}的一项求助尚无人认领，现提交给您，请打开邻里查看。`;
    case 'follow_up_due':
      return `【邻里】回访提醒：${about}的求助今天需要回访，请打开邻里查看。`;
    default:
      return '【邻里】您有一条新通知，请打开邻里查看。';
  }
}

/** The address a user has on a channel, or null (then the channel is skipped for her). */
async function addressOn(trx: Q, channel: ChannelName, userId: string): Promise<string | null> {
  if (channel === 'email') return null; // accounts hold no e-mail address yet
  // SMS, and WeChat through the account bound to the same verified number.
  return (await repo.verifiedPhones(trx, [userId])).get(userId) ?? null;
}

/** Job handler: send one notification through one channel. */
export async function sendThroughChannel(trx: Q, job: Job, deps: Deps): Promise<void> {
  const channel = job.payload.channel as ChannelName;
  const userId = String(job.payload.userId);
  const row = await repo.findNotification(trx, userId, job.refId);
  const adapter = deps.channels[channel] as (typeof deps.channels)[ChannelName] | undefined;
  if (!row || !adapter) return;
  const address = await addressOn(trx, channel, userId);
  if (!address) return;
  await adapter.send(address, channelText(row.kind, notificationOf(row).params), trx);
}

const notificationOf = repo.notificationOf;

// The inbox ----------------------------------------------------------------------------------------

export async function listMine(
  db: Q,
  userId: string,
  query: { cursor?: string | undefined; limit: number; unread: boolean },
) {
  const rows = await repo.listNotifications(db, userId, {
    before: decodeCursor(query.cursor),
    limit: query.limit,
    unread: query.unread,
  });
  return toPage(rows.map(notificationOf), query.limit);
}

export async function unreadCount(db: Q, userId: string): Promise<{ unread: number }> {
  return { unread: await repo.countUnread(db, userId) };
}

/** Mark one of the caller's notifications read; anyone else's is 404. */
export async function markRead(trx: Q, deps: Deps, userId: string, id: string): Promise<Notification> {
  const changed = await repo.markRead(trx, userId, id, deps.clock.now().toISOString());
  const row = await repo.findNotification(trx, userId, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (changed) await deps.bus.publish(trx, { userId, notificationId: null });
  return notificationOf(row);
}

export async function markAllRead(trx: Q, deps: Deps, userId: string): Promise<{ unread: number }> {
  const changed = await repo.markAllRead(trx, userId, deps.clock.now().toISOString());
  if (changed > 0) await deps.bus.publish(trx, { userId, notificationId: null });
  return { unread: 0 };
}

/**
 * What a live event means for the open page: the notification it names (null when it names none,
 * or names one that is not there: rolled back) and the unread count now.
 */
export async function liveUpdate(
  db: Q,
  event: LiveEvent,
): Promise<{ notification: Notification | null; unread: number }> {
  const row = event.notificationId
    ? await repo.findNotification(db, event.userId, event.notificationId)
    : undefined;
  return { notification: row ? notificationOf(row) : null, unread: await repo.countUnread(db, event.userId) };
}
