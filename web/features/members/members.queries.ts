import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BlowWhistleBody,
  MemberReport,
  MemberReportList,
  Post,
  PostClaim,
  PostClaimList,
  PlaceStats,
  ReportableCommunities,
  ReportInBody,
  ServiceRecord,
  SmallMatter,
  SmallMatterBody,
  SmallMatterList,
  Wall,
  WhistleAudienceOptions,
  WhistleDetail,
  WhistleList,
  WhistleSummary,
  WorkUnitSummary,
} from '../../../domain/contracts/members.js';
import type { ReportStatus, SmallMatterStatus, WhistleStatus } from '../../../domain/members.js';
import { api, ApiError, CLIENT_ERROR_CODES } from '../../api/client.js';

export type MemberReportView = MemberReport;
export type PostView = Post;
export type PostClaimView = PostClaim;
export type PlaceStatsView = PlaceStats;
export type ServiceRecordView = ServiceRecord;
export type SmallMatterView = SmallMatter;
export type WhistleSummaryView = WhistleSummary;
export type WhistleDetailView = WhistleDetail;
export type WhistleCallView = WhistleDetail['calls'][number];
export type WhistleAudienceOptionsView = z.infer<typeof WhistleAudienceOptions>;
export type WorkUnitSummaryView = z.infer<typeof WorkUnitSummary>;
export type ReportInInput = z.input<typeof ReportInBody>;
export type SmallMatterInput = z.input<typeof SmallMatterBody>;
export type BlowWhistleInput = z.input<typeof BlowWhistleBody>;
type Page<T> = { items: T[]; nextCursor: string | null };

const enc = encodeURIComponent;
const V1 = '/api/v1';

/** Every address this feature talks to, in one place. */
export const membersPaths = {
  reportable: () => `${V1}/report-in/communities`,
  myReports: () => `${V1}/me/member-reports`,
  reports: () => `${V1}/member-reports`,
  report: (id: string) => `${V1}/member-reports/${enc(id)}`,
  reportStep: (id: string, step: 'withdraw' | 'move' | 'confirm' | 'approve' | 'return') =>
    `${V1}/member-reports/${enc(id)}/${step}`,
  placeReports: (placeId: string) => `${V1}/places/${enc(placeId)}/member-reports`,
  posts: (communityId: string) => `${V1}/places/${enc(communityId)}/posts`,
  post: (id: string) => `${V1}/posts/${enc(id)}`,
  claimPost: (id: string) => `${V1}/posts/${enc(id)}/claims`,
  placeClaims: (placeId: string) => `${V1}/places/${enc(placeId)}/post-claims`,
  myClaims: () => `${V1}/me/post-claims`,
  claimStep: (id: string, step: 'approve' | 'reject' | 'leave' | 'logs') =>
    `${V1}/post-claims/${enc(id)}/${step}`,
  myWhistles: () => `${V1}/me/whistles`,
  placeWhistles: (placeId: string) => `${V1}/places/${enc(placeId)}/whistles`,
  whistleAudiences: (placeId: string) => `${V1}/places/${enc(placeId)}/whistle-audiences`,
  whistle: (id: string) => `${V1}/whistles/${enc(id)}`,
  whistleStep: (id: string, step: 'answer' | 'check-in' | 'done' | 'close') =>
    `${V1}/whistles/${enc(id)}/${step}`,
  mySmallMatters: () => `${V1}/me/small-matters`,
  smallMatters: () => `${V1}/small-matters`,
  smallMatter: (id: string) => `${V1}/small-matters/${enc(id)}`,
  wall: (placeId: string) => `${V1}/places/${enc(placeId)}/small-matters/wall`,
  placeSmallMatters: (placeId: string) => `${V1}/places/${enc(placeId)}/small-matters`,
  smallMatterStep: (id: string, step: 'verify' | 'query' | 'wall' | 'withdraw') =>
    `${V1}/small-matters/${enc(id)}/${step}`,
  myRecord: (format?: 'xlsx' | 'pdf') => `${V1}/me/service-record${format ? `.${format}` : ''}`,
  memberRecord: (placeId: string, userId: string, format?: 'xlsx' | 'pdf') =>
    `${V1}/places/${enc(placeId)}/members/${enc(userId)}/service-record${format ? `.${format}` : ''}`,
  workUnits: (placeId: string, format?: 'xlsx') =>
    `${V1}/places/${enc(placeId)}/work-unit-summary${format ? `.${format}` : ''}`,
  stats: (placeId: string) => `${V1}/places/${enc(placeId)}/stats`,
  photos: () => `${V1}/need-photos`,
};

