// Feeds the API's events into the query cache while a user is logged in: new passages appear on
// their lane at once, barrier outcomes land on their passage and lane, and after the event stream
// was down everything is fetched again because events may have been missed.
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { EventPayload, LaneView, PassageView } from '../../electron/api/contract.ts';
import { useApi } from './api-context.tsx';
import { applyBarrierToLanes, applyBarrierToPassages, prependPassage } from './cache-updates.ts';
import { queryKeys, RECENT_PASSAGES_PER_LANE } from './queries.ts';

type SearchPage = { total: number; rows: PassageView[] };

export function useLiveUpdates(): void {
  const api = useApi();
  const queryClient = useQueryClient();

  useEffect(() => {
    const stops = [
      api.on('passage.created', (passage) => onPassageCreated(queryClient, passage)),
      api.on('barrier.changed', (change) => onBarrierChanged(queryClient, change)),
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
}
