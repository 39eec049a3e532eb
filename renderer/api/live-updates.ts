// Feeds the API's events into the query cache while a user is logged in: new passages appear on
// their lane at once, barrier outcomes land on their passage and lane, an override flags its
// passage, the control state switches the banner, and after the event stream was down
// everything is fetched again because events may have been missed.
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  ControlView, EventPayload, LaneView, PassageView,
} from '../../electron/api/contract.ts';
import { useApi } from './api-context.tsx';
import {
  applyBarrierToLanes, applyBarrierToPassages, prependPassage, replacePassage,
} from './cache-updates.ts';
import { queryKeys, RECENT_PASSAGES_PER_LANE } from './queries.ts';
import { alertKeys } from './alert-queries.ts';

type SearchPage = { total: number; rows: PassageView[] };

export function useLiveUpdates(): void {
  const api = useApi();
  const queryClient = useQueryClient();

  useEffect(() => {
    const stops = [
      api.on('passage.created', (passage) => onPassageCreated(queryClient, passage)),
      api.on('barrier.changed', (change) => onBarrierChanged(queryClient, change)),
      api.on('passage.overridden', (passage) => onPassageOverridden(queryClient, passage)),
      api.on('control.changed', (control) => onControlChanged(queryClient, control)),
      api.onReconnect(() => void queryClient.invalidateQueries()),
    ];
    return () => stops.forEach((stop) => stop());
  }, [api, queryClient]);
}

function onPassageCreated(queryClient: QueryClient, passage: PassageView): void {
  queryClient.setQueryData<PassageView[]>(queryKeys.recent(passage.laneId), (list) =>
    prependPassage(list, passage, RECENT_PASSAGES_PER_LANE),
  );

  // A search page the guard is reading does not jump; it is fresh on the next search.
  void queryClient.invalidateQueries({ queryKey: queryKeys.searchAll, refetchType: 'none' });
  void queryClient.invalidateQueries({ queryKey: queryKeys.lanes });
  void queryClient.invalidateQueries({ queryKey: alertKeys.cap });
}

function onPassageOverridden(queryClient: QueryClient, passage: PassageView): void {
  queryClient.setQueryData<PassageView[]>(queryKeys.recent(passage.laneId), (list) =>
    replacePassage(list, passage),
  );
  queryClient.setQueriesData<SearchPage>({ queryKey: queryKeys.searchAll }, (page) => {
    if (page === undefined) return undefined;
    return { ...page, rows: replacePassage(page.rows, passage) ?? page.rows };
  });
  void queryClient.invalidateQueries({ queryKey: alertKeys.cap });
}

/** The banner switches at once; the lists and counts that depend on alerts are fetched again. */
function onControlChanged(queryClient: QueryClient, control: ControlView): void {
  queryClient.setQueryData(alertKeys.control, control);
  for (const queryKey of [alertKeys.alerts, alertKeys.cap, alertKeys.alertDaysAll,
    alertKeys.compliance]) {
    void queryClient.invalidateQueries({ queryKey });
  }
}

function onBarrierChanged(
  queryClient: QueryClient,
  change: EventPayload<'barrier.changed'>,
): void {
  queryClient.setQueryData<PassageView[]>(queryKeys.recent(change.laneId), (list) =>
    applyBarrierToPassages(list, change),
  );
  queryClient.setQueriesData<SearchPage>({ queryKey: queryKeys.searchAll }, (page) => {
    if (page === undefined) return undefined;
    return { ...page, rows: applyBarrierToPassages(page.rows, change) ?? page.rows };
  });
  queryClient.setQueryData<LaneView[]>(queryKeys.lanes, (lanes) =>
    applyBarrierToLanes(lanes, change),
  );

  // Calls ride HTTP, events the WebSocket: a lane list read before this change (the one a new
  // passage asked for) could land after it and show the old barrier. Reading again now cancels
  // that read, and what the core answers already holds the change.
  void queryClient.invalidateQueries({ queryKey: queryKeys.lanes });
}
