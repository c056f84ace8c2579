import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Page, PlaceDetailView, PlaceKind, PlaceView } from '../../api/types.js';

export const placeKeys = {
  all: ['places'] as const,
  roots: () => ['places', 'roots'] as const,
  detail: (id: string) => ['places', 'detail', id] as const,
  children: (id: string, cursor: string | null) => ['places', 'children', id, cursor ?? ''] as const,
};

export function fetchChildren(id: string, cursor: string | null): Promise<Page<PlaceView>> {
  return api.get<Page<PlaceView>>(`/api/v1/places/${encodeURIComponent(id)}/children`, {
    includeArchived: true,
    cursor,
    limit: 100,
  });
}

/** The tops of the caller's scopes: where the console's trees and pickers start. */
export function usePlaceRoots() {
  return useQuery({
    queryKey: placeKeys.roots(),
    queryFn: async () => (await api.get<{ items: PlaceView[] }>('/api/v1/places')).items,
  });
}

export function usePlaceDetail(id: string | null) {
  return useQuery({
    queryKey: placeKeys.detail(id ?? ''),
    queryFn: () => api.get<PlaceDetailView>(`/api/v1/places/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });
}

export function useCreatePlace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { parentId: string; kind: PlaceKind; name: string }) =>
      api.post<PlaceView>('/api/v1/places', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: placeKeys.all }),
  });
}

export function useRenamePlace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      api.patch<PlaceView>(`/api/v1/places/${encodeURIComponent(id)}`, { name }),
    onSuccess: () => qc.invalidateQueries({ queryKey: placeKeys.all }),
  });
}

export function useMovePlace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, parentId }: { id: string; parentId: string }) =>
      api.post<PlaceView>(`/api/v1/places/${encodeURIComponent(id)}/move`, { parentId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: placeKeys.all }),
  });
}

export function useSetPlaceArchived() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      api.post<PlaceView>(`/api/v1/places/${encodeURIComponent(id)}/${archived ? 'archive' : 'restore'}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: placeKeys.all }),
  });
}

/** Details (with ancestors) of several places at once, e.g. a resident's households. */
export function usePlaceDetails(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: placeKeys.detail(id),
      queryFn: () => api.get<PlaceDetailView>(`/api/v1/places/${encodeURIComponent(id)}`),
    })),
  });
}
