import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ConveneBody,
  FollowUpBody,
  NeedContact,
  NeedCounts,
  NeedDetail,
  NeedHelperCandidates,
  NeedPosted,
  NeedSettings,
  NeedSettingsBody,
  NeedSummary,
  PostNeedBody,
} from '../../../domain/contracts/needs.js';
import type { NeedStatus, NeedUrgency } from '../../../domain/needs.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';

export type NeedSummaryView = z.infer<typeof NeedSummary>;
export type NeedDetailView = z.infer<typeof NeedDetail>;
export type NeedCountsView = z.infer<typeof NeedCounts>;
export type NeedContactView = z.infer<typeof NeedContact>;
export type NeedSettingsView = z.infer<typeof NeedSettings>;
export type NeedSettingsInput = z.input<typeof NeedSettingsBody>;
export type HelperCandidate = z.infer<typeof NeedHelperCandidates>['items'][number];
export type ConveneInput = z.input<typeof ConveneBody>;
export type FollowUpInput = z.input<typeof FollowUpBody>;
export type PostNeedInput = z.input<typeof PostNeedBody>;

/** The board's filters; absent means "any". */
export interface BoardFilters {
  status?: NeedStatus | undefined;
  category?: string | undefined;
  urgency?: NeedUrgency | undefined;
  overdue?: boolean | undefined;
  escalated?: boolean | undefined;
}

const enc = encodeURIComponent;

export const needboardKeys = {
  all: ['needboard'] as const,
  board: (placeId: string, f: BoardFilters) => ['needboard', 'board', placeId, f] as const,
  counts: (placeId: string) => ['needboard', 'counts', placeId] as const,
  detail: (id: string) => ['needboard', 'detail', id] as const,
  candidates: (id: string) => ['needboard', 'candidates', id] as const,
  settings: (placeId: string) => ['needboard', 'settings', placeId] as const,
};

/** The needs of a place's subtree, newest first, filtered; cursor-paged. */
export function useNeedBoard(placeId: string | null, filters: BoardFilters) {
  return useInfiniteQuery({
    queryKey: needboardKeys.board(placeId ?? '', filters),
    queryFn: ({ pageParam }) =>
      api.get<Page<NeedSummaryView>>(`/api/v1/places/${enc(placeId ?? '')}/needs`, {
        ...filters,
        cursor: pageParam,
        limit: 20,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: placeId !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useNeedCounts(placeId: string | null) {
  return useQuery({
    queryKey: needboardKeys.counts(placeId ?? ''),
    queryFn: () => api.get<NeedCountsView>(`/api/v1/places/${enc(placeId ?? '')}/needs/counts`),
    enabled: placeId !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useNeed(id: string | null) {
  return useQuery({
    queryKey: needboardKeys.detail(id ?? ''),
    queryFn: () => api.get<NeedDetailView>(`/api/v1/needs/${enc(id ?? '')}`),
    enabled: id !== null,
    retry: false,
  });
}

export function useHelperCandidates(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: needboardKeys.candidates(id ?? ''),
    queryFn: async () =>
      (await api.get<{ items: HelperCandidate[] }>(`/api/v1/needs/${enc(id ?? '')}/helper-candidates`)).items,
    enabled: id !== null && enabled,
    retry: false,
  });
}

/** The district's categories, ladder and auto-confirmation, for any place in the district. */
export function useNeedSettings(placeId: string | null) {
  return useQuery({
    queryKey: needboardKeys.settings(placeId ?? ''),
    queryFn: () => api.get<NeedSettingsView>(`/api/v1/places/${enc(placeId ?? '')}/need-settings`),
    enabled: placeId !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useSaveNeedSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ placeId, body }: { placeId: string; body: NeedSettingsInput }) =>
      api.put<NeedSettingsView>(`/api/v1/places/${enc(placeId)}/need-settings`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: needboardKeys.all }),
  });
}

/** Every step changes the need, the board and the counts: refresh them all. */
function useNeedStep<V>(path: (v: V) => string, body: (v: V) => unknown) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => api.post<NeedDetailView>(path(v), body(v)),
    onSuccess: () => qc.invalidateQueries({ queryKey: needboardKeys.all }),
  });
}

export const useConvene = () =>
  useNeedStep(
    (v: { id: string; body: ConveneInput }) => `/api/v1/needs/${enc(v.id)}/convene`,
    (v) => v.body,
  );
export const useAssign = () =>
  useNeedStep(
    (v: { id: string; userId: string }) => `/api/v1/needs/${enc(v.id)}/assign`,
    (v) => ({ userId: v.userId }),
  );
export const useScheduleFollowUp = () =>
  useNeedStep(
    (v: { id: string; body: FollowUpInput }) => `/api/v1/needs/${enc(v.id)}/follow-ups`,
    (v) => v.body,
  );
export const useCancelNeed = () =>
  useNeedStep(
    (v: { id: string; reason: string | null }) => `/api/v1/needs/${enc(v.id)}/cancel`,
    (v) => ({ reason: v.reason }),
  );
export const useConfirmNeed = () =>
  useNeedStep(
    (v: { id: string; rating: number; thanks: string | null }) => `/api/v1/needs/${enc(v.id)}/confirm`,
    (v) => ({ rating: v.rating, thanks: v.thanks }),
  );
export function usePostNeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PostNeedInput) => api.post<NeedPosted>('/api/v1/needs', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: needboardKeys.all }),
  });
}

/** The full phone and flat; the server records who asked. */
export function useRevealContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<NeedContactView>(`/api/v1/needs/${enc(id)}/reveal-contact`),
    // The timeline gains a contact_revealed step.
    onSuccess: (_c, id) => qc.invalidateQueries({ queryKey: needboardKeys.detail(id) }),
  });
}
