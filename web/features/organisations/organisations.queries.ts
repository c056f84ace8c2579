import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CentralHouseholdView,
  OrganisationDetailView,
  OrganisationTree,
  PersonDetailView,
  PersonView,
} from '../../../domain/contracts/organisation.js';
import type { OrganisationKind, PositionTitle, RedButlerKind } from '../../../domain/organisation.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';

export type OrganisationTreeView = z.infer<typeof OrganisationTree>;
export type { OrganisationDetailView, PersonDetailView, PersonView, CentralHouseholdView };
export type PeopleFilter = 'all' | 'party_member' | 'in_service' | 'instructor' | 'building_leader';

export const orgKeys = {
  all: ['organisation'] as const,
  tree: (placeId: string) => ['organisation', 'tree', placeId] as const,
  detail: (id: string) => ['organisation', 'detail', id] as const,
};
export const peopleKeys = {
  all: ['people'] as const,
  list: (placeId: string, q: string, filter: PeopleFilter, cursor: string | null) =>
    ['people', 'list', placeId, q, filter, cursor ?? ''] as const,
  detail: (id: string) => ['people', 'detail', id] as const,
};

const enc = encodeURIComponent;

export function useOrganisationTree(placeId: string | null) {
  return useQuery({
    queryKey: orgKeys.tree(placeId ?? ''),
    queryFn: () => api.get<OrganisationTreeView>(`/api/v1/places/${enc(placeId ?? '')}/organisation`),
    enabled: placeId !== null,
  });
}

export function useOrganisation(id: string | null) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? ''),
    queryFn: () => api.get<OrganisationDetailView>(`/api/v1/organisations/${enc(id ?? '')}`),
    enabled: id !== null,
  });
}

/** Every change to the organisation refreshes the tree, the open detail and the people's roles. */
function useOrgMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: orgKeys.all }),
        qc.invalidateQueries({ queryKey: peopleKeys.all }),
      ]);
    },
  });
}

export const useCreateOrganisation = () =>
  useOrgMutation((b: { kind: OrganisationKind; placeId: string; name: string; buildingIds?: string[] }) =>
    api.post<OrganisationDetailView>('/api/v1/organisations', b),
  );
export const useChangeOrganisation = () =>
  useOrgMutation(({ id, ...b }: { id: string; name?: string; buildingIds?: string[] }) =>
    api.patch<OrganisationDetailView>(`/api/v1/organisations/${enc(id)}`, b),
  );
export const useMergeOrganisation = () =>
  useOrgMutation(({ id, intoId }: { id: string; intoId: string }) =>
    api.post<OrganisationDetailView>(`/api/v1/organisations/${enc(id)}/merge`, { intoId }),
  );
export const useDissolveOrganisation = () =>
  useOrgMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post<OrganisationDetailView>(`/api/v1/organisations/${enc(id)}/dissolve`, { reason }),
  );
export const useAppointPosition = () =>
  useOrgMutation(({ id, ...b }: { id: string; title: PositionTitle; personId: string }) =>
    api.post<OrganisationDetailView>(`/api/v1/organisations/${enc(id)}/positions`, b),
  );
export const useEndPosition = () =>
  useOrgMutation((id: string) => api.post<OrganisationDetailView>(`/api/v1/positions/${enc(id)}/end`));
export const useAddRedButler = () =>
  useOrgMutation(({ id, ...b }: { id: string; personId: string; kind: RedButlerKind }) =>
    api.post<OrganisationDetailView>(`/api/v1/organisations/${enc(id)}/red-butlers`, b),
  );

export function usePeople(placeId: string | null, q: string, filter: PeopleFilter, cursor: string | null) {
  return useQuery({
    queryKey: peopleKeys.list(placeId ?? '', q, filter, cursor),
    queryFn: () =>
      api.get<Page<PersonView>>(`/api/v1/places/${enc(placeId ?? '')}/people`, {
        q,
        filter,
        cursor,
        limit: 50,
      }),
    enabled: placeId !== null,
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string | null) {
  return useQuery({
    queryKey: peopleKeys.detail(id ?? ''),
    queryFn: () => api.get<PersonDetailView>(`/api/v1/people/${enc(id ?? '')}`),
    enabled: id !== null,
  });
}

export const useLinkInstructor = () =>
  useOrgMutation(({ personId, compoundId }: { personId: string; compoundId: string }) =>
    api.post<PersonDetailView>(`/api/v1/people/${enc(personId)}/instructor-links`, { compoundId }),
  );
export const useUnlinkInstructor = () =>
  useOrgMutation((linkId: string) =>
    api.post<PersonDetailView>(`/api/v1/instructor-links/${enc(linkId)}/end`),
  );

export interface PersonFields {
  name?: string;
  phone?: string | null;
  gender?: 'female' | 'male' | null;
  birthYear?: number | null;
  householdId?: string | null;
  note?: string | null;
}
export interface PartyMembershipFields {
  kind: 'resident' | 'in_service';
  organisationId?: string | null;
  workUnit?: string | null;
  joinedOn?: string | null;
}
export interface CentralHouseholdFields {
  leaderPersonId?: string;
  title?: string;
  services?: string[];
  lookedAfterIds?: string[];
}

/** Record a person in the community of a place (a household place is her home). */
export const useCreatePerson = () =>
  useOrgMutation(({ placeId, ...b }: PersonFields & { placeId: string; name: string }) =>
    api.post<PersonDetailView>(`/api/v1/places/${enc(placeId)}/people`, b),
  );
export const useChangePerson = () =>
  useOrgMutation(({ id, ...b }: PersonFields & { id: string }) =>
    api.patch<PersonDetailView>(`/api/v1/people/${enc(id)}`, b),
  );
export const useSetPartyMembership = () =>
  useOrgMutation(({ personId, ...b }: PartyMembershipFields & { personId: string }) =>
    api.post<PersonDetailView>(`/api/v1/people/${enc(personId)}/party-membership`, b),
  );
export const useEndPartyMembership = () =>
  useOrgMutation((personId: string) =>
    api.post<PersonDetailView>(`/api/v1/people/${enc(personId)}/party-membership/end`),
  );

export const useCreateCentralHousehold = () =>
  useOrgMutation(
    (b: CentralHouseholdFields & { householdId: string; leaderPersonId: string; title: string }) =>
      api.post<CentralHouseholdView>('/api/v1/central-households', b),
  );
export const useChangeCentralHousehold = () =>
  useOrgMutation(({ id, ...b }: CentralHouseholdFields & { id: string }) =>
    api.patch<CentralHouseholdView>(`/api/v1/central-households/${enc(id)}`, b),
  );
export const useEndCentralHousehold = () =>
  useOrgMutation((id: string) => api.post<CentralHouseholdView>(`/api/v1/central-households/${enc(id)}/end`));

export const useEndRedButler = () =>
  useOrgMutation((id: string) => api.post<OrganisationDetailView>(`/api/v1/red-butlers/${enc(id)}/end`));
export const useAddOwnersCommitteeMember = () =>
  useOrgMutation(({ compoundId, ...b }: { compoundId: string; personId: string; role: 'chair' | 'member' }) =>
    api.post(`/api/v1/places/${enc(compoundId)}/owners-committee`, b),
  );
export const useEndOwnersCommitteeMember = () =>
  useOrgMutation((id: string) => api.post(`/api/v1/owners-committee-members/${enc(id)}/end`));
