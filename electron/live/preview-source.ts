// A camera's live picture from a preview session of our own: one ffmpeg that copies the camera's
// H.264 into fragmented MP4 on its stdout (no decode, under 1 % of a core), one fragment per
// frame so the browser is never a GOP behind. Used for cameras that are not recorded, or whose
// recorder offers no live output (recording/live-source.ts is the shared-session way).
//
// It runs only while someone watches: the first subscriber starts ffmpeg, and it stops LINGER_MS
// after the last one left (a guard flicking between pages does not restart the camera session).
// An ffmpeg that dies while watched is restarted on a short ladder; subscribers hear
// `interrupted`, then get a new init segment.
import { spawn } from 'node:child_process';
import {
  deliverLive, type LiveEvent, type LiveInit, type LiveListener, type LiveSource,
  type LiveSubscription,
} from '../recording/live-source.ts';
import { redactUrlCredentials, type Logger } from '../log/logger.ts';
import {
  forEachLine, stopChild, trackChild, type TrackedChild,
} from '../../native/ffmpeg-process.ts';
import { Fmp4Splitter } from './fmp4-splitter.ts';
import { videoEntry } from './fmp4-boxes.ts';

/** Keeps the camera session this long after the last viewer left. */
export const LINGER_MS = 10_000;

/** Waits before restarting a preview ffmpeg that died while watched; the last step repeats. */
export const PREVIEW_RESTART_LADDER_MS = [1_000, 2_000, 5_000, 10_000] as const;

/** No picture for this long while watched: the session is stuck (an RTSP server that accepted
 * us but sends nothing, which the socket timeout does not catch); kill it and start again. */
export const PREVIEW_STALL_MS = 10_000;

/** RTSP socket timeout (µs): a dead camera must end ffmpeg, not hang it. */
const RTSP_IO_TIMEOUT_US = 10_000_000;

const STOP_GRACE_MS = 3_000;
const STDERR_LOG_LIMIT = 20;

export interface PreviewSourceOptions {
  cameraId: string;
  /** The camera's (sub-)stream; carries credentials: argv only, never logged unredacted. */
  rtspUrl: string;
  ffmpeg: string;
  log: Logger;
  /** Inputs other than RTSP (a file, for tests) drop the RTSP options. */
  inputArgs?: readonly string[];
  /** Defaults to LINGER_MS and PREVIEW_STALL_MS. */
  lingerMs?: number;
  stallMs?: number;
}

export class PreviewSource implements LiveSource {
  readonly cameraId: string;
  private readonly options: PreviewSourceOptions;
  private readonly log: Logger;
  private readonly listeners = new Set<LiveListener>();
  private init: LiveInit | null = null;
  private current: TrackedChild | null = null;
  private lingerTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  private stallTimer: NodeJS.Timeout | null = null;

  constructor(options: PreviewSourceOptions) {
    if (!options.ffmpeg) throw new Error('PreviewSource: ffmpeg path is required');
    this.cameraId = options.cameraId;
    this.options = options;
    this.log = options.log.child({ cameraId: options.cameraId });
  }

  currentInit(): LiveInit | null {
    return this.init;
  }

  subscriberCount(): number {
    return this.listeners.size;
  }

  /** Whether the preview ffmpeg runs (or is about to be restarted). */
  isRunning(): boolean {
    return this.current !== null || this.restartTimer !== null;
  }

  subscribe(listener: LiveListener): LiveSubscription {
    if (this.closed) throw new Error('PreviewSource is closed');
    this.listeners.add(listener);
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = null;

    if (this.init) deliverLive(this.listeners, listener, { kind: 'init', init: this.init },
      this.log);
    if (!this.current && !this.restartTimer) this.spawnFfmpeg();

    let open = true;
    return {
      close: () => {
        if (!open) return;
        open = false;
        this.listeners.delete(listener);
        if (this.listeners.size === 0) this.scheduleStop();
      },
    };
  }

