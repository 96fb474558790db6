import type { SessionInfo } from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSession, login, logout } from './auth-api';

export const SESSION_KEY = ['session'] as const;

/** The signed-in user (restored from the cookie via /auth/me on load), or null. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/**
 * Sign in and out. Either way every asset answer may change (fields hidden or shown), so the
 * cached answers are dropped (not just marked stale: the next user must not see the last one's
 * confidential fields, even briefly) and reloaded.
 */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ email, password }: { email: string; password: string }) => login(email, password),
    onSuccess: (session: SessionInfo) => {
      queryClient.setQueryData(SESSION_KEY, session);
      void queryClient.resetQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.setQueryData(SESSION_KEY, null);
      void queryClient.resetQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    },
  });
}