/** The language a download is worded in. */
export function exportLang(language: string): 'zh-CN' | 'en' {
  return language.startsWith('en') ? 'en' : 'zh-CN';
}

/** A download link with the reader's language. */
export function withLang(path: string, language: string): string {
  return `${path}?lang=${exportLang(language)}`;
}

export const membersKeys = {
  all: ['members'] as const,
  myReports: () => ['members', 'my-reports'] as const,
  placeReports: (placeId: string, status: string, q: string) =>
    ['members', 'reports', placeId, status, q] as const,
  posts: (communityId: string, archived: boolean) => ['members', 'posts', communityId, archived] as const,
  claims: (placeId: string, status: string) => ['members', 'claims', placeId, status] as const,
  myClaims: () => ['members', 'my-claims'] as const,
  myWhistles: () => ['members', 'my-whistles'] as const,
  placeWhistles: (placeId: string) => ['members', 'whistles', placeId] as const,
  whistle: (id: string) => ['members', 'whistle', id] as const,
  audiences: (placeId: string) => ['members', 'audiences', placeId] as const,
  mySmallMatters: () => ['members', 'my-small-matters'] as const,
  placeSmallMatters: (placeId: string, status: string) =>
    ['members', 'small-matters', placeId, status] as const,
  myRecord: () => ['members', 'my-record'] as const,
  memberRecord: (placeId: string, userId: string) => ['members', 'record', placeId, userId] as const,
  workUnits: (placeId: string) => ['members', 'work-units', placeId] as const,
  stats: (placeId: string) => ['members', 'stats', placeId] as const,
};

/** After any change, every list and every count of this feature is asked again. */
function useDone() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: membersKeys.all });
}

// Reports ------------------------------------------------------------------------------------------

/** Communities a member may report in to (any signed-in user may ask). */
export function useReportableCommunities(enabled = true) {
  return useQuery({
    queryKey: ['members', 'reportable'],
    queryFn: async () =>
      (await api.get<z.infer<typeof ReportableCommunities>>(membersPaths.reportable())).items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useMyReports() {
  return useQuery({
    queryKey: membersKeys.myReports(),
    queryFn: async () => (await api.get<Page<MemberReportView>>(membersPaths.myReports())).items,
  });
}

/** Her report that is still open (pending, returned or approved), newest first. */
export function currentReport(reports: MemberReportView[] | undefined): MemberReportView | undefined {
  return (reports ?? []).find((r) => ['pending', 'returned', 'approved'].includes(r.status));
}

export function usePlaceReports(placeId: string | null, status: ReportStatus | 'all', q: string) {
  return useInfiniteQuery({
    queryKey: membersKeys.placeReports(placeId ?? '', status, q),
    queryFn: ({ pageParam }) =>
      api.get<z.infer<typeof MemberReportList>>(membersPaths.placeReports(placeId ?? ''), {
        status: status === 'all' ? undefined : status,
        q,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: placeId !== null,
    retry: false,
  });
}

export function useReportIn() {
  const done = useDone();
  return useMutation({
    mutationFn: (body: ReportInInput) => api.post<MemberReportView>(membersPaths.reports(), body),
    onSuccess: done,
  });
}

export function useEditReport() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Omit<ReportInInput, 'communityId'> }) =>
      api.patch<MemberReportView>(membersPaths.report(id), body),
    onSuccess: done,
  });
}

export function useMoveReport() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ReportInInput }) =>
      api.post<MemberReportView>(membersPaths.reportStep(id, 'move'), body),
    onSuccess: done,
  });
}

export function useReportStep() {
  const done = useDone();
  return useMutation({
    mutationFn: ({
      id,
      step,
      reason,
    }: {
      id: string;
      step: 'withdraw' | 'confirm' | 'approve' | 'return';
      reason?: string;
    }) =>
      api.post<MemberReportView>(membersPaths.reportStep(id, step), reason === undefined ? {} : { reason }),
    onSuccess: done,
  });
}

// Posts --------------------------------------------------------------------------------------------

export function usePosts(communityId: string | null, includeArchived = false) {
  return useQuery({
    queryKey: membersKeys.posts(communityId ?? '', includeArchived),
    queryFn: async () =>
      (
        await api.get<{ items: PostView[] }>(membersPaths.posts(communityId ?? ''), {
          includeArchived: includeArchived || undefined,
        })
      ).items,
    enabled: communityId !== null,
    retry: false,
  });
}

