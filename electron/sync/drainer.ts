// Pushes outbox rows to the city platform through a platform profile (profiles/profile.ts: the
// profile owns transport, envelope, auth and codes). A row leaves the pending state only on an
// acknowledgement (acked) or a refusal the platform stated (rejected); every other failure is
// retried on the back-off ladder, for as long as it takes.
import type { Db } from '../db/database.ts';
import { subsystemLogger, type Logger } from '../log/logger.ts';
import {
  markAcked, markRejected, markRetry, nextAttemptAt, outboxCounts,
  type OutboxCounts, type OutboxRow,
} from './outbox.ts';
import { createReferenceProfile } from './reference-profile.ts';
import type { Delivery, PlatformEndpoint, PlatformProfile } from './profiles/profile.ts';
import { MAX_RETRY_MS, retryDelayMs } from './retry-policy.ts';
import { HeadClaims } from './head-claims.ts';
import { MarkBatch } from './mark-batch.ts';
import { SyncLink } from './sync-link.ts';

/**
 * Rows sent at once, each from a different order key. Eight keeps a day's backlog (a few
 * thousand passages) to about a minute on a 200 ms link without looking like a flood.
 */
export const MAX_IN_FLIGHT = 8;

/** A platform that has not answered in 10 s is treated as down; the resend is idempotent. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** With nothing due the loop still looks every 30 s, for rows written without a wake(). */
export const IDLE_POLL_MS = 30_000;

/** After an unexpected error (the database is busy or closing) the loop pauses this long. */
const ERROR_PAUSE_MS = 5_000;

export interface OutboxDrainerOptions {
  db: Db;
  platform: PlatformEndpoint;
  log: Logger;
  now?: () => number;
  requestTimeoutMs?: number;
  onChange?: (counts: OutboxCounts) => void;
  /** The platform's profile; the reference profile at `platform` when absent. The drainer
   * never closes a profile it was given: its owner does, after stop(). */
  profile?: PlatformProfile;
  maxInFlight?: number;
}

export interface DrainResult {
  sent: number;
  acked: number;
  failed: number;
}

export class OutboxDrainer {
  private readonly db: Db;
  private readonly platform: PlatformEndpoint;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly requestTimeoutMs: number;
  private readonly onChange: ((counts: OutboxCounts) => void) | undefined;
  private readonly profile: PlatformProfile;
  private readonly maxInFlight: number;

  private loop: Promise<void> | null = null;
  private running = false;
  private aborter = new AbortController();
  private tail: Promise<unknown> = Promise.resolve();
  private woken = false;
  private wakeSleeper: (() => void) | null = null;
  private health: LinkHealth = 'ok';
  /** What the platform last said and how its clock stands (the sync status page reads it). */
  readonly link: SyncLink;
  /** Answers not yet committed (mark-batch.ts): flushed before heads are read, after a pass. */
  private readonly marks: MarkBatch;

  constructor(opts: OutboxDrainerOptions) {
    if (!URL.canParse(opts.platform.url)) throw new Error('platform.url is not a URL');
    if (!opts.platform.appId) throw new Error('platform.appId is empty');
    if (!opts.platform.secret) throw new Error('platform.secret is empty');
    const timeout = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (!(timeout > 0)) throw new Error('requestTimeoutMs must be positive');
    const maxInFlight = opts.maxInFlight ?? MAX_IN_FLIGHT;
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new Error('maxInFlight < 1');

    this.db = opts.db;
    this.platform = opts.platform;
    this.log = subsystemLogger(opts.log, 'sync');
    this.now = opts.now ?? Date.now;
    this.requestTimeoutMs = timeout;
    this.onChange = opts.onChange;
    this.profile = opts.profile ?? createReferenceProfile(opts.platform);
    this.maxInFlight = maxInFlight;
    this.link = new SyncLink(opts.db);
    this.marks = new MarkBatch(opts.db);
  }

  /** Starts the loop: drain, then sleep until the next row is due or wake() is called. */
  start(): void {
    if (this.loop) return;

    this.running = true;
    this.log.info({ url: this.platform.url, profile: this.profile.name }, 'outbox drainer started');
    this.loop = this.run();
  }

  /** Stops the loop and abandons requests in flight; their rows stay pending for next time. */
  async stop(): Promise<void> {
    const wasRunning = this.loop !== null;
    this.running = false;
    this.aborter.abort();
    this.wake();
    await this.loop;
    await this.tail;
    this.link.flush();

    this.loop = null;
    this.aborter = new AbortController();
    if (wasRunning) this.log.info('outbox drainer stopped');
  }

