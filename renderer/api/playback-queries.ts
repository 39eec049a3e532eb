// The server state of playback, exports and the window check (issue #6), one TanStack query per
// API read. Clips are made on demand by the core; a made clip never changes (it is named by its
// segments), so its entry stays fresh until the window asked for changes.
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput, ExportJobView } from '../../electron/api/contract.ts';
import { anyRunning, mergeExports } from '../video/export-jobs.ts';
import { useApi } from './api-context.tsx';
import { unwrap } from './api-failure.ts';

/** While a join runs the list is re-read this often too, in case an event was lost. */
const EXPORTS_REREAD_MS = 3_000;

export const playbackKeys = {
  cameras: ['playback', 'cameras'] as const,
  day: (cameraId: string, day: string) => ['playback', 'day', cameraId, day] as const,
  clip: (cameraId: string, from: number, to: number) =>
    ['playback', 'clip', cameraId, from, to] as const,
  passageClips: (passageId: string) => ['playback', 'passage', passageId] as const,
  exports: ['playback', 'exports'] as const,
  window: (input: CallInput<'windowCheck.load'>) => ['windowCheck', input] as const,
};

export function usePlaybackCameras() {
  const api = useApi();
  return useQuery({
    queryKey: playbackKeys.cameras,
    queryFn: async () => unwrap(await api.call('playback.cameras', {})),
  });
}

export function useCameraDay(cameraId: string | null, day: string) {
  const api = useApi();
  return useQuery({
    queryKey: playbackKeys.day(cameraId ?? '', day),
    enabled: cameraId !== null,
    queryFn: async () => unwrap(await api.call('playback.day', { cameraId: cameraId!, day })),
  });
}

export function useClip(window: { cameraId: string; from: number; to: number } | null) {
  const api = useApi();
  return useQuery({
    queryKey: playbackKeys.clip(window?.cameraId ?? '', window?.from ?? 0, window?.to ?? 0),
    enabled: window !== null,
    staleTime: Infinity,
    queryFn: async () => unwrap(await api.call('playback.clip', window!)),
  });
}

/** The clips of a passage; asked again every few seconds while its segment is still open. */
export function usePassageClips(passageId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: playbackKeys.passageClips(passageId ?? ''),
    enabled: passageId !== null,
    queryFn: async () => unwrap(await api.call('playback.passageClips', { passageId: passageId! })),
    refetchInterval: (query) => (query.state.data?.missing.length ? 3_000 : false),
  });
}

export function useWindowCheck(input: CallInput<'windowCheck.load'> | null) {
  const api = useApi();
  return useQuery({
    queryKey: playbackKeys.window(input ?? { from: 0, to: 0 }),
    enabled: input !== null,
    queryFn: async () => unwrap(await api.call('windowCheck.load', input!)),
  });
}

/** The export list, kept current by the core's progress events. */
export function useExports(enabled: boolean) {
  const api = useApi();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!enabled) return;
    return api.on('playback.exportProgress', (job) => {
      queryClient.setQueryData<ExportJobView[]>(playbackKeys.exports,
        (list) => mergeExports(list, [job]));
    });
  }, [api, queryClient, enabled]);

  // A list read while a join ran may land after the event that ended it: merge, never replace.
  return useQuery({
    queryKey: playbackKeys.exports,
    enabled,
    queryFn: async () => {
      const read = unwrap(await api.call('playback.exports', {}));
      const held = queryClient.getQueryData<ExportJobView[]>(playbackKeys.exports);
      return mergeExports(held, read);
    },
    refetchInterval: (query) => (anyRunning(query.state.data) ? EXPORTS_REREAD_MS : false),
  });
}

export function useStartExport() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CallInput<'playback.export'>) =>
      unwrap(await api.call('playback.export', input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: playbackKeys.exports }),
  });
}
