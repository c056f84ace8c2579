import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Open311Key, Open311KeyIssued } from '../../../domain/contracts/open311.js';
import { api } from '../../api/client.js';

export type Open311KeyView = z.infer<typeof Open311Key>;
/** As issued: the key itself is in the answer this once. */
export type IssuedOpen311Key = z.infer<typeof Open311KeyIssued>;

const enc = encodeURIComponent;
const keys = (placeId: string) => ['open311-keys', placeId] as const;

export function useOpen311Keys(placeId: string | null) {
  return useQuery({
    queryKey: keys(placeId ?? ''),
    queryFn: async () =>
      (await api.get<{ items: Open311KeyView[] }>(`/api/v1/places/${enc(placeId ?? '')}/open311-keys`)).items,
    enabled: placeId !== null,
    retry: false,
  });
}

export function useIssueOpen311Key(placeId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api.post<IssuedOpen311Key>(`/api/v1/places/${enc(placeId ?? '')}/open311-keys`, { name }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys(placeId ?? '') }),
  });
}

export function useRevokeOpen311Key(placeId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<Open311KeyView>(`/api/v1/open311-keys/${enc(id)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys(placeId ?? '') }),
  });
}
