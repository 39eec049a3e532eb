// The server state of device health and the cameras' allowlists. The `devices.health` event
// replaces the list as soon as a device goes down or comes back; the allowlists change rarely
// and are fetched again now and then.
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeviceHealthView } from '../../electron/api/contract.ts';
import { useApi } from './api-context.tsx';
import { unwrap } from './api-failure.ts';

/** A missed event (a reconnect) is repaired by this refetch at the latest. */
const HEALTH_REFRESH_MS = 30_000;
const ALLOWLIST_REFRESH_MS = 60_000;

export const deviceKeys = {
  health: ['devices', 'health'] as const,
  allowlists: ['devices', 'allowlists'] as const,
};

export function useDeviceHealth() {
  const api = useApi();
  const queryClient = useQueryClient();

  useEffect(() => api.on('devices.health', (views) => {
    queryClient.setQueryData<DeviceHealthView[]>(deviceKeys.health, views);
  }), [api, queryClient]);

  return useQuery({
    queryKey: deviceKeys.health,
    queryFn: async () => unwrap(await api.call('devices.health', {})),
    refetchInterval: HEALTH_REFRESH_MS,
  });
}

export function useAllowlists() {
  const api = useApi();
  return useQuery({
    queryKey: deviceKeys.allowlists,
    queryFn: async () => unwrap(await api.call('devices.allowlists', {})),
    refetchInterval: ALLOWLIST_REFRESH_MS,
  });
}
