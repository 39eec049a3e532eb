// How an API event changes what the renderer already holds. Pure functions over cached data, so
// the rules ("a failed barrier command shows on its passage and its lane") are testable alone.
import type { EventPayload, LaneView, PassageView } from '../../electron/api/contract.ts';

type BarrierChange = EventPayload<'barrier.changed'>;

/** The newest passage goes on top; a repeated event does not show the truck twice. */
export function prependPassage(
  list: PassageView[] | undefined,
  passage: PassageView,
  limit: number,
): PassageView[] | undefined {
  if (list === undefined) return undefined;
  return [passage, ...list.filter((p) => p.id !== passage.id)].slice(0, limit);
}

export function applyBarrierToPassages(
  list: PassageView[] | undefined,
  change: BarrierChange,
): PassageView[] | undefined {
  if (list === undefined || change.passageId === null) return list;
  if (!list.some((p) => p.id === change.passageId)) return list;

  return list.map((p) =>
    p.id === change.passageId
      ? { ...p, barrier: change.state, barrierError: change.error, barrierFailure: change.failure }
      : p,
  );
}

/** A lane shows its latest barrier command: a failure stays until a later command succeeds. */
export function applyBarrierToLanes(
  lanes: LaneView[] | undefined,
  change: BarrierChange,
): LaneView[] | undefined {
  if (lanes === undefined) return undefined;

  return lanes.map((lane) => {
    if (lane.id !== change.laneId) return lane;
    if (change.state === 'failed') {
      return { ...lane, barrierState: 'error', barrierError: change.error ?? '',
        barrierFailure: change.failure ?? 'other' };
    }
    return { ...lane, barrierState: 'idle', barrierError: null, barrierFailure: null };
  });
}

/** A passage that changed (an override) replaces its old self wherever a list holds it. */
export function replacePassage(
  list: PassageView[] | undefined,
  passage: PassageView,
): PassageView[] | undefined {
  if (list === undefined || !list.some((p) => p.id === passage.id)) return list;
  return list.map((p) => (p.id === passage.id ? passage : p));
}
