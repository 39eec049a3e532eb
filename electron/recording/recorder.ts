// One ffmpeg per camera, copying the camera's H.264 (no decode, about 1 % of a core) into short
// fragmented-MP4 segments in a per-camera folder. Fragmented, so a killed recorder or a power
// cut still leaves every completed fragment playable. ffmpeg reports each closed segment on its
// stdout (the CSV segment list); we probe it, place it on the wall clock (segment-clock.ts) and
// hand it to `onSegment`, which indexes it. Nothing scans the disk on a timer.
//
// The RTSP URL carries the camera's credentials: it goes to ffmpeg's argv and nowhere else. Every
// log line built here passes it through redactUrlCredentials, and so does ffmpeg's own stderr.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { redactUrlCredentials, type Logger } from '../log/logger.ts';
import {
  forEachLine,
  stopChild,
  trackChild,
  type TrackedChild,
} from '../../native/ffmpeg-process.ts';
import { probeVideo } from './probe.ts';
import { SegmentClock } from './segment-clock.ts';
import { parseSegmentListLine, type SegmentListEntry } from './segment-list.ts';

export interface RecordedSegment {
  cameraId: string;
  path: string;
  /** UTC epoch ms. */
  startAt: number;
  endAt: number;
  bytes: number;
  codec: string;
  width: number;
  height: number;
}

export interface RecorderExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when stop() asked for it. */
  expected: boolean;
  /** When the recorder will try again; null when it will not. */
  restartInMs: number | null;
  /** Why ffmpeg could not be started at all (e.g. the binary is missing). */
  error?: string;
}

export interface RecorderOptions {
  cameraId: string;
  rtspUrl: string;
  dir: string;
  segmentSeconds: number;
  ffmpeg: string;
  ffprobe: string;
  onSegment: (segment: RecordedSegment) => void;
  onExit?: (exit: RecorderExit) => void;
  log: Logger;
}

/** One fixed pause before restarting an ffmpeg that died: long enough not to hammer a camera
 * that refuses us, short enough to lose little evidence.
 * TODO(#6): back-off ladder, stall watchdog (no segment for 2×segment+30 s), gap rows. */
export const RESTART_BACKOFF_MS = 2_000;

/** ffmpeg needs milliseconds to close a fragmented MP4 after SIGINT; SIGKILL after this. */
export const STOP_GRACE_MS = 10_000;

/** Socket I/O timeout (µs) for RTSP: without it ffmpeg can wait forever on a dead TCP peer. */
const RTSP_IO_TIMEOUT_US = 10_000_000;

const MOVFLAGS = 'movflags=+frag_keyframe+empty_moov+default_base_moof';

/** ffmpeg stderr lines logged per run; the rest are counted. TODO(#6): rate-based liveness. */
const STDERR_LOG_LIMIT = 50;
const STDERR_TAIL = 10;

type State = 'idle' | 'running' | 'stopping' | 'stopped';

export class Recorder {
  private readonly options: RecorderOptions;
  private readonly log: Logger;
  private readonly clock = new SegmentClock();
  private state: State = 'idle';
  private current: TrackedChild | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private reports: Promise<void> = Promise.resolve();

  constructor(options: RecorderOptions) {
    if (!/^[a-z0-9-]+$/.test(options.cameraId)) {
      throw new Error(`Recorder: camera id "${options.cameraId}" must be [a-z0-9-]`);
    }
    if (!/^rtsps?:\/\//i.test(options.rtspUrl)) {
      throw new Error('Recorder: rtspUrl must be rtsp://');
    }
    const seconds = options.segmentSeconds;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) {
      throw new Error(`Recorder: segmentSeconds must be 1–600, got ${seconds}`);
    }
    if (!options.dir) throw new Error('Recorder: dir is required');

