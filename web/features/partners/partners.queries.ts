import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  PairingCreateBody,
  PairingView,
  PartnerContributionCreateBody,
  PartnerContributionView,
  PartnerOfferCreateBody,
  PartnerOfferView,
  PartnerUnitCreateBody,
  PartnerUnitDetail,
  PartnerUnitUpdateBody,
  PartnerUnitView,
} from '../../../domain/contracts/partners.js';
import type { PartnerOfferKind, PartnerUnitKind } from '../../../domain/organisation.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';

export type { PairingView, PartnerContributionView, PartnerOfferView, PartnerUnitView };
export type PartnerUnitDetailView = z.infer<typeof PartnerUnitDetail>;
export type PartnerUnitCreate = z.input<typeof PartnerUnitCreateBody>;
export type PartnerUnitUpdate = z.input<typeof PartnerUnitUpdateBody>;
export type PairingCreate = z.input<typeof PairingCreateBody>;
export type PartnerOfferCreate = z.input<typeof PartnerOfferCreateBody>;
export type PartnerContributionCreate = z.input<typeof PartnerContributionCreateBody>;

const enc = encodeURIComponent;

export const partnerKeys = {
  all: ['partners'] as const,
  units: (placeId: string, kind: PartnerUnitKind | null, q: string) =>
    ['partners', 'units', placeId, kind ?? 'all', q] as const,
  unit: (id: string) => ['partners', 'unit', id] as const,
  unitOffers: (id: string) => ['partners', 'unit', id, 'offers'] as const,
  unitContributions: (id: string) => ['partners', 'unit', id, 'contributions'] as const,
  pairings: (placeId: string, includeEnded: boolean) =>
    ['partners', 'pairings', placeId, includeEnded] as const,
  offers: (placeId: string, kind: PartnerOfferKind | null) =>
    ['partners', 'offers', placeId, kind ?? 'all'] as const,
  contributions: (placeId: string) => ['partners', 'contributions', placeId] as const,
};

export function usePartnerUnits(placeId: string | null, kind: PartnerUnitKind | null, q: string) {
  return useInfiniteQuery({
    queryKey: partnerKeys.units(placeId ?? '', kind, q),
    queryFn: ({ pageParam }) =>
      api.get<Page<PartnerUnitView>>(`/api/v1/places/${enc(placeId ?? '')}/partner-units`, {
        kind,
        q,
        cursor: pageParam,
        limit: 100,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: placeId !== null,
    retry: false,
  });
}

export function usePartnerUnit(id: string | null) {
  return useQuery({
    queryKey: partnerKeys.unit(id ?? ''),
    queryFn: () => api.get<PartnerUnitDetailView>(`/api/v1/partner-units/${enc(id ?? '')}`),
    enabled: id !== null,
    retry: false,
  });
}

export function useUnitOffers(id: string | null) {
  return useQuery({
    queryKey: partnerKeys.unitOffers(id ?? ''),
    queryFn: async () =>
      (await api.get<{ items: PartnerOfferView[] }>(`/api/v1/partner-units/${enc(id ?? '')}/offers`)).items,
    enabled: id !== null,
    retry: false,
  });
}

export function useUnitContributions(id: string | null) {
  return useQuery({
    queryKey: partnerKeys.unitContributions(id ?? ''),
    queryFn: async () =>
      (
        await api.get<Page<PartnerContributionView>>(`/api/v1/partner-units/${enc(id ?? '')}/contributions`, {
          limit: 100,
        })
      ).items,
    enabled: id !== null,
    retry: false,
  });
}

export function usePairings(placeId: string | null, includeEnded: boolean) {
  return useQuery({
    queryKey: partnerKeys.pairings(placeId ?? '', includeEnded),
    queryFn: async () =>
      (
        await api.get<{ items: PairingView[] }>(`/api/v1/places/${enc(placeId ?? '')}/pairings`, {
          includeEnded: includeEnded ? 'true' : undefined,
        })
      ).items,
    enabled: placeId !== null,
    retry: false,
  });
}

export function useOffersCatalogue(placeId: string | null, kind: PartnerOfferKind | null) {
  return useQuery({
    queryKey: partnerKeys.offers(placeId ?? '', kind),
    queryFn: async () =>
      (
        await api.get<{ items: PartnerOfferView[] }>(`/api/v1/places/${enc(placeId ?? '')}/partner-offers`, {
          kind,
        })
      ).items,
    enabled: placeId !== null,
    retry: false,
  });
}

export function useContributionsTimeline(placeId: string | null) {
  return useInfiniteQuery({
    queryKey: partnerKeys.contributions(placeId ?? ''),
    queryFn: ({ pageParam }) =>
      api.get<Page<PartnerContributionView>>(`/api/v1/places/${enc(placeId ?? '')}/partner-contributions`, {
        cursor: pageParam,
        limit: 20,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: placeId !== null,
    retry: false,
  });
}

function useInvalidatePartners() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: partnerKeys.all });
}

export function useCreatePartnerUnit() {
  const done = useInvalidatePartners();
  return useMutation({
    mutationFn: (body: PartnerUnitCreate) => api.post<PartnerUnitDetailView>('/api/v1/partner-units', body),
    onSuccess: done,
  });
}

export function useUpdatePartnerUnit() {
  const done = useInvalidatePartners();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PartnerUnitUpdate }) =>
      api.patch<PartnerUnitDetailView>(`/api/v1/partner-units/${enc(id)}`, body),
    onSuccess: done,
  });
}

export function useCreatePairing() {
  const done = useInvalidatePartners();
  return useMutation({
    mutationFn: (body: PairingCreate) => api.post<PairingView>('/api/v1/pairings', body),
    onSuccess: done,
  });
}

export function useEndPairing() {
  const done = useInvalidatePartners();
  return useMutation({
    mutationFn: ({ id, endedOn }: { id: string; endedOn: string }) =>
      api.post<PairingView>(`/api/v1/pairings/${enc(id)}/end`, { endedOn }),
    onSuccess: done,
  });
}

export function useCreateOffer() {
  const done = useInvalidatePartners();
  return useMutation({
    mutationFn: ({ unitId, body }: { unitId: string; body: PartnerOfferCreate }) =>
      api.post<PartnerOfferView>(`/api/v1/partner-units/${enc(unitId)}/offers`, body),
    onSuccess: done,
  });
}

export function useArchiveOffer() {
  const done = useInvalidatePartners();
  return useMutation({
    mutationFn: (id: string) => api.post<PartnerOfferView>(`/api/v1/partner-offers/${enc(id)}/archive`),
    onSuccess: done,
  });
}

export function useCreateContribution() {
  const done = useInvalidatePartners();
  return useMutation({
    mutationFn: ({ unitId, body }: { unitId: string; body: PartnerContributionCreate }) =>
      api.post<PartnerContributionView>(`/api/v1/partner-units/${enc(unitId)}/contributions`, body),
    onSuccess: done,
  });
}
