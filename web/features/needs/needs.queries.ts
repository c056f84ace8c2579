import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ConfirmBody,
  FollowUpDoneBody,
  FollowUpList,
  NeedContact,
  NeedDetail,
  NeedPosted,
  NeedList,
  NeedPhotoRef,
  NeedSettings,
  NeedSummary,
  NeedsAroundQuery,
  PostNeedBody,
  ServiceLogBody,
} from '../../../domain/contracts/needs.js';
import { DEFAULT_NEED_SETTINGS } from '../../../domain/needs.js';
import { ApiError, api } from '../../api/client.js';
import { useMe } from '../auth/auth.queries.js';

export type NeedSummaryView = NeedSummary;
export type NeedDetailView = NeedDetail;
export type NeedListView = z.infer<typeof NeedList>;
export type NeedPhotoView = z.infer<typeof NeedPhotoRef>;
export type NeedSettingsView = z.infer<typeof NeedSettings>;
export type NeedContactView = z.infer<typeof NeedContact>;
export type PostNeedInput = z.input<typeof PostNeedBody>;
export type ServiceLogInput = z.input<typeof ServiceLogBody>;
export type ConfirmInput = z.input<typeof ConfirmBody>;
export type FollowUpView = z.infer<typeof FollowUpList>['items'][number];
export type FollowUpDoneInput = z.input<typeof FollowUpDoneBody>;
export type AroundReach = z.input<typeof NeedsAroundQuery>['reach'] & string;
export type AroundShow = z.input<typeof NeedsAroundQuery>['show'] & string;

const enc = encodeURIComponent;

export const needKeys = {
  all: ['needs'] as const,
  settings: () => ['needs', 'settings'] as const,
  mine: () => ['needs', 'mine'] as const,
  around: (reach: string, show: string) => ['needs', 'around', reach, show] as const,
  detail: (id: string) => ['needs', 'detail', id] as const,
  followUps: () => ['needs', 'follow-ups'] as const,
  similar: (placeId: string, text: string, category: string) =>
    ['needs', 'similar', placeId, text, category] as const,
};

/**
 * The district's categories and auto-confirmation days, read for one of the caller's places (the
 * default eight until they answer, or if they cannot be read).
 */
export function useNeedSettings() {
  const me = useMe().data;
  const placeId = me?.roles.find((r) => r.placeId !== null)?.placeId ?? null;
  return useQuery({
    queryKey: [...needKeys.settings(), placeId ?? ''],
    queryFn: async (): Promise<Pick<NeedSettingsView, 'categories' | 'autoConfirmDays'>> => {
      try {
        return await api.get<NeedSettingsView>(`/api/v1/places/${enc(placeId ?? '')}/need-settings`);
      } catch {
        return DEFAULT_NEED_SETTINGS;
      }
    },
    enabled: placeId !== null,
    staleTime: 10 * 60_000,
    placeholderData: DEFAULT_NEED_SETTINGS,
  });
}

function nextPage(last: NeedListView) {
  return last.nextCursor ?? undefined;
}

