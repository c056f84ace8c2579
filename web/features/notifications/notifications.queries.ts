import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Notification, NotificationList, UnreadCount } from '../../../domain/contracts/notifications.js';
import { api } from '../../api/client.js';

export type NotificationView = Notification;
type NotificationListView = z.infer<typeof NotificationList>;

const enc = encodeURIComponent;

export const notificationKeys = {
  all: ['notifications'] as const,
  list: () => ['notifications', 'list'] as const,
  unread: () => ['notifications', 'unread'] as const,
};

/** The inbox, newest first, a page at a time. */
export function useNotifications() {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(),
    queryFn: ({ pageParam }) =>
      api.get<NotificationListView>('/api/v1/me/notifications', { cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** How many notifications are unread: the badge on the tab bar. Kept fresh by the live stream. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: async () =>
      (await api.get<z.infer<typeof UnreadCount>>('/api/v1/me/notifications/unread-count')).unread,
    enabled,
    staleTime: 30_000,
  });
}

function useInvalidateNotifications() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: notificationKeys.all });
}

export function useMarkRead() {
  const done = useInvalidateNotifications();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/api/v1/me/notifications/${enc(id)}/read`),
    onSuccess: done,
  });
}

export function useMarkAllRead() {
  const done = useInvalidateNotifications();
  return useMutation({
    mutationFn: () => api.post<unknown>('/api/v1/me/notifications/read-all'),
    onSuccess: done,
  });
}
