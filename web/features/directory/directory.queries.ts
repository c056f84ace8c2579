import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { DirectoryEntryView, Page } from '../../api/types.js';

/** Live places under a parent (districts at the top): how a new resident finds her household. */
export function useDirectory(parentId: string | null) {
  return useInfiniteQuery({
    queryKey: ['directory', parentId ?? ''],
    queryFn: ({ pageParam }) =>
      api.get<Page<DirectoryEntryView>>('/api/v1/directory', { parentId, cursor: pageParam, limit: 200 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 5 * 60_000,
  });
}