/** The needs the signed-in resident posted, or that are for her household; newest first. */
export function useMyNeeds() {
  return useInfiniteQuery({
    queryKey: needKeys.mine(),
    queryFn: ({ pageParam }) => api.get<NeedListView>('/api/v1/me/needs', { cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPage,
  });
}

/** A helper's needs around her (open ones to claim, or the ones she claimed). */
export function useNeedsAround(reach: AroundReach, show: AroundShow) {
  return useInfiniteQuery({
    queryKey: needKeys.around(reach, show),
    queryFn: ({ pageParam }) =>
      api.get<NeedListView>('/api/v1/me/needs/around', { reach, show, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPage,
  });
}

export function flatPages(data: InfiniteData<NeedListView> | undefined): NeedSummaryView[] {
  return data?.pages.flatMap((p) => p.items) ?? [];
}

export function useNeed(id: string) {
  return useQuery({
    queryKey: needKeys.detail(id),
    queryFn: () => api.get<NeedDetailView>(`/api/v1/needs/${enc(id)}`),
    retry: false,
  });
}

/** Open needs like the one being typed, in the same building or compound ("me too"). */
export function useSimilarNeeds(placeId: string | null, text: string, category: string | null) {
  const q = text.trim();
  return useQuery({
    queryKey: needKeys.similar(placeId ?? '', q, category ?? ''),
    queryFn: async () =>
      (
        await api.get<{ items: NeedSummaryView[] }>('/api/v1/needs/similar', {
          placeId,
          text: q,
          category,
        })
      ).items,
    enabled: placeId !== null && (q.length >= 2 || category !== null),
    staleTime: 30_000,
    retry: false,
  });
}

function useInvalidateNeeds() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: needKeys.all });
}

export function usePostNeed() {
  const done = useInvalidateNeeds();
  return useMutation({
    mutationFn: (body: PostNeedInput) => api.post<NeedPosted>('/api/v1/needs', body),
    onSuccess: done,
  });
}

/** "Me too": join an open need instead of posting the same one again. */
export function useSupportNeed() {
  const done = useInvalidateNeeds();
  return useMutation({
    mutationFn: (id: string) => api.post<NeedDetailView>(`/api/v1/needs/${enc(id)}/support`),
    onSuccess: done,
  });
}

type Step =
  | { kind: 'claim' | 'unclaim' | 'cancel'; id: string; reason?: string | null }
  | { kind: 'done'; id: string; note?: string | null }
  | { kind: 'confirm'; id: string; body: ConfirmInput }
  | { kind: 'reopen'; id: string; reason: string }
  | { kind: 'log'; id: string; body: ServiceLogInput };

function stepRequest(step: Step): Promise<unknown> {
  const base = `/api/v1/needs/${enc(step.id)}`;
  switch (step.kind) {
    case 'claim':
    case 'unclaim':
      return api.post(`${base}/${step.kind}`);
    case 'cancel':
      return api.post(`${base}/cancel`, { reason: step.reason ?? null });
    case 'done':
      return api.post(`${base}/done`, { note: step.note ?? null });
    case 'confirm':
      return api.post(`${base}/confirm`, step.body);
    case 'reopen':
      return api.post(`${base}/reopen`, { reason: step.reason });
    case 'log':
      return api.post(`${base}/logs`, step.body);
  }
}

/** Every step on a need (claim, log, done, confirm, reopen, cancel): afterwards every need list is stale. */
export function useNeedStep() {
  const done = useInvalidateNeeds();
  return useMutation({ mutationFn: stepRequest, onSuccess: done });
}

export function useRevealContact() {
  const done = useInvalidateNeeds();
  return useMutation({
    mutationFn: (id: string) => api.post<NeedContactView>(`/api/v1/needs/${enc(id)}/reveal-contact`),
    onSuccess: done,
  });
}

/**
 * Upload one photo as its own bytes (type in Content-Type), reporting progress as 0…1. XMLHttpRequest
 * because fetch cannot report upload progress.
 */
export function uploadNeedPhoto(
  file: Blob,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<NeedPhotoView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/need-photos');
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status alone tells what went wrong
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as NeedPhotoView);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'BAD_RESPONSE', error?.message ?? xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The network is unavailable.'));
    xhr.onabort = () => reject(new ApiError(0, 'NETWORK', 'Cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

/** The follow-ups the signed-in user was asked to do and has not done, due soonest first. */
export function useMyFollowUps(enabled = true) {
  return useQuery({
    queryKey: needKeys.followUps(),
    queryFn: async () => (await api.get<z.infer<typeof FollowUpList>>('/api/v1/me/follow-ups')).items,
    enabled,
    staleTime: 30_000,
  });
}

/** Close a follow-up with what came of it; the need and the lists are stale afterwards. */
export function useFollowUpDone() {
  const done = useInvalidateNeeds();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: FollowUpDoneInput }) =>
      api.post<unknown>(`/api/v1/follow-ups/${enc(id)}/done`, body),
    onSuccess: done,
  });
}
