import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { type NotificationView, notificationKeys } from '../notifications/notifications.queries.js';
import { needboardKeys } from './needboard.queries.js';

export { useMarkAllRead, useMarkRead, useUnreadCount } from '../notifications/notifications.queries.js';
export type { NotificationView };

const EVENTS_URL = '/api/v1/me/events';
const MAX_BACKOFF_MS = 30_000;

/** The latest few notifications, for the bell's panel (the resident app pages the whole inbox). */
export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: [...notificationKeys.all, 'latest'],
    queryFn: async () =>
      (await api.get<Page<NotificationView>>('/api/v1/me/notifications', { limit: 8 })).items,
    enabled,
    retry: false,
  });
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/**
 * Live updates for the console (C9): `unread` sets the bell's count, `notification` refreshes the
 * bell's panel and the needs on screen, and hands the notification to `onNotification` (an urgent
 * need is announced). A stream the server closed for good is opened again with a growing pause.
 */
export function useLiveEvents(onNotification: (n: NotificationView) => void) {
  const qc = useQueryClient();
  const handler = useRef(onNotification);
  handler.current = onNotification;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;
    let stopped = false;
    const onUnread = (e: MessageEvent<string>) => {
      backoff = 1000;
      const body = parse(e.data) as { unread?: unknown } | null;
      if (typeof body?.unread === 'number') qc.setQueryData(notificationKeys.unread(), body.unread);
      else void qc.invalidateQueries({ queryKey: notificationKeys.unread() });
    };
    const onNew = (e: MessageEvent<string>) => {
      backoff = 1000;
      void qc.invalidateQueries({ queryKey: [...notificationKeys.all, 'latest'] });
      void qc.invalidateQueries({ queryKey: needboardKeys.all });
      const n = parse(e.data) as NotificationView | null;
      if (n && typeof n.kind === 'string') handler.current({ ...n, params: n.params ?? {} });
    };
    const open = () => {
      if (stopped) return;
      source = new EventSource(EVENTS_URL, { withCredentials: true });
      source.addEventListener('unread', onUnread as EventListener);
      source.addEventListener('notification', onNew as EventListener);
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
  }, [qc]);
}
