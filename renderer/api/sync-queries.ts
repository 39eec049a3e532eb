// The server state of the Sync page: the status of reporting to the city platform, and the
// officer's resend of a refused message. `sync.changed` keeps it fresh while the page is open.
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './api-context.tsx';
import { unwrap } from './api-failure.ts';

/** Refusals the page lists: a bad day's worth; an officer works through them newest first. */
export const REJECTIONS_LISTED = 100;

/**
 * Ages, rates and the clock move with time alone; the event covers what the drainer sends,
 * this refetch the rest (and a long backlog drain, which tells only when it is done).
 */
const SYNC_REFRESH_MS = 15_000;

export const syncKeys = {
  status: ['sync', 'status'] as const,
};

export function useSyncStatus() {
  const api = useApi();
  const queryClient = useQueryClient();

  useEffect(() => api.on('sync.changed', () => {
    void queryClient.invalidateQueries({ queryKey: syncKeys.status });
  }), [api, queryClient]);

  return useQuery({
    queryKey: syncKeys.status,
    queryFn: async () =>
      unwrap(await api.call('sync.status', { rejectedLimit: REJECTIONS_LISTED })),
    refetchInterval: SYNC_REFRESH_MS,
  });
}

export function useResend() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (outboxId: number) => api.call('sync.resend', { outboxId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: syncKeys.status }),
  });
}
