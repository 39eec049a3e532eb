// When to start a recorder's ffmpeg again after it ended. Two policies work together:
//
// - A back-off ladder: the first retry comes quickly (a camera reboot or a one-off network drop
//   should cost seconds of footage, not minutes), later retries wait longer so a camera that
//   refuses us is not hammered. The ladder stays short because every second of waiting is lost
//   evidence once the camera is back: at its top a camera that returns is recorded again within
//   about ten seconds. A run that recorded for a while puts the ladder back at its foot.
// - A rate limit: at most RESTART_LIMIT starts in any RESTART_WINDOW_MS. A camera that fails
//   instantly (wrong password, wrong path) would otherwise be dialled ~450 times an hour and
//   lock the account on some models; past the limit the next start waits until the window
//   allows it.

/** Waits before the 1st, 2nd, 3rd… consecutive restart; the last step repeats. */
export const RESTART_LADDER_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000];

/** A run that recorded frames this long counts as healthy: its end is a new incident, and the
 * ladder starts again from its foot. */
export const HEALTHY_RUN_MS = 10_000;

export const RESTART_LIMIT = 30;
export const RESTART_WINDOW_MS = 10 * 60_000;

export interface RestartPolicy {
  ladderMs: readonly number[];
  healthyRunMs: number;
  limit: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  ladderMs: RESTART_LADDER_MS,
  healthyRunMs: HEALTHY_RUN_MS,
  limit: RESTART_LIMIT,
  windowMs: RESTART_WINDOW_MS,
};

export class RestartLadder {
  private readonly policy: RestartPolicy;
  private step = 0;
  private readonly starts: number[] = [];

  constructor(policy: RestartPolicy = DEFAULT_RESTART_POLICY) {
    if (policy.ladderMs.length === 0 || policy.ladderMs.some((ms) => !(ms >= 0))) {
      throw new Error('RestartLadder: ladderMs must be a non-empty list of waits ≥ 0');
    }
    if (!(policy.limit >= 1) || !(policy.windowMs > 0)) {
      throw new Error('RestartLadder: limit must be ≥ 1 and windowMs > 0');
    }
    this.policy = policy;
  }

  /** Call when ffmpeg is started (the first start too: it counts against the rate limit). */
  started(now: number): void {
    this.starts.push(now);
    while (this.starts.length > this.policy.limit) this.starts.shift();
  }

  /** Call when a run ended, with its first frame's time (null: it got none); returns how long
   * to wait before the next start. */
  ended(firstFrameAt: number | null, now: number): number {
    if (firstFrameAt !== null && now - firstFrameAt >= this.policy.healthyRunMs) this.step = 0;

    const ladder = this.policy.ladderMs;
    const wait = ladder[Math.min(this.step, ladder.length - 1)]!;
    this.step += 1;

    // Full window: the oldest start must leave it before another one is allowed.
    if (this.starts.length < this.policy.limit) return wait;
    const allowedAt = this.starts[0]! + this.policy.windowMs;
    return Math.max(wait, allowedAt - now);
  }

  /** Consecutive failed runs since the last healthy one. */
  failures(): number {
    return this.step;
  }
}