export function useMyClaims() {
  return useQuery({
    queryKey: membersKeys.myClaims(),
    queryFn: async () => (await api.get<Page<PostClaimView>>(membersPaths.myClaims())).items,
  });
}

export function usePlaceClaims(placeId: string | null, status: 'pending' | 'all') {
  return useQuery({
    queryKey: membersKeys.claims(placeId ?? '', status),
    queryFn: async () =>
      (
        await api.get<z.infer<typeof PostClaimList>>(membersPaths.placeClaims(placeId ?? ''), {
          status: status === 'all' ? undefined : status,
          limit: 100,
        })
      ).items,
    enabled: placeId !== null,
    retry: false,
  });
}

export interface PostInput {
  name: string;
  description: string | null;
  capacity: number;
}

export function useSavePost() {
  const done = useDone();
  return useMutation({
    mutationFn: ({
      id,
      communityId,
      body,
    }: {
      id?: string;
      communityId: string;
      body: Partial<PostInput> & { archived?: boolean };
    }) =>
      id
        ? api.patch<PostView>(membersPaths.post(id), body)
        : api.post<PostView>(membersPaths.posts(communityId), body),
    onSuccess: done,
  });
}

export function useClaimPost() {
  const done = useDone();
  return useMutation({
    mutationFn: (postId: string) => api.post<PostClaimView>(membersPaths.claimPost(postId), {}),
    onSuccess: done,
  });
}

export function useClaimStep() {
  const done = useDone();
  return useMutation({
    mutationFn: ({
      id,
      step,
      reason,
    }: {
      id: string;
      step: 'approve' | 'reject' | 'leave';
      reason?: string;
    }) => api.post<PostClaimView>(membersPaths.claimStep(id, step), reason ? { reason } : {}),
    onSuccess: done,
  });
}

export function useLogPostHours() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ id, hours, note }: { id: string; hours: number; note: string | null }) =>
      api.post<unknown>(membersPaths.claimStep(id, 'logs'), { hours, note }),
    onSuccess: done,
  });
}

// Whistles -----------------------------------------------------------------------------------------

export function useMyWhistles() {
  return useQuery({
    queryKey: membersKeys.myWhistles(),
    queryFn: async () => (await api.get<Page<WhistleSummaryView>>(membersPaths.myWhistles())).items,
  });
}

export function usePlaceWhistles(placeId: string | null, status: WhistleStatus | 'all' = 'all') {
  return useInfiniteQuery({
    queryKey: [...membersKeys.placeWhistles(placeId ?? ''), status],
    queryFn: ({ pageParam }) =>
      api.get<z.infer<typeof WhistleList>>(membersPaths.placeWhistles(placeId ?? ''), {
        status: status === 'all' ? undefined : status,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: placeId !== null,
    retry: false,
  });
}

export function useWhistle(id: string | null) {
  return useQuery({
    queryKey: membersKeys.whistle(id ?? ''),
    queryFn: () => api.get<WhistleDetailView>(membersPaths.whistle(id ?? '')),
    enabled: id !== null,
    retry: false,
  });
}

export function useWhistleAudiences(placeId: string | null) {
  return useQuery({
    queryKey: membersKeys.audiences(placeId ?? ''),
    queryFn: () => api.get<WhistleAudienceOptionsView>(membersPaths.whistleAudiences(placeId ?? '')),
    enabled: placeId !== null,
    retry: false,
  });
}

export function useBlowWhistle() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ communityId, body }: { communityId: string; body: BlowWhistleInput }) =>
      api.post<WhistleDetailView>(membersPaths.placeWhistles(communityId), body),
    onSuccess: done,
  });
}

export function useWhistleStep() {
  const done = useDone();
  return useMutation({
    mutationFn: ({
      id,
      step,
      answer,
      note,
    }: {
      id: string;
      step: 'answer' | 'check-in' | 'done' | 'close';
      answer?: 'coming' | 'cannot';
      note?: string | null;
    }) =>
      api.post<WhistleDetailView>(membersPaths.whistleStep(id, step), {
        ...(answer ? { answer } : {}),
        ...(note ? { note } : {}),
      }),
    onSuccess: done,
  });
}

// Small matters ------------------------------------------------------------------------------------

export function useMySmallMatters() {
  return useQuery({
    queryKey: membersKeys.mySmallMatters(),
    queryFn: async () => (await api.get<Page<SmallMatterView>>(membersPaths.mySmallMatters())).items,
  });
}

