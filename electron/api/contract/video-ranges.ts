// What makes a time range of video one the core will serve: the inspector's window check and an
// export. The page checks its fields with these before it calls, the core checks every call with
// them again (scripts call the API directly), and both refuse with the same reason, which the UI
// words in the reader's language (`reasons.<key>` in the locales).
import { z } from 'zod';
import type { Reason } from '../contract.ts';

/** The inspector's window: 5–10 minutes by the rules; anything from 1 minute is accepted. */
export const WINDOW_CHECK_MIN_MS = 60_000;
export const WINDOW_CHECK_MAX_MS = 10 * 60_000;
/** One export covers at most a day: a longer one is several files anyway. */
export const MAX_EXPORT_WINDOW_MS = 24 * 3_600_000;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface VideoRange { from: number; to: number }

/** The input of a call over one camera's range; the range's rules are checked by the core. */
export const VIDEO_RANGE_INPUT = {
  cameraId: z.string().min(1),
  from: z.number().int(),
  to: z.number().int(),
};

/** Why a window check is refused, or null; `now` is the core's clock (or the page's). */
export function windowCheckProblem(w: VideoRange, now: number): Reason | null {
  if (!(w.to > w.from)) return { key: 'range.endsBeforeStart', values: {} };

  if (w.from > now) return { key: 'range.inFuture', values: {} };

  const ms = w.to - w.from;
  if (ms < WINDOW_CHECK_MIN_MS) {
    return { key: 'window.tooShort', values: { minutes: WINDOW_CHECK_MIN_MS / MINUTE_MS } };
  }
  if (ms > WINDOW_CHECK_MAX_MS) {
    return { key: 'window.tooLong', values: { minutes: WINDOW_CHECK_MAX_MS / MINUTE_MS } };
  }
  return null;
}

/** Why an export is refused, or null. */
export function exportRangeProblem(w: VideoRange, now: number): Reason | null {
  if (!(w.to > w.from)) return { key: 'range.endsBeforeStart', values: {} };

  if (w.from > now) return { key: 'range.inFuture', values: {} };

  if (w.to - w.from > MAX_EXPORT_WINDOW_MS) {
    return { key: 'export.tooLong', values: { hours: MAX_EXPORT_WINDOW_MS / HOUR_MS } };
  }
  return null;
}

/** The English of a reason, for the Result's `message` (logs and scripts). */
export function reasonInEnglish(reason: Reason): string {
  const v = reason.values;
  switch (reason.key) {
    case 'range.endsBeforeStart': return 'the range must end after it starts';
    case 'range.inFuture': return 'the range starts in the future: nothing is recorded yet';
    case 'window.tooShort': return `the window must last at least ${v.minutes} min`;
    case 'window.tooLong': return `the window must last at most ${v.minutes} min`;
    case 'export.tooLong': return `an export covers at most ${v.hours} hours`;
    default: return reason.key;
  }
}
