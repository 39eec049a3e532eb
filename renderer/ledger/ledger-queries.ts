// The ledgers' server state: one TanStack query per list page and per record, keyed under
// ['ledger', <ledger>] so a `ledger.changed` event refreshes exactly the ledger it names.
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CallInput, CallName, EventPayload, Ledger,
} from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { unwrap } from '../api/api-failure.ts';

export type ListCall = `ledger.${Ledger}.list`;
export type GetCall = 'ledger.vehicles.get' | 'ledger.inPlant.get' | 'ledger.machinery.get';

export const ledgerKeys = {
  all: ['ledger'] as const,
  ledger: (ledger: Ledger) => ['ledger', ledger] as const,
  list: (ledger: Ledger, params: unknown) => ['ledger', ledger, 'list', params] as const,
  record: (ledger: Ledger, id: number | string) => ['ledger', ledger, 'record', id] as const,
};

const ledgerOfCall = (name: CallName) => name.split('.')[1] as Ledger;

/** One page of a ledger; the previous page stays on screen while the next one loads. */
export function useLedgerList<N extends ListCall>(name: N, params: CallInput<N>) {
  const api = useApi();
  return useQuery({
    queryKey: ledgerKeys.list(ledgerOfCall(name), params),
    queryFn: async () => unwrap(await api.call(name, params)),
    placeholderData: keepPreviousData,
    // Another officer may have saved meanwhile: a page opened again asks again.
    staleTime: 0,
  });
}

export function useLedgerRecord<N extends GetCall>(name: N, id: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ledgerKeys.record(ledgerOfCall(name), id ?? 0),
    enabled: id !== null,
    staleTime: 0,
    queryFn: async () => unwrap(await api.call(name, { id: id ?? 0 } as CallInput<N>)),
  });
}

export function useVisit(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ledgerKeys.record('visits', id ?? ''),
    enabled: id !== null,
    staleTime: 0,
    queryFn: async () => unwrap(await api.call('ledger.visits.get', { id: id ?? '' })),
  });
}

/** While a ledger page is open, a record saved anywhere refreshes the lists that show it. */
export function useLedgerChanges(): void {
  const api = useApi();
  const queryClient = useQueryClient();

  useEffect(() => {
    const stops = [
      api.on('ledger.changed', (change) =>
        void queryClient.invalidateQueries({ queryKey: ledgerKeys.ledger(change.ledger) })),
      api.onReconnect(() => void queryClient.invalidateQueries({ queryKey: ledgerKeys.all })),
    ];
    return () => stops.forEach((stop) => stop());
  }, [api, queryClient]);
}

type Progress = EventPayload<'ledger.progress'>;

/** An id for a job the core will report progress on, chosen before the call is made. */
export function newJobId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The latest progress of a running import or export. The client names the job when it makes
 * the call, so the events of another officer's job never move this bar.
 */
export function useLedgerProgress(jobId: string | null): Progress | null {
  const api = useApi();
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    setProgress(null);
    if (jobId === null) return undefined;
    return api.on('ledger.progress', (event) => {
      if (event.jobId === jobId) setProgress(event);
    });
  }, [api, jobId]);
  return progress;
}