export function usePlaceSmallMatters(placeId: string | null, status: SmallMatterStatus | 'all') {
  return useInfiniteQuery({
    queryKey: membersKeys.placeSmallMatters(placeId ?? '', status),
    queryFn: ({ pageParam }) =>
      api.get<z.infer<typeof SmallMatterList>>(membersPaths.placeSmallMatters(placeId ?? ''), {
        status: status === 'all' ? undefined : status,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: placeId !== null,
    retry: false,
  });
}

export function useRecordSmallMatter() {
  const done = useDone();
  return useMutation({
    mutationFn: (body: SmallMatterInput) => api.post<SmallMatterView>(membersPaths.smallMatters(), body),
    onSuccess: done,
  });
}

/** Change a pending or queried small matter; a queried one goes back to the community. */
export function useChangeSmallMatter() {
  const done = useDone();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<SmallMatterInput> }) =>
      api.patch<SmallMatterView>(membersPaths.smallMatter(id), body),
    onSuccess: done,
  });
}

/** The community wall: verified small matters their members chose to show. */
export function useWall(communityId: string | null) {
  return useInfiniteQuery({
    queryKey: ['members', 'wall', communityId ?? ''],
    queryFn: ({ pageParam }) =>
      api.get<z.infer<typeof Wall>>(membersPaths.wall(communityId ?? ''), { cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: communityId !== null,
    retry: false,
  });
}

export function useSmallMatterStep() {
  const done = useDone();
  return useMutation({
    mutationFn: ({
      id,
      step,
      reason,
      show,
    }: {
      id: string;
      step: 'verify' | 'query' | 'wall' | 'withdraw';
      reason?: string;
      show?: boolean;
    }) =>
      api.post<SmallMatterView>(membersPaths.smallMatterStep(id, step), {
        ...(reason ? { reason } : {}),
        ...(show === undefined ? {} : { show }),
      }),
    onSuccess: done,
  });
}

/** Upload one photo (raw image body) and get its id, to be linked to a small matter. */
export async function uploadPhoto(file: File): Promise<{ id: string; url: string }> {
  let response: Response;
  try {
    response = await fetch(membersPaths.photos(), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': file.type || 'application/octet-stream', accept: 'application/json' },
      body: file,
    });
  } catch {
    throw new ApiError(0, CLIENT_ERROR_CODES.network, 'The network is unavailable.');
  }
  const body = (await response.json().catch(() => null)) as
    { id: string; url: string } | { error: { code: string; message: string } } | null;
  if (!response.ok || !body || 'error' in body) {
    const error = body && 'error' in body ? body.error : null;
    throw new ApiError(
      response.status,
      error?.code ?? CLIENT_ERROR_CODES.badResponse,
      error?.message ?? 'Upload failed',
    );
  }
  return body;
}

// Records and counts -------------------------------------------------------------------------------

export function useMyServiceRecord(language: string) {
  return useQuery({
    queryKey: [...membersKeys.myRecord(), exportLang(language)],
    queryFn: () => api.get<ServiceRecordView>(membersPaths.myRecord(), { lang: exportLang(language) }),
  });
}

export function useMemberRecord(placeId: string | null, userId: string | null, language: string) {
  return useQuery({
    queryKey: [...membersKeys.memberRecord(placeId ?? '', userId ?? ''), exportLang(language)],
    queryFn: () =>
      api.get<ServiceRecordView>(membersPaths.memberRecord(placeId ?? '', userId ?? ''), {
        lang: exportLang(language),
      }),
    enabled: placeId !== null && userId !== null,
    retry: false,
  });
}

export function useWorkUnitSummary(placeId: string | null, language: string) {
  return useQuery({
    queryKey: [...membersKeys.workUnits(placeId ?? ''), exportLang(language)],
    queryFn: () =>
      api.get<WorkUnitSummaryView>(membersPaths.workUnits(placeId ?? ''), { lang: exportLang(language) }),
    enabled: placeId !== null,
    retry: false,
  });
}

/** The headline counts of a place, kept live: asked again every half minute while shown. */
export function usePlaceStats(placeId: string | null) {
  return useQuery({
    queryKey: membersKeys.stats(placeId ?? ''),
    queryFn: () => api.get<PlaceStatsView>(membersPaths.stats(placeId ?? '')),
    enabled: placeId !== null,
    retry: false,
    refetchInterval: 30_000,
  });
}
