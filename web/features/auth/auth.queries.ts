import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isUnauthenticated } from '../../api/client.js';
import { meKey } from '../../api/query-client.js';
import type { MeView, Role, SmsRequestedView } from '../../api/types.js';

export { meKey };

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<MeView | null> => {
      try {
        return await api.get<MeView>('/api/v1/me');
      } catch (err) {
        if (isUnauthenticated(err)) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

/** After any log-in or log-out every cached answer belongs to someone else: start afresh. */
function useSignedIn() {
  const qc = useQueryClient();
  return (me: MeView | null) => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    qc.setQueryData(meKey, me);
  };
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { login: string; password: string }) => api.post<MeView>('/api/v1/auth/login', body),
    onSuccess: signedIn,
  });
}

export function useSignup() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { phone: string; password: string; displayName: string }) =>
      api.post<MeView>('/api/v1/auth/signup', body),
    onSuccess: signedIn,
  });
}

export function useRequestSmsLoginCode() {
  return useMutation({
    mutationFn: (phone: string) => api.post<SmsRequestedView>('/api/v1/auth/sms/code', { phone }),
  });
}

export function useSmsLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: { phone: string; code: string }) => api.post<MeView>('/api/v1/auth/sms/login', body),
    onSuccess: signedIn,
  });
}

export function useRequestPhoneVerificationCode() {
  return useMutation({ mutationFn: () => api.post<SmsRequestedView>('/api/v1/auth/phone/code') });
}

export function useVerifyPhone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<MeView>('/api/v1/auth/phone/verify', { code }),
    onSuccess: (me) => qc.setQueryData(meKey, me),
  });
}

export function useLogout() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: () => api.post<void>('/api/v1/auth/logout'),
    onSettled: () => signedIn(null),
  });
}

/** Roles that belong to the staff console rather than the resident app. */
export function hasStaffRole(me: MeView | null | undefined): boolean {
  return (me?.roles ?? []).some((r) => r.role !== 'resident');
}

export function rolesOf(me: MeView | null | undefined, role: Role) {
  return (me?.roles ?? []).filter((r) => r.role === role);
}
