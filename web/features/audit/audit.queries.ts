import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { AuditEntryView, Page } from '../../api/types.js';

/** The audit log of a place and everything below it, newest first, page by page. */
export function useAuditLog(placeId: string | null) {
  return useInfiniteQuery({
    queryKey: ['audit', placeId ?? ''],
    queryFn: ({ pageParam }) =>
      api.get<Page<AuditEntryView>>(`/api/v1/places/${encodeURIComponent(placeId ?? '')}/audit`, {
        cursor: pageParam,
        limit: 50,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: placeId !== null,
    retry: false,
  });
}
