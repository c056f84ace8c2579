import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  LivingRoom,
  LivingRoomCreateBody,
  LivingRoomUpdateBody,
  StandardsReport,
  StandardsSettings,
  StandardsSummary,
  StandardsThresholdsBody,
} from '../../../domain/contracts/standards.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';

export type StandardsReportView = z.infer<typeof StandardsReport>;
export type StandardRuleView = StandardsReportView['rules'][number];
export type ViolationView = StandardRuleView['violations'][number];
export type StandardsSummaryView = z.infer<typeof StandardsSummary>;
export type StandardsSettingsView = z.infer<typeof StandardsSettings>;
export type ThresholdsView = z.infer<typeof StandardsThresholdsBody>;
export type LivingRoomView = z.infer<typeof LivingRoom>;
export type LivingRoomInput = z.input<typeof LivingRoomCreateBody>;
export type LivingRoomChange = z.input<typeof LivingRoomUpdateBody>;

const enc = encodeURIComponent;

export const standardsKeys = {
  all: ['standards'] as const,
  report: (id: string) => ['standards', 'report', id] as const,
  summary: (id: string) => ['standards', 'summary', id] as const,
  settings: (id: string) => ['standards', 'settings', id] as const,
  rooms: (id: string, archived: boolean) => ['standards', 'rooms', id, archived] as const,
};

/** S1–S7 over a place and its subtree. */
export function useStandards(placeId: string | null) {
  return useQuery({
    queryKey: standardsKeys.report(placeId ?? ''),
    queryFn: () => api.get<StandardsReportView>(`/api/v1/places/${enc(placeId ?? '')}/standards`),
    enabled: placeId !== null,
    placeholderData: keepPreviousData,
  });
}

/** Problems per standard under each child of a place. */
export function useStandardsSummary(placeId: string | null) {
  return useQuery({
    queryKey: standardsKeys.summary(placeId ?? ''),
    queryFn: () => api.get<StandardsSummaryView>(`/api/v1/places/${enc(placeId ?? '')}/standards/summary`),
    enabled: placeId !== null,
    placeholderData: keepPreviousData,
  });
}

export function exportUrl(placeId: string, lang: string): string {
  return `/api/v1/places/${enc(placeId)}/standards/export.xlsx?lang=${lang === 'en' ? 'en' : 'zh-CN'}`;
}

export function useStandardsSettings(districtId: string | null) {
  return useQuery({
    queryKey: standardsKeys.settings(districtId ?? ''),
    queryFn: () =>
      api.get<StandardsSettingsView>(`/api/v1/places/${enc(districtId ?? '')}/settings/standards`),
    enabled: districtId !== null,
  });
}

export function useSaveStandardsSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ districtId, thresholds }: { districtId: string; thresholds: ThresholdsView }) =>
      api.put<StandardsSettingsView>(`/api/v1/places/${enc(districtId)}/settings/standards`, thresholds),
    onSuccess: () => qc.invalidateQueries({ queryKey: standardsKeys.all }),
  });
}

/** Living rooms of a place and the places under it, page by page. */
export function useLivingRooms(placeId: string | null, includeArchived: boolean) {
  return useInfiniteQuery({
    queryKey: standardsKeys.rooms(placeId ?? '', includeArchived),
    queryFn: ({ pageParam }) =>
      api.get<Page<LivingRoomView>>(`/api/v1/places/${enc(placeId ?? '')}/living-rooms`, {
        includeArchived,
        cursor: pageParam,
        limit: 100,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: placeId !== null,
  });
}

export function useCreateLivingRoom() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ placeId, body }: { placeId: string; body: LivingRoomInput }) =>
      api.post<LivingRoomView>(`/api/v1/places/${enc(placeId)}/living-rooms`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: standardsKeys.all }),
  });
}

export function useUpdateLivingRoom() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: LivingRoomChange }) =>
      api.patch<LivingRoomView>(`/api/v1/living-rooms/${enc(id)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: standardsKeys.all }),
  });
}

export function useSetLivingRoomArchived() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      api.post<LivingRoomView>(`/api/v1/living-rooms/${enc(id)}/${archived ? 'archive' : 'restore'}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: standardsKeys.all }),
  });
}
