// The one long-lived connection of the tcp-frames profile, as a state machine:
//   connecting -> logging-in -> ready -> (lost socket or refused login) -> backing-off -> …
// Data frames wait for `ready`; each is matched to its ack by message id. While ready, a
// heartbeat goes out every interval and a link that stays silent for three intervals is cut
// and made again. close() ends it for good.
import { connect, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../log/logger.ts';
import type { HeartbeatListener } from '../heartbeat-loop.ts';
import { encodeFrame, FrameReader } from './frames.ts';
import {
  loginSignature, platformFrameSchema,
  type AckFrame, type ControlMeasuresFrame, type DataFrame, type PlatformFrame,
} from './wire.ts';

export type LinkState = 'connecting' | 'logging-in' | 'ready' | 'backing-off' | 'closed';

/**
 * Waits between reconnection attempts: the first quickly (most drops are a platform restart),
 * then longer, capped at 30 s so that a link back from an outage resumes within half a minute.
 */
export const RECONNECT_LADDER_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];

/** A platform that has not answered the login in 10 s is treated as down. */
export const LOGIN_TIMEOUT_MS = 10_000;

/** Three heartbeat intervals without any frame from the platform: the link is dead. */
export const SILENT_HEARTBEATS = 3;

export interface TcpLinkOptions {
  host: string;
  port: number;
  appId: string;
  secret: string;
  heartbeatMs: number;
  /** The heartbeat frame's time and body, in the platform's codes. */
  heartbeat: () => Promise<{ time: string | number; body: unknown }>;
  reconnectLadderMs?: readonly number[];
  /** The clock of login timestamps (tests share a fake clock with the simulator). */
  now?: () => number;
  /** A heartbeat was answered (with the platform's clock if it said), or went unanswered. */
  onHeartbeat?: HeartbeatListener;
  /** The platform pushed control measures; the link acknowledges the frame once handed over. */
  onControlMeasures?: (frame: ControlMeasuresFrame) => void;
  log: Logger;
}

/** An ack, or why none will come (the connection was lost, the wait timed out, stopped). */
export type AckOutcome = { ok: true; ack: AckFrame } | { ok: false; reason: string };

export class TcpLink {
  private readonly opts: TcpLinkOptions;
  private readonly ladder: readonly number[];
  private readonly now: () => number;
  private state: LinkState = 'backing-off';
  private socket: Socket | null = null;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastFrameAt = 0;
  /** When the heartbeat awaiting its answer was sent (our clock); null when none waits. */
  private beatSentAt: number | null = null;
  /** Set when the platform refused this attempt's login: the loss is then an auth problem. */
  private loginRefused = false;
  private readonly pending = new Map<string, (outcome: AckOutcome) => void>();
  private readonly readyWaiters = new Set<() => void>();
  /** Why the link is not ready, and whether an installer must act (refused login). */
  lastProblem: { auth: boolean; reason: string } = { auth: false, reason: 'not connected yet' };

  constructor(opts: TcpLinkOptions) {
    if (!(opts.heartbeatMs > 0)) throw new Error('heartbeatMs must be positive');
    this.opts = opts;
    this.ladder = opts.reconnectLadderMs ?? RECONNECT_LADDER_MS;
    this.now = opts.now ?? Date.now;
  }

  get linkState(): LinkState {
    return this.state;
  }

  start(): void {
    if (this.state === 'backing-off' && !this.timer) this.connect();
  }

  /** Resolves true once ready, false when the wait times out, is aborted or the link closes. */
  whenReady(timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    if (this.state === 'ready') return Promise.resolve(true);
    if (this.state === 'closed' || signal.aborted) return Promise.resolve(false);

    return new Promise((resolve) => {
      const settle = (ready: boolean) => {
        clearTimeout(timeout);
        signal.removeEventListener('abort', onAbort);
        this.readyWaiters.delete(onReady);
        resolve(ready);
      };
      const onReady = () => settle(this.state === 'ready');
      const onAbort = () => settle(false);
      const timeout = setTimeout(() => settle(false), timeoutMs);
      signal.addEventListener('abort', onAbort);
      this.readyWaiters.add(onReady);
    });
  }

  /** Sends a data frame and waits for its ack. */
  request(frame: DataFrame, timeoutMs: number, signal: AbortSignal): Promise<AckOutcome> {
    if (this.state !== 'ready' || !this.socket) {
      return Promise.resolve({ ok: false, reason: `link ${this.state}` });
    }
    if (this.pending.has(frame.msgId)) {
      return Promise.resolve({ ok: false, reason: 'already in flight' });
    }

    return new Promise((resolve) => {
      const settle = (outcome: AckOutcome) => {
        clearTimeout(timeout);
        signal.removeEventListener('abort', onAbort);
        this.pending.delete(frame.msgId);
        resolve(outcome);
      };
      const onAbort = () => settle({ ok: false, reason: 'stopped' });
      const timeout = setTimeout(
        () => settle({ ok: false, reason: `no ack within ${timeoutMs} ms` }), timeoutMs);
      signal.addEventListener('abort', onAbort);
      this.pending.set(frame.msgId, settle);
      this.socket!.write(encodeFrame(frame));
    });
  }

  close(): void {
    this.state = 'closed';
    this.clearTimer();
    this.socket?.destroy();
    this.socket = null;
    this.failPending('link closed');
    this.wakeWaiters();
  }

