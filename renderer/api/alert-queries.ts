// The server state of alerts, the control state, the cap and the inventory check, one TanStack
// query each. `control.changed` keeps them fresh (live-updates.ts); the keys below are the only
// names for them.
import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context.tsx';
import { unwrap } from './api-failure.ts';

/** Alerts the Alerts page lists: a season's worth, newest first. */
export const ALERTS_LISTED = 100;

/**
 * The cap counter moves with every truck, which the passage events already tell; this refetch
 * is the safety net after a day rolls over at midnight with no truck to trigger it.
 */
const CAP_REFRESH_MS = 60_000;

export const alertKeys = {
  control: ['control'] as const,
  alerts: ['alerts'] as const,
  cap: ['cap', 'status'] as const,
  capSettings: ['cap', 'settings'] as const,
  alertDaysAll: ['cap', 'alertDays'] as const,
  alertDays: (from: number, to: number) => ['cap', 'alertDays', from, to] as const,
  compliance: ['inventory', 'compliance'] as const,
};

export function useControl() {
  const api = useApi();
  return useQuery({
    queryKey: alertKeys.control,
    queryFn: async () => unwrap(await api.call('control.current', {})),
  });
}

export function useCapStatus() {
  const api = useApi();
  return useQuery({
    queryKey: alertKeys.cap,
    queryFn: async () => unwrap(await api.call('cap.status', {})),
    refetchInterval: CAP_REFRESH_MS,
  });
}

export function useAlerts() {
  const api = useApi();
  return useQuery({
    queryKey: alertKeys.alerts,
    queryFn: async () => unwrap(await api.call('alerts.list', { limit: ALERTS_LISTED })),
  });
}

export function useCapSettings(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: alertKeys.capSettings,
    enabled,
    queryFn: async () => unwrap(await api.call('cap.settings', {})),
  });
}

export function useAlertDays(from: number, to: number, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: alertKeys.alertDays(from, to),
    enabled,
    queryFn: async () => unwrap(await api.call('cap.alertDays', { from, to })),
  });
}

export function useCompliance(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: alertKeys.compliance,
    enabled,
    queryFn: async () => unwrap(await api.call('inventory.compliance', {})),
  });
}