    this.options = options;
    this.log = options.log.child({ cameraId: options.cameraId });
  }

  start(): void {
    if (this.state !== 'idle') throw new Error(`Recorder.start() in state ${this.state}`);

    mkdirSync(this.options.dir, { recursive: true });
    this.state = 'running';
    this.log.info(
      {
        url: redactUrlCredentials(this.options.rtspUrl),
        dir: this.options.dir,
        segmentSeconds: this.options.segmentSeconds,
      },
      'recorder starting',
    );
    this.spawnFfmpeg();
  }

  /**
   * SIGINT lets ffmpeg close the current segment cleanly; it is reported before this resolves.
   * On Windows the signal ends ffmpeg at once: the fragmented file stays playable up to its last
   * fragment but its list line is lost. TODO(#6): the orphan sweep indexes such files.
   */
  async stop(): Promise<void> {
    if (this.state === 'idle' || this.state === 'stopped') {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopping';
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;

    if (this.current) await stopChild(this.current, 'SIGINT', STOP_GRACE_MS);
    await this.reports;
    this.state = 'stopped';
    this.log.info('recorder stopped');
  }

  private spawnFfmpeg(): void {
    const { options } = this;
    const pattern = join(options.dir.replace(/%/g, '%%'), `${options.cameraId}-%Y%m%d%H%M%S.mp4`);
    const args = ['-hide_banner', '-loglevel', 'warning', '-nostdin'];
    args.push('-rtsp_transport', 'tcp', '-timeout', String(RTSP_IO_TIMEOUT_US));
    args.push('-i', options.rtspUrl, '-map', '0:v:0', '-c', 'copy', '-an');
    args.push('-f', 'segment', '-segment_time', String(options.segmentSeconds));
    args.push('-reset_timestamps', '1', '-strftime', '1');
    args.push('-segment_format', 'mp4', '-segment_format_options', MOVFLAGS);
    args.push('-segment_list', 'pipe:1', '-segment_list_type', 'csv', pattern);

    // Each ffmpeg run has its own stream timeline, so the wall-clock anchor starts afresh.
    this.clock.reset();
    const child = spawn(options.ffmpeg, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const tracked = trackChild(child);
    this.current = tracked;

    forEachLine(child.stdout, (line) => this.onListLine(line, Date.now()));
    const tail = this.watchStderr(tracked);
    let spawnError: string | undefined;
    child.once('error', (err) => {
      spawnError = err.message;
      this.log.error({ err: err.message }, 'ffmpeg did not start');
    });
    void tracked.closed.then(() => this.onClosed(tracked, tail, spawnError));
  }

  private watchStderr(tracked: TrackedChild): string[] {
    const tail: string[] = [];
    let logged = 0;
    forEachLine(tracked.child.stderr, (raw) => {
      const line = redactUrlCredentials(raw);
      tail.push(line);
      if (tail.length > STDERR_TAIL) tail.shift();

      logged += 1;
      if (logged <= STDERR_LOG_LIMIT) this.log.warn({ line }, 'ffmpeg');
      if (logged === STDERR_LOG_LIMIT) this.log.warn('further ffmpeg messages of this run dropped');
    });
    return tail;
  }

  private onListLine(line: string, arrivalMs: number): void {
    const entry = parseSegmentListLine(line);
    if (!entry) {
      this.log.debug({ line: redactUrlCredentials(line) }, 'not a segment list line');
      return;
    }

    this.clock.observe(arrivalMs, entry.end);
    const span = this.clock.span(entry.start, entry.end);
    this.reports = this.reports.then(() => this.report(entry, span.startAt, span.endAt));
  }

  /** Probes the closed segment and hands it on; a file without readable video is not indexed. */
  private async report(entry: SegmentListEntry, startAt: number, endAt: number): Promise<void> {
    const path = join(this.options.dir, entry.name);
    try {
      const [info, probe] = await Promise.all([stat(path), probeVideo(this.options.ffprobe, path)]);
      if (!probe) {
        this.log.warn({ path }, 'segment has no readable video; left on disk, not indexed');
        return;
      }

      const segment: RecordedSegment = {
        cameraId: this.options.cameraId,
        path,
        startAt,
        endAt,
        bytes: info.size,
        codec: probe.codec,
        width: probe.width,
        height: probe.height,
      };
      this.log.debug({ path, startAt, endAt, bytes: info.size }, 'segment closed');
      this.options.onSegment(segment);
    } catch (err) {
      this.log.error({ path, err: (err as Error).message }, 'segment could not be reported');
    }
  }

  private onClosed(tracked: TrackedChild, tail: string[], spawnError?: string): void {
    if (this.current === tracked) this.current = null;
    const { exitCode: code, signalCode: signal } = tracked.child;
    const expected = this.state !== 'running';

    if (expected) {
      this.notifyExit({ code, signal, expected, restartInMs: null });
      return;
    }

    // A binary that cannot be started will not start on the second try either.
    if (tracked.child.pid === undefined) {
      this.state = 'stopped';
      this.notifyExit({ code, signal, expected, restartInMs: null, error: spawnError });
      return;
    }

    this.log.warn({ code, signal, stderr: tail }, 'ffmpeg exited unexpectedly; restarting');
    this.notifyExit({ code, signal, expected, restartInMs: RESTART_BACKOFF_MS });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.state === 'running') this.spawnFfmpeg();
    }, RESTART_BACKOFF_MS);
  }

  private notifyExit(exit: RecorderExit): void {
    try {
      this.options.onExit?.(exit);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'onExit handler failed');
    }
  }
}