  /** Ends the session at once and for good (host shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    this.emit({ kind: 'interrupted', reason: 'stopped', at: Date.now() });
    this.listeners.clear();
    await this.stopNow();
  }

  private scheduleStop(): void {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = null;
      if (this.listeners.size === 0) void this.stopNow();
    }, this.options.lingerMs ?? LINGER_MS);
  }

  private async stopNow(): Promise<void> {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.lingerTimer = null;
    this.restartTimer = null;
    this.init = null;

    const running = this.current;
    this.current = null;
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = null;
    if (running) {
      this.log.info('live preview stopped: nobody watches');
      await stopChild(running, 'SIGTERM', STOP_GRACE_MS);
    }
  }

  private spawnFfmpeg(): void {
    const { options } = this;
    const input = options.inputArgs ?? [
      '-rtsp_transport', 'tcp', '-timeout', String(RTSP_IO_TIMEOUT_US), '-i', options.rtspUrl,
    ];
    const args = ['-hide_banner', '-loglevel', 'warning', '-nostdin'];
    // genpts: an RTSP session's first packets can come without timestamps, and an fMP4 with
    // unset ones is one MSE refuses; discardcorrupt: a damaged frame is dropped, not relayed.
    args.push('-fflags', 'nobuffer+genpts+discardcorrupt', '-flags', 'low_delay', ...input);
    args.push('-map', '0:v:0', '-c', 'copy', '-an', '-f', 'mp4');
    args.push('-movflags', 'empty_moov+default_base_moof+frag_every_frame');
    args.push('-flush_packets', '1', 'pipe:1');

    this.log.info({ url: redactUrlCredentials(options.rtspUrl) }, 'live preview starting');
    const child = spawn(options.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true });
    const tracked = trackChild(child);
    this.current = tracked;

    const splitter = new Fmp4Splitter();
    this.watchStall(tracked);
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.current !== tracked) return;
      this.watchStall(tracked);
      try {
        for (const piece of splitter.push(chunk)) this.onPiece(piece);
      } catch (err) {
        this.log.error({ err: (err as Error).message }, 'live preview stream unreadable');
        child.kill('SIGKILL');
      }
    });

    let logged = 0;
    forEachLine(child.stderr, (line) => {
      logged += 1;
      if (logged <= STDERR_LOG_LIMIT) this.log.warn({ line: redactUrlCredentials(line) }, 'ffmpeg');
    });
    child.once('error', (err) => this.log.error({ err: err.message }, 'ffmpeg did not start'));
    void tracked.closed.then(() => this.onExit(tracked));
  }

  /** (Re)arms the stall watchdog of the running ffmpeg: any output proves it alive. */
  private watchStall(tracked: TrackedChild): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => {
      this.stallTimer = null;
      if (this.current !== tracked) return;
      this.log.warn({ afterMs: PREVIEW_STALL_MS }, 'live preview sends nothing; restarting it');
      tracked.child.kill('SIGKILL');
    }, this.options.stallMs ?? PREVIEW_STALL_MS);
  }

  private onPiece(piece: ReturnType<Fmp4Splitter['push']>[number]): void {
    const at = Date.now();
    if (piece.kind === 'init') {
      const entry = videoEntry(piece.data);
      this.init = {
        data: piece.data, at,
        codec: entry?.codec ?? 'unknown',
        mimeCodec: entry?.mimeCodec ?? null,
        width: entry?.width ?? null,
        height: entry?.height ?? null,
      };
      this.failures = 0;
      this.emit({ kind: 'init', init: this.init });
      return;
    }
    this.emit({ kind: 'fragment', data: piece.data, keyframe: piece.keyframe, at });
  }

  private onExit(tracked: TrackedChild): void {
    if (this.current !== tracked) return;
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = null;
    this.current = null;
    this.init = null;
    const { exitCode, signalCode } = tracked.child;
    this.emit({ kind: 'interrupted', reason: 'source-lost', at: Date.now() });
    if (this.closed || this.listeners.size === 0) return;

    const ladder = PREVIEW_RESTART_LADDER_MS;
    const wait = ladder[Math.min(this.failures, ladder.length - 1)]!;
    this.failures += 1;
    this.log.warn({ code: exitCode, signal: signalCode, restartInMs: wait },
      'live preview ended while watched; restarting');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.closed && this.listeners.size > 0) this.spawnFfmpeg();
    }, wait);
  }

  private emit(event: LiveEvent): void {
    for (const listener of this.listeners) {
      deliverLive(this.listeners, listener, event, this.log);
    }
  }

}
