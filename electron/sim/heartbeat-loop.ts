// A simulated camera calling in: one heartbeat, its reply, a pause, the next, as a camera whose
// heartbeat waits for the last reply does. Closing waits for the heartbeat in flight.
import type { Logger } from '../log/logger.ts';

export interface HeartbeatLoop {
  close(): Promise<void>;
}

export function startHeartbeatLoop(beat: () => Promise<unknown>, everyMs: number | null,
  log: Logger): HeartbeatLoop {
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<unknown> = Promise.resolve();

  const next = (ms: number) => {
    timer = null;
    inFlight = beat()
      .catch((err: Error) => log.warn({ err: err.message }, 'heartbeat failed'))
      .finally(() => {
        if (!closed) timer = setTimeout(() => next(ms), ms);
      });
  };
  if (everyMs !== null) next(everyMs);

  return {
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
