import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { Page, PlaceView } from '../../api/types.js';
import { fetchChildren, placeKeys } from './places.queries.js';

export type ChildrenByParent = Record<string, Page<PlaceView>>;

/**
 * The loaded part of a lazily browsed places tree: the children of each expanded place, page by page.
 * Parents are reloaded after a change so the tree shows what the server holds.
 */
export function usePlaceTreeState() {
  const qc = useQueryClient();
  const [children, setChildren] = useState<ChildrenByParent>({});

  const fetchPage = useCallback(
    (id: string, cursor: string | null) =>
      qc.fetchQuery({
        queryKey: placeKeys.children(id, cursor),
        queryFn: () => fetchChildren(id, cursor),
        staleTime: 0,
      }),
    [qc],
  );

  const load = useCallback(
    async (id: string) => {
      const page = await fetchPage(id, null);
      setChildren((prev) => ({ ...prev, [id]: page }));
    },
    [fetchPage],
  );

  const loadMore = useCallback(
    async (id: string) => {
      const current = children[id];
      if (!current?.nextCursor) return;
      const page = await fetchPage(id, current.nextCursor);
      setChildren((prev) => {
        const before = prev[id];
        if (!before) return prev;
        return { ...prev, [id]: { items: [...before.items, ...page.items], nextCursor: page.nextCursor } };
      });
    },
    [children, fetchPage],
  );

  /** Reload the first page of every given parent that is already loaded. */
  const reload = useCallback(
    async (ids: (string | null | undefined)[]) => {
      const loaded = ids.filter((id): id is string => typeof id === 'string' && id in children);
      const pages = await Promise.all(loaded.map((id) => fetchPage(id, null)));
      setChildren((prev) => {
        const next = { ...prev };
        loaded.forEach((id, i) => {
          next[id] = pages[i]!;
        });
        return next;
      });
    },
    [children, fetchPage],
  );

  /** Find a loaded place by id (roots are passed in, children come from the state). */
  const find = useCallback(
    (roots: PlaceView[], id: string): PlaceView | undefined =>
      roots.find((p) => p.id === id) ??
      Object.values(children)
        .flatMap((p) => p.items)
        .find((p) => p.id === id),
    [children],
  );

  return { children, load, loadMore, reload, find };
}
