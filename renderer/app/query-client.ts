// The one query cache. Two answers from the core concern the whole app rather than one screen:
// `unauthenticated` (the session ended: back to the login page) and `setup_required` (the
// installer account is gone: back to first-run setup).
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiFailure, isRetryable } from '../api/api-failure.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';

const MAX_RETRIES = 2;

export function createQueryClient(api: ApiClient): QueryClient {
  const onError = (error: unknown) => {
    if (!(error instanceof ApiFailure)) return;
    if (error.code === 'unauthenticated') {
      api.setToken(null);
      queryClient.setQueryData(queryKeys.me, null);
    }
    if (error.code === 'setup_required') {
      void queryClient.invalidateQueries({ queryKey: queryKeys.status });
    }
  };

  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < MAX_RETRIES && isRetryable(error),
        // Events keep the cache fresh; a window regaining focus is no news.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
  return queryClient;
}