  /** Nudges the loop after a new row (the lane calls it after each passage). */
  wake(): void {
    this.woken = true;
    this.wakeSleeper?.();
  }

  counts(): OutboxCounts {
    return outboxCounts(this.db);
  }

  /** Sends every due row once (and rows that become due as their key's head is acknowledged). */
  drainOnce(): Promise<DrainResult> {
    const pass = this.tail.then(() => this.drainPass());
    this.tail = pass.catch(() => undefined);
    return pass;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let pause: number;
      try {
        await this.drainOnce();
        pause = this.untilNextDue();
      } catch (err) {
        this.log.error({ err }, 'outbox drain failed');
        pause = ERROR_PAUSE_MS;
      }

      if (!this.running) break;
      if (this.woken) continue;
      await this.sleep(pause);
    }
  }

  private untilNextDue(): number {
    const next = nextAttemptAt(this.db);
    if (next === null) return IDLE_POLL_MS;
    return Math.min(Math.max(next - this.now(), 0), IDLE_POLL_MS);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }

  /** Workers share one pass's claims (head-claims.ts): one row per order key at a time. */
  private async drainPass(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, acked: 0, failed: 0 };
    const claims = new HeadClaims(this.db, this.now, this.maxInFlight, this.marks);

    const workers = Array.from({ length: this.maxInFlight }, () => this.work(claims, result));
    try {
      await Promise.all(workers);
    } finally {
      this.marks.flush();
    }

    this.link.maybeFlush(this.now());
    if (result.sent > 0) this.onChange?.(this.counts());
    return result;
  }

  private async work(claims: HeadClaims, result: DrainResult): Promise<void> {
    for (;;) {
      if (this.aborter.signal.aborted) return;
      const row = claims.claim();
      if (!row) return;

      try {
        await this.deliver(row, result);
      } finally {
        claims.release(row);
      }
    }
  }

  private async deliver(row: OutboxRow, result: DrainResult): Promise<void> {
    if (!this.profile.carries(row.kind)) {
      // A kind this platform does not take waits at the slowest pace; it is never lost.
      const error = `retryable: no route for kind ${row.kind}`;
      markRetry(this.db, row.id, error, this.now() + MAX_RETRY_MS);
      return;
    }

    result.sent++;
    const sentAt = this.now();
    const ctx = {
      sentAt, timeoutMs: this.requestTimeoutMs, signal: this.aborter.signal,
      onPlatformClock: (platformTime: number) => this.link.clock(platformTime, sentAt, this.now()),
    };
    const delivery = await this.profile.deliver(row, ctx);
    if (this.aborter.signal.aborted && !delivery.ok) return;

    this.record(row, delivery, result);
  }

  private record(row: OutboxRow, delivery: Delivery, result: DrainResult): void {
    const fields = { messageId: row.messageId, orderKey: row.orderKey, kind: row.kind };

    if (delivery.ok) {
      const ackedAt = this.now();
      this.marks.add(() => markAcked(this.db, row.id, ackedAt));
      this.link.acknowledged(this.now());
      result.acked++;
      this.noteHealth('ok');
      this.log.debug({ ...fields, duplicate: delivery.duplicate }, 'acknowledged');
      return;
    }

    result.failed++;
    const error = `${delivery.failure}: ${delivery.reason}`;
    if (delivery.failure !== 'retryable') this.link.contact(this.now());
    if (delivery.failure === 'rejected') {
      const rejectedAt = this.now();
      this.marks.add(() => markRejected(this.db, row.id, error, rejectedAt));
      this.log.warn({ ...fields, reason: delivery.reason }, 'platform rejected a message');
      return;
    }

    const attempts = row.attempts + 1;
    const retryAt = this.now() + retryDelayMs(attempts);
    this.marks.add(() => markRetry(this.db, row.id, error, retryAt));
    this.noteHealth(delivery.failure === 'auth' ? 'auth' : 'failing', delivery.reason);
    this.log.debug({ ...fields, attempts, retryAt, error }, 'will retry');
  }

  /**
   * One line when the link to the platform changes state, not one per row: an outage or a wrong
   * secret with hundreds of plates pending would otherwise bury the log the installer reads.
   */
  private noteHealth(next: LinkHealth, reason?: string): void {
    if (next === this.health) return;

    this.health = next;
    const pending = this.counts().pending;
    if (next === 'ok') this.log.info({ pending }, 'platform acknowledging again');
    if (next === 'failing') this.log.warn({ reason, pending }, 'platform not acknowledging');
    if (next === 'auth') this.log.error({ reason, pending }, 'platform refused our credentials');
  }
}

type LinkHealth = 'ok' | 'failing' | 'auth';
