// Polls the platform's control measures (the alert downlink, M6) and hands them, in our codes,
// to whoever keeps the alerts. Requests are signed like uploads. A failed poll is logged and
// tried again at the next interval: the alerts already taken stay in force meanwhile.
import { subsystemLogger, type Logger } from '../log/logger.ts';
import type { PlatformAlert } from '../alerts/alert-repository.ts';
import type { PlatformEndpoint } from './reference-profile.ts';
import type { AlertDownlink } from './profiles/profile.ts';
import { signRequest } from './signing.ts';
import {
  CONTROL_MEASURES_PATH, controlMeasuresReplySchema, mapControlMeasure,
} from './downlink-measures.ts';

/**
 * Cities issue alerts at least 24 h ahead (domain.md §3.1); polling every five minutes brings a
 * new or moved alert to the lanes long before it binds, at a load no platform notices.
 */
export const DOWNLINK_POLL_MS = 5 * 60_000;

/** A platform that has not answered in 10 s is down for this round; the next poll asks again. */
export const DOWNLINK_TIMEOUT_MS = 10_000;

export interface DownlinkOptions {
  platform: PlatformEndpoint;
  /** Our enterprise code: announcements for another enterprise are not ours to take. */
  enterpriseCode: string;
  /** Takes the announced alerts (dedupe by platform id is the taker's job). */
  take: (alerts: PlatformAlert[]) => unknown;
  log: Logger;
  intervalMs?: number;
  now?: () => number;
}

export type PollOutcome =
  | { ok: true; taken: number; skipped: number }
  | { ok: false; error: string };

export class ControlMeasuresPoller {
  private readonly opts: DownlinkOptions;
  private readonly log: Logger;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<PollOutcome> | null = null;
  private readonly aborter = new AbortController();

  constructor(opts: DownlinkOptions) {
    if (!URL.canParse(opts.platform.url)) throw new Error('platform.url is not a URL');
    this.opts = opts;
    this.log = subsystemLogger(opts.log, 'downlink');
    this.now = opts.now ?? Date.now;
  }

  /** Polls now, then every interval until stop(). */
  start(): void {
    if (this.timer) return;
    const interval = this.opts.intervalMs ?? DOWNLINK_POLL_MS;
    void this.pollOnce();
    this.timer = setInterval(() => void this.pollOnce(), interval);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.aborter.abort();
    await this.inFlight;
  }

  /** One poll; a poll still running is joined rather than doubled. */
  pollOnce(): Promise<PollOutcome> {
    if (!this.inFlight) {
      this.inFlight = this.poll().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private async poll(): Promise<PollOutcome> {
    let body: unknown;
    try {
      body = await this.fetchMeasures();
    } catch (err) {
      const error = (err as Error).message;
      if (!this.aborter.signal.aborted) this.log.warn({ error }, 'control measures poll failed');
      return { ok: false, error };
    }

    const reply = controlMeasuresReplySchema.safeParse(body);
    if (!reply.success || reply.data.code !== 200) {
      const error = reply.success ? `code ${reply.data.code}: ${reply.data.msg}` : 'unreadable';
      this.log.warn({ error }, 'platform refused the control measures poll');
      return { ok: false, error };
    }

    const alerts: PlatformAlert[] = [];
    let skipped = 0;
    for (const raw of reply.data.data ?? []) {
      const mapped = mapControlMeasure(raw, this.opts.enterpriseCode);
      if (mapped.ok) {
        alerts.push(mapped.alert);
        continue;
      }
      skipped++;
      this.log.debug({ reason: mapped.reason }, 'control measure not taken');
    }

    this.opts.take(alerts);
    return { ok: true, taken: alerts.length, skipped };
  }

  private async fetchMeasures(): Promise<unknown> {
    const url = new URL(this.opts.platform.url.replace(/\/+$/, '') + CONTROL_MEASURES_PATH);
    const path = url.pathname + url.search;
    const headers = signRequest({ method: 'GET', path, body: '', now: this.now() },
      this.opts.platform);

    const response = await fetch(url, {
      method: 'GET', headers,
      signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(DOWNLINK_TIMEOUT_MS)]),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`HTTP ${response.status} without a platform reply`);
    }
  }
}

/** The reference profile's downlink: the poller above, built when the host starts it. */
export function createReferenceDownlink(platform: PlatformEndpoint, log: Logger): AlertDownlink {
  let poller: ControlMeasuresPoller | null = null;
  return {
    start({ enterpriseCode, take, pollMs }) {
      poller ??= new ControlMeasuresPoller({ platform, enterpriseCode, take, log,
        intervalMs: pollMs });
      poller.start();
    },
    stop: async () => poller?.stop(),
  };
}
