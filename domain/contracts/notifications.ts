import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';

/** The in-app inbox (C9). Each notification is worded by the web app from its kind and params. */

export const NOTIFICATION_KINDS = [
  'need_posted',
  'need_urgent',
  'need_escalated',
  'need_convened',
  'need_claimed',
  'need_assigned',
  'need_unclaimed',
  'need_logged',
  'need_done',
  'need_confirmed',
  'need_reopened',
  'need_cancelled',
  'need_supported',
  'follow_up_scheduled',
  'follow_up_due',
  // Whistle and report (C2)
  'whistle_blown',
  'whistle_closed',
  'report_in_submitted',
  'report_in_decided',
  'member_confirm_due',
  'post_claimed',
  'post_decided',
  'small_matter_submitted',
  'small_matter_decided',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: Id,
  kind: NotificationKind,
  needId: Id.nullable(),
  /** Where the web app opens it, relative to the app (e.g. /needs/ID). */
  link: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({ items: z.array(Notification), nextCursor: z.string().nullable() });
export const NotificationQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export const UnreadCount = z.object({ unread: z.number().int() });
