import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.js';

/** Where the signed-in user is cached; null means nobody is signed in. */
export const meKey = ['me'] as const;

/** The session ended (expired, logged out elsewhere): not a wrong password, which is also a 401. */
function sessionLost(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED');
}

/**
 * One cache per shell. Client mistakes (4xx) are not retried: asking again would get the same answer.
 * When any request finds the session gone, the cached user is cleared so the shell asks to log in.
 */
export function createQueryClient(): QueryClient {
  const signOut = (err: unknown) => {
    if (sessionLost(err)) client.setQueryData(meKey, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: signOut }),
    mutationCache: new MutationCache({ onError: signOut }),
    defaultOptions: {
      queries: {
        retry: (count, err) =>
          !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
