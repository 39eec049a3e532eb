// Logging in, first-run setup and logging out. The session's token goes to the API client (the
// HTTP transport sends it); the user goes into the query cache, where the app shell reads it.
import { useQueryClient } from '@tanstack/react-query';
import type { CallInput, CallOutput, Result, UserView } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { queryKeys } from '../api/queries.ts';

type Session = { token: string; user: UserView };
type Status = CallOutput<'system.status'>;

export function useSessionActions() {
  const api = useApi();
  const queryClient = useQueryClient();

  const begin = (result: Result<Session>): Result<Session> => {
    if (!result.ok) return result;
    api.setToken(result.value.token);
    queryClient.setQueryData(queryKeys.me, result.value.user);
    return result;
  };

  return {
    login: async (input: CallInput<'auth.login'>) => begin(await api.call('auth.login', input)),

    setupInstaller: async (input: CallInput<'auth.setupInstaller'>) => {
      const result = begin(await api.call('auth.setupInstaller', input));
      if (result.ok) {
        queryClient.setQueryData<Status>(queryKeys.status, (status) =>
          status === undefined ? undefined : { ...status, needsSetup: false },
        );
      }
      return result;
    },

    /** Ends the session on the core too; the UI logs out even when the core is unreachable. */
    logout: async () => {
      await api.call('auth.logout', {});
      api.setToken(null);
      queryClient.setQueryData(queryKeys.me, null);
      queryClient.removeQueries({
        predicate: (query) => query.queryKey[0] !== 'system' && query.queryKey[0] !== 'auth',
      });
    },
  };
}
