// The server state the renderer reads, one TanStack query per API read. Events keep these
// entries fresh (see live-updates.ts); the keys below are the only names for them.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CallInput } from '../../electron/api/contract.ts';
import { useApi } from './api-context.tsx';
import { unwrap } from './api-failure.ts';

/** Passages a lane card shows: enough to see the last few trucks without scrolling far. */
export const RECENT_PASSAGES_PER_LANE = 8;

export type PassageSearch = Required<Pick<CallInput<'passages.search'>, 'limit' | 'offset'>> &
  Pick<CallInput<'passages.search'>, 'plate' | 'from' | 'to'>;

export const queryKeys = {
  status: ['system', 'status'] as const,
  me: ['auth', 'me'] as const,
  lanes: ['lanes'] as const,
  recentAll: ['passages', 'recent'] as const,
  recent: (laneId: string) => ['passages', 'recent', laneId] as const,
  searchAll: ['passages', 'search'] as const,
  search: (params: PassageSearch) => ['passages', 'search', params] as const,
  photo: (sha256: string) => ['photo', sha256] as const,
};

export function useSystemStatus() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.status,
    queryFn: async () => unwrap(await api.call('system.status', {})),
  });
}

/** The logged-in user, or null when there is no session (not an error). */
export function useMe(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.me,
    enabled,
    queryFn: async () => {
      const result = await api.call('auth.me', {});
      if (!result.ok && result.error.code === 'unauthenticated') return null;
      return unwrap(result);
    },
  });
}

export function useLanes() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.lanes,
    queryFn: async () => unwrap(await api.call('lanes.list', {})),
  });
}

export function useRecentPassages(laneId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.recent(laneId),
    queryFn: async () =>
      unwrap(await api.call('passages.recent', { laneId, limit: RECENT_PASSAGES_PER_LANE })),
  });
}

export function usePassageSearch(params: PassageSearch) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.search(params),
    queryFn: async () => unwrap(await api.call('passages.search', params)),
    placeholderData: keepPreviousData,
  });
}

/** A photo as a data: URL. Photos never change (named by SHA-256), so one fetch serves all. */
export function usePhoto(sha256: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.photo(sha256),
    enabled,
    staleTime: Infinity,
    gcTime: 10 * 60 * 1000,
    queryFn: async () => {
      const photo = unwrap(await api.call('media.photo', { sha256 }));
      return `data:${photo.mime};base64,${photo.base64}`;
    },
  });
}
