import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { BindingStatus, BindingView, MeView, Page } from '../../api/types.js';
import { meKey } from '../auth/auth.queries.js';

export const bindingKeys = {
  all: ['bindings'] as const,
  mine: () => ['bindings', 'mine'] as const,
  under: (placeId: string, status: BindingStatus | null) =>
    ['bindings', 'under', placeId, status ?? 'all'] as const,
};

/**
 * The caller's own requests, newest first. An approval seen here that her roles do not show yet
 * means her cached profile is stale: refresh it so the household appears at once.
 */
export function useMyBindings(enabled = true) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: bindingKeys.mine(),
    queryFn: async () => {
      const items = (await api.get<Page<BindingView>>('/api/v1/bindings/mine')).items;
      const me = qc.getQueryData<MeView | null>(meKey);
      const unseen = items.some(
        (b) =>
          b.status === 'approved' &&
          !me?.roles.some((r) => r.role === 'resident' && r.placeId === b.household.id),
      );
      if (me && unseen) void qc.invalidateQueries({ queryKey: meKey });
      return items;
    },
    enabled,
    refetchOnWindowFocus: true,
  });
}

export function useRequestBinding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { householdId: string; note?: string }) =>
      api.post<BindingView>('/api/v1/bindings', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: bindingKeys.all }),
  });
}

export function useWithdrawBinding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<BindingView>(`/api/v1/bindings/${encodeURIComponent(id)}/withdraw`),
    onSuccess: () => qc.invalidateQueries({ queryKey: bindingKeys.all }),
  });
}

/** Requests for households under a place, for those who decide them; paged by cursor. */
export function useBindingsUnder(placeId: string | null, status: BindingStatus | null) {
  return useInfiniteQuery({
    queryKey: bindingKeys.under(placeId ?? '', status),
    queryFn: ({ pageParam }) =>
      api.get<Page<BindingView>>(`/api/v1/places/${encodeURIComponent(placeId ?? '')}/bindings`, {
        status,
        cursor: pageParam,
        limit: 50,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: placeId !== null,
    retry: false,
  });
}

export function useDecideBinding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'approve' | 'reject'; reason?: string }) =>
      api.post<BindingView>(
        `/api/v1/bindings/${encodeURIComponent(id)}/${decision}`,
        decision === 'reject' ? { reason } : {},
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: bindingKeys.all });
      // Approving may make the decider's own household list change too (rare, but cheap to refresh).
      await qc.invalidateQueries({ queryKey: meKey });
    },
  });
}
