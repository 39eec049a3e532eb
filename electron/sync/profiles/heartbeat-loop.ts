// The heartbeat (M7) of the HTTP profiles: a fresh heartbeat every interval, sent by the
// profile's own request and answered or not. It is liveness, not a record: a failed heartbeat
// is logged and the next tick sends a new one; nothing is queued, nothing is sent twice.
// (tcp-frames beats inside its link, tcp-frames/link.ts, and reports the same outcomes.)
import type { Logger } from '../../log/logger.ts';
import type { HeartbeatMessage } from '../messages/heartbeat.ts';

/** What one heartbeat came to, on our clock; `platformTime` when the answer stated its clock. */
export type HeartbeatOutcome =
  | { ok: true; sentAt: number; answeredAt: number; platformTime?: number }
  | { ok: false; sentAt: number; reason: string };

export type HeartbeatListener = (outcome: HeartbeatOutcome) => void;

/** A profile's answer to one heartbeat request. */
export type HeartbeatAnswer = { ok: true; platformTime?: number } | { ok: false; reason: string };

export interface HeartbeatRequestContext {
  sentAt: number;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Domain.md §2.3 cites 30–60 s as typical; an HTTP request a minute is the gentler end. */
export const DEFAULT_HTTP_HEARTBEAT_MS = 60_000;

/** A heartbeat waits for its answer at most this long, and never past the next tick. */
export const HEARTBEAT_TIMEOUT_MS = 10_000;

export interface HeartbeatLoopOptions {
  intervalMs: number;
  /** Builds a fresh heartbeat (sync/messages/heartbeat-source.ts). */
  build: () => Promise<HeartbeatMessage>;
  /** Sends one heartbeat the profile's way; never throws. */
  send: (message: HeartbeatMessage, ctx: HeartbeatRequestContext) => Promise<HeartbeatAnswer>;
  onOutcome?: HeartbeatListener;
  /** The clock of the request's signature (tests share a fake clock with the simulator). */
  now?: () => number;
  log: Logger;
}

export class HeartbeatLoop {
  private readonly opts: HeartbeatLoopOptions;
  private readonly now: () => number;
  private readonly aborter = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;
  private stopped = false;
  /** The last failure's reason: a repeat of it is logged at debug, a change at warn. */
  private failing: string | null = null;

  constructor(opts: HeartbeatLoopOptions) {
    if (!(opts.intervalMs > 0)) throw new Error('heartbeat interval must be positive');
    this.opts = opts;
    this.now = opts.now ?? Date.now;
  }

  /** Sends the first heartbeat now, then one every interval until stop(). */
  start(): void {
    if (this.stopped || this.beating || this.timer) return;
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.aborter.abort();
    await this.beating;
  }

  /** One heartbeat; the next is scheduled an interval after this one started, never overlapping. */
  private tick(): void {
    this.timer = null;
    const startedAt = Date.now();
    this.beating = this.beat().finally(() => {
      this.beating = null;
      if (this.stopped) return;
      const wait = Math.max(this.opts.intervalMs - (Date.now() - startedAt), 0);
      this.timer = setTimeout(() => this.tick(), wait);
      this.timer.unref();
    });
  }

  private async beat(): Promise<void> {
    const sentAt = this.now();
    const outcome = await this.attempt(sentAt);
    if (this.stopped && !outcome.ok) return;

    this.note(outcome);
    this.opts.onOutcome?.(outcome);
  }

  private async attempt(sentAt: number): Promise<HeartbeatOutcome> {
    let message: HeartbeatMessage;
    try {
      message = await this.opts.build();
    } catch (err) {
      return { ok: false, sentAt, reason: `not built: ${(err as Error).message ?? String(err)}` };
    }

    const timeoutMs = Math.min(HEARTBEAT_TIMEOUT_MS, this.opts.intervalMs);
    const answer = await this.opts.send(message, { sentAt, timeoutMs,
      signal: this.aborter.signal });
    if (!answer.ok) return { ok: false, sentAt, reason: answer.reason };
    return { ok: true, sentAt, answeredAt: this.now(), platformTime: answer.platformTime };
  }

  /** One warning when heartbeats start failing or fail differently, one line when they recover. */
  private note(outcome: HeartbeatOutcome): void {
    const log = this.opts.log;
    if (outcome.ok) {
      if (this.failing !== null) log.info('platform answering heartbeats again');
      else log.debug('heartbeat answered');
      this.failing = null;
      return;
    }

    if (outcome.reason !== this.failing) {
      log.warn({ reason: outcome.reason }, 'heartbeat failed; next one at the next tick');
    } else {
      log.debug({ reason: outcome.reason }, 'heartbeat failed again');
    }
    this.failing = outcome.reason;
  }
}
