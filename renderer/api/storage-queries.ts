// The footage storage as the core last checked it (issue #6): roots, forecast, alarms and the
// retention. The core checks on its own timer; `checkNow` asks it to look at the disks now.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../electron/api/contract.ts';
import { useApi } from './api-context.tsx';
import { unwrap } from './api-failure.ts';

/** The core re-checks every few minutes; a page open longer follows it. */
const STORAGE_REFRESH_MS = 60_000;

export const storageKeys = { report: ['video', 'storage'] as const };

export function useStorageReport(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: storageKeys.report,
    enabled,
    queryFn: async () => unwrap(await api.call('video.storage', { refresh: false })),
    refetchInterval: STORAGE_REFRESH_MS,
  });
}

export function useCheckStorageNow() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.call('video.storage', { refresh: true })),
    onSuccess: (report) => queryClient.setQueryData(storageKeys.report, report),
  });
}

export function useSetRetention() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CallInput<'video.setRetention'>) =>
      unwrap(await api.call('video.setRetention', input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: storageKeys.report }),
  });
}
