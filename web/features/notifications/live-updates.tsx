import { useQueryClient } from '@tanstack/react-query';
import { Toast } from 'antd-mobile';
import { ExclamationTriangleOutline } from 'antd-mobile-icons';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_KINDS } from '../../../domain/contracts/notifications.js';
import { useMe } from '../auth/auth.queries.js';
import { needKeys, useNeedSettings } from '../needs/needs.queries.js';
import { notificationText } from './notification-text.js';
import { type NotificationView, notificationKeys } from './notifications.queries.js';

const EVENTS_URL = '/api/v1/me/events';
const MAX_BACKOFF_MS = 30_000;

function isKind(kind: unknown): kind is NotificationView['kind'] {
  return typeof kind === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/** The notification a `notification` event carries (bare, or wrapped as { notification }). */
function notificationOf(data: string): NotificationView | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const candidate = 'notification' in parsed ? parsed.notification : parsed;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const n = candidate as Partial<NotificationView>;
  if (!isKind(n.kind)) return null;
  return { ...n, params: n.params ?? {}, needId: n.needId ?? null, link: n.link ?? null } as NotificationView;
}

/** The count an `unread` event carries. */
function unreadOf(data: string): number | null {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === 'object' && parsed !== null && 'unread' in parsed) {
      const n = parsed.unread;
      return typeof n === 'number' ? n : null;
    }
  } catch {
    // not JSON: ask the server instead
  }
  return null;
}

/**
 * Keeps the signed-in page live (C9): one EventSource on /api/v1/me/events. `unread` sets the badge;
 * `notification` refreshes the inbox and the needs; an urgent one is also shown as a toast. The browser
 * retries a dropped stream by itself; when the server closed it for good (e.g. a restart refused the
 * connection) it is opened again with a growing pause.
 */
export function LiveUpdates() {
  const me = useMe().data;
  const qc = useQueryClient();
  const { i18n } = useTranslation();
  const categories = useNeedSettings().data?.categories;
  // The latest wording tools, read by the long-lived listener without reconnecting on each render.
  const words = useRef({ language: i18n.language, categories });
  words.current = { language: i18n.language, categories };
  const userId = me?.id ?? null;

  useEffect(() => {
    if (userId === null || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;
    let stopped = false;

    const onNotification = (e: MessageEvent<string>) => {
      backoff = 1000;
      void qc.invalidateQueries({ queryKey: notificationKeys.list() });
      const n = notificationOf(e.data);
      if (!n) return;
      if (n.needId) void qc.invalidateQueries({ queryKey: needKeys.all });
      if (n.kind === 'need_urgent') {
        const w = words.current;
        Toast.show({
          icon: <ExclamationTriangleOutline />,
          content: notificationText(n, w.language, w.categories),
          duration: 4000,
          position: 'top',
        });
      }
    };
    const onUnread = (e: MessageEvent<string>) => {
      backoff = 1000;
      const unread = unreadOf(e.data);
      if (unread === null) void qc.invalidateQueries({ queryKey: notificationKeys.unread() });
      else qc.setQueryData(notificationKeys.unread(), unread);
    };

    const open = () => {
      if (stopped) return;
      source = new EventSource(EVENTS_URL, { withCredentials: true });
      source.onopen = () => {
        backoff = 1000;
        // Whatever arrived while the stream was down shows in the inbox (the count comes as an event).
        void qc.invalidateQueries({ queryKey: notificationKeys.list() });
      };
      source.addEventListener('notification', onNotification as EventListener);
      source.addEventListener('unread', onUnread as EventListener);
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) return;
        source = null;
        timer = setTimeout(open, backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [userId, qc]);

  return null;
}