  private connect(): void {
    this.state = 'connecting';
    const socket = connect({ host: this.opts.host, port: this.opts.port });
    const reader = new FrameReader();
    this.socket = socket;
    socket.setNoDelay(true);

    socket.once('connect', () => this.logIn(socket));
    socket.on('data', (chunk: Buffer) => {
      const read = reader.push(chunk);
      if (!read.ok) return this.drop(socket, `unreadable stream: ${read.error}`);
      for (const frame of read.frames) this.receive(socket, frame);
    });
    socket.on('error', (err) => this.lost(socket, `network: ${errorCode(err)}`));
    socket.on('close', () => this.lost(socket, 'connection closed'));
  }

  private logIn(socket: Socket): void {
    this.state = 'logging-in';
    const timestamp = String(this.now());
    const nonce = randomUUID();
    const sign = loginSignature(this.opts.appId, timestamp, nonce, this.opts.secret);
    socket.write(encodeFrame({ type: 'login', appId: this.opts.appId, timestamp, nonce, sign }));
    this.setTimer(() => this.drop(socket, 'no login answer'), LOGIN_TIMEOUT_MS);
  }

  private receive(socket: Socket, raw: unknown): void {
    if (socket !== this.socket) return;
    const parsed = platformFrameSchema.safeParse(raw);
    if (!parsed.success) return this.drop(socket, 'unreadable frame');
    this.lastFrameAt = Date.now();
    this.handle(socket, parsed.data);
  }

  private handle(socket: Socket, frame: PlatformFrame): void {
    if (frame.type === 'loginAck' && this.state === 'logging-in') {
      if (frame.result !== 0) {
        this.loginRefused = true;
        return this.drop(socket, `login refused: ${frame.result}: ${frame.reason ?? 'no reason'}`);
      }
      return this.becomeReady();
    }
    if (frame.type === 'ack') return this.pending.get(frame.msgId)?.({ ok: true, ack: frame });
    if (frame.type === 'heartbeatAck') return this.heartbeatAnswered(frame.time);
    if (frame.type === 'controlMeasures') {
      this.opts.onControlMeasures?.(frame);
      socket.write(encodeFrame({ type: 'ack', msgId: frame.msgId, result: 0, time: this.now() }));
      return;
    }
    if (frame.type === 'error') {
      this.opts.log.warn({ code: frame.code, reason: frame.reason }, 'platform error frame');
    }
  }

  private becomeReady(): void {
    this.state = 'ready';
    this.failures = 0;
    this.lastProblem = { auth: false, reason: 'ready' };
    this.opts.log.info({ host: this.opts.host, port: this.opts.port }, 'platform link ready');
    this.wakeWaiters();
    void this.beat();
  }

  /** Sends a heartbeat now and schedules the next; cuts a link that has gone silent. */
  private async beat(): Promise<void> {
    const socket = this.socket;
    if (this.state !== 'ready' || !socket) return;

    const silentFor = Date.now() - this.lastFrameAt;
    if (silentFor > SILENT_HEARTBEATS * this.opts.heartbeatMs) {
      return this.drop(socket, `platform silent for ${silentFor} ms`);
    }
    this.setTimer(() => void this.beat(), this.opts.heartbeatMs);
    this.heartbeatUnanswered('no answer within the interval');

    const sentAt = this.now();
    try {
      const { time, body } = await this.opts.heartbeat();
      if (socket !== this.socket) return;
      socket.write(encodeFrame({ type: 'heartbeat', time, body }));
      this.beatSentAt = sentAt;
    } catch (err) {
      this.opts.log.warn({ err }, 'heartbeat not built');
      this.opts.onHeartbeat?.({ ok: false, sentAt, reason: 'not built' });
    }
  }

  private heartbeatAnswered(platformTime: number | undefined): void {
    const answeredAt = this.now();
    const sentAt = this.beatSentAt ?? answeredAt;
    this.beatSentAt = null;
    this.opts.onHeartbeat?.({ ok: true, sentAt, answeredAt, platformTime });
  }

  /**
   * The heartbeat sent last will not be answered now (a new one is due, or the link went);
   * `always`: report even when none was waiting, as the heartbeat that cannot go.
   */
  private heartbeatUnanswered(reason: string, always = false): void {
    if (this.beatSentAt === null && !always) return;
    const sentAt = this.beatSentAt ?? this.now();
    this.beatSentAt = null;
    this.opts.onHeartbeat?.({ ok: false, sentAt, reason });
  }

  private drop(socket: Socket, reason: string): void {
    socket.destroy();
    this.lost(socket, reason);
  }

  /** The socket is gone: fail what waits on it and try again after the next ladder step. */
  private lost(socket: Socket, reason: string): void {
    if (socket !== this.socket) return;

    this.socket = null;
    this.clearTimer();
    this.failPending(`connection lost before ack (${reason})`);
    if (this.state === 'closed') return;
    // No heartbeat goes while the link is down: say so at each loss, in the loss's words.
    this.heartbeatUnanswered(`no link: ${reason}`, true);
    this.lastProblem = { auth: this.loginRefused, reason };
    this.loginRefused = false;

    const wait = this.ladder[Math.min(this.failures, this.ladder.length - 1)] ?? 1_000;
    this.failures++;
    this.state = 'backing-off';
    this.opts.log.warn({ reason, retryInMs: wait }, 'platform link lost');
    this.wakeWaiters();
    this.setTimer(() => {
      this.timer = null;
      this.connect();
    }, wait);
  }

  private failPending(reason: string): void {
    for (const settle of [...this.pending.values()]) settle({ ok: false, reason });
    this.pending.clear();
  }

  private wakeWaiters(): void {
    for (const wake of [...this.readyWaiters]) wake();
  }

  private setTimer(fn: () => void, ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(fn, ms);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function errorCode(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e.code ?? e.message ?? String(err);
}
