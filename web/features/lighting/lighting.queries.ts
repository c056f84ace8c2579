import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CardChoicesView,
  CardMessageList,
  CentralHouseholdView,
  LitCount,
  LitHouseholdList,
  PublicCardView,
} from '../../../domain/contracts/lighting.js';
import { LIGHT_UP_CONSENT_VERSION } from '../../../domain/contracts/lighting.js';
import { api } from '../../api/client.js';

export type { CardChoicesView, CentralHouseholdView, PublicCardView };
export type LitHouseholdListView = z.infer<typeof LitHouseholdList>;
export type CardMessageView = z.infer<typeof CardMessageList>['items'][number];
export { LIGHT_UP_CONSENT_VERSION };

const enc = encodeURIComponent;

export const lightingKeys = {
  all: ['lighting'] as const,
  mine: () => ['lighting', 'mine'] as const,
  under: (placeId: string) => ['lighting', 'under', placeId] as const,
  card: (token: string) => ['lighting', 'card', token] as const,
  messages: (id: string) => ['lighting', 'messages', id] as const,
  building: (id: string) => ['lighting', 'building', id] as const,
  count: (id: string) => ['lighting', 'count', id] as const,
};

/** The central households the signed-in member leads. */
export function useMyCentralHouseholds() {
  return useQuery({
    queryKey: lightingKeys.mine(),
    queryFn: async () =>
      (await api.get<{ items: CentralHouseholdView[] }>('/api/v1/me/central-households')).items,
  });
}

/** Staff: central households under a place, lit or not, with consent. */
export function useLightingUnder(placeId: string | null) {
  return useQuery({
    queryKey: lightingKeys.under(placeId ?? ''),
    queryFn: async () =>
      (await api.get<{ items: CentralHouseholdView[] }>(`/api/v1/places/${enc(placeId ?? '')}/lighting`))
        .items,
    enabled: placeId !== null,
    retry: false,
  });
}

function useInvalidateLighting() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: lightingKeys.all });
}

export function useLightUp() {
  const done = useInvalidateLighting();
  return useMutation({
    mutationFn: ({ id, choices }: { id: string; choices: CardChoicesView }) =>
      api.post<CentralHouseholdView>(`/api/v1/central-households/${enc(id)}/light-up`, {
        consent: { agreed: true, textVersion: LIGHT_UP_CONSENT_VERSION },
        choices,
      }),
    onSuccess: done,
  });
}

export function useRevokeLightUp() {
  const done = useInvalidateLighting();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<CentralHouseholdView>(`/api/v1/central-households/${enc(id)}/revoke`),
    onSuccess: done,
  });
}

export function useSaveCardChoices() {
  const done = useInvalidateLighting();
  return useMutation({
    mutationFn: ({ id, choices }: { id: string; choices: CardChoicesView }) =>
      api.patch<CentralHouseholdView>(`/api/v1/central-households/${enc(id)}/card`, choices),
    onSuccess: done,
  });
}

/** The public card; a withdrawn or unknown card is a 404 and is not retried. */
export function usePublicCard(token: string) {
  return useQuery({
    queryKey: lightingKeys.card(token),
    queryFn: () => api.get<PublicCardView>(`/api/v1/cards/${enc(token)}`),
    retry: false,
  });
}

export function useSendCardMessage(token: string) {
  return useMutation({
    mutationFn: (body: string) => api.post<{ ok: true }>(`/api/v1/cards/${enc(token)}/messages`, { body }),
  });
}

export function useCardMessages(id: string | null) {
  return useQuery({
    queryKey: lightingKeys.messages(id ?? ''),
    queryFn: async () =>
      (await api.get<{ items: CardMessageView[] }>(`/api/v1/central-households/${enc(id ?? '')}/messages`))
        .items,
    enabled: id !== null,
  });
}

export function useMarkMessagesRead() {
  const done = useInvalidateLighting();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/api/v1/central-households/${enc(id)}/messages/read`),
    onSuccess: done,
  });
}

export function useLitHouseholds(buildingId: string | null) {
  return useQuery({
    queryKey: lightingKeys.building(buildingId ?? ''),
    queryFn: () => api.get<LitHouseholdListView>(`/api/v1/places/${enc(buildingId ?? '')}/lit-households`),
    enabled: buildingId !== null,
    retry: false,
  });
}

export function useLitCount(placeId: string | null) {
  return useQuery({
    queryKey: lightingKeys.count(placeId ?? ''),
    queryFn: () => api.get<z.infer<typeof LitCount>>(`/api/v1/places/${enc(placeId ?? '')}/lit-count`),
    enabled: placeId !== null,
    retry: false,
  });
}

/** Where the door sign of a lit household downloads from. */
export function doorSignUrl(id: string, format: 'png' | 'pdf', lang: string): string {
  const l = lang.startsWith('en') ? 'en' : 'zh-CN';
  return `/api/v1/central-households/${enc(id)}/door-sign.${format}?lang=${l}`;
}

/** The public card's address on this site. */
export function cardPath(token: string): string {
  return `/card/${enc(token)}`;
}
