// One ffmpeg per camera, copying the camera's H.264 (no decode, about 1 % of a core) into short
// fragmented-MP4 segments in a per-camera folder (recorder-args.ts). ffmpeg reports each closed
// segment on its stdout (the CSV segment list); we read its head (segment-report.ts), place it
// on the wall clock (segment-clock.ts) and hand it to `onSegment`, which indexes it. Nothing
// scans the disk on a timer; only after a run killed mid-write are unreported files swept
// (orphans.ts).
//
// A run ends when ffmpeg exits or when the watchdog finds it stalled (no new frame for
// `stallMs`, or none at all within `startTimeoutMs`); the next run starts on the restart
// ladder (restart-ladder.ts). Every end is reported with its cause, which becomes a gap row.
//
// The RTSP URL carries the camera's credentials: it goes to ffmpeg's argv and nowhere else.
// Every line logged here passes through the camera's credential redactor (redact.ts).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from '../log/logger.ts';
import { forEachLine, stopChild, trackChild } from '../../native/ffmpeg-process.ts';
import type { GapCause } from './gaps.ts';
import type { LiveHub } from './live-hub.ts';
import { sweepOrphans } from './orphans.ts';
import { isProgressLine, progressFrame } from './progress.ts';
import { credentialRedactor, displayUrl } from './redact.ts';
import { LIVE_FD, recorderArgs } from './recorder-args.ts';
import { DEFAULT_RESTART_POLICY, RestartLadder, type RestartPolicy } from './restart-ladder.ts';
import { RecorderRun } from './recorder-run.ts';
import { probeSegmentFile, readSegmentHead, type RecordedSegment } from './segment-report.ts';
import { parseSegmentListLine, type SegmentListEntry } from './segment-list.ts';

export type { RecordedSegment } from './segment-report.ts';

export interface RecorderExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when stop() asked for it. */
  expected: boolean;
  /** Why the footage stopped; null when stop() asked for it. */
  cause: Extract<GapCause, 'stall' | 'source-lost' | 'recorder-exit' | 'start-failed'> | null;
  /** ffmpeg's last error line (credentials removed), or the watchdog's finding. */
  detail: string | null;
  /** Wall-clock ms of the run's last frame; null when it got none. */
  lastFrameAt: number | null;
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
  /** The first frame of a run arrived: footage flows again (closes the open gap). */
  onRecording?: (at: number) => void;
  onExit?: (exit: RecorderExit) => void;
  /** Share this session with the live view: a second output feeds the hub. */
  live?: LiveHub;
  /** True when the path is already indexed (the orphan sweep skips it). */
  isIndexed?: (path: string) => boolean;
  restartPolicy?: RestartPolicy;
  stallMs?: number;
  startTimeoutMs?: number;
  log: Logger;
}

/** A camera sends 25 frames a second (5 at night on some models): six seconds without one is a
 * stall, not jitter. The gap it causes starts at the last frame, so waiting costs nothing. */
export const STALL_TIMEOUT_MS = 6_000;

/** From spawning ffmpeg to its first frame: RTSP handshake, the I/O timeout, one GOP. */
export const START_TIMEOUT_MS = 15_000;

/** ffmpeg needs milliseconds to close a fragmented MP4 after SIGINT; SIGKILL after this. */
export const STOP_GRACE_MS = 10_000;

/** A stalled ffmpeg is blocked in a read; it is given less time to close before SIGKILL. */
const STALL_KILL_GRACE_MS = 3_000;

const WATCHDOG_PERIOD_MS = 500;

type State = 'idle' | 'running' | 'stopping' | 'stopped';

export class Recorder {
  private readonly options: RecorderOptions;
  private readonly log: Logger;
  private readonly redact: (text: string) => string;
  private readonly ladder: RestartLadder;
  private state: State = 'idle';
  private run: RecorderRun | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
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
    this.redact = credentialRedactor(options.rtspUrl);
    this.ladder = new RestartLadder(options.restartPolicy ?? DEFAULT_RESTART_POLICY);
  }

  start(): void {
    if (this.state !== 'idle') throw new Error(`Recorder.start() in state ${this.state}`);

    mkdirSync(this.options.dir, { recursive: true });
    this.state = 'running';
    const { dir, segmentSeconds } = this.options;
    const url = displayUrl(this.options.rtspUrl);
    this.log.info({ url, dir, segmentSeconds, live: Boolean(this.options.live) },
      'recorder starting');
    this.watchdog = setInterval(() => this.checkStall(), WATCHDOG_PERIOD_MS);
    this.spawnFfmpeg();
  }

  /**
   * SIGINT lets ffmpeg close the current segment cleanly; it is reported before this resolves.
   * On Windows the signal ends ffmpeg at once: the file stays playable up to its last fragment
   * and the orphan sweep indexes it.
   */
  async stop(): Promise<void> {
    if (this.state === 'idle' || this.state === 'stopped') {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopping';
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.restartTimer = null;
    this.watchdog = null;

    const run = this.run;
    if (run) {
      await stopChild(run.tracked, 'SIGINT', STOP_GRACE_MS);
      await run.ended;
    }
    await this.reports;
    this.state = 'stopped';
    this.log.info('recorder stopped');
  }

  private spawnFfmpeg(): void {
    const { options } = this;
    const args = recorderArgs({ ...options, live: Boolean(options.live) });
    const stdio: ('ignore' | 'pipe')[] = ['ignore', 'pipe', 'pipe'];
    if (options.live) stdio[LIVE_FD] = 'pipe';

    const child = spawn(options.ffmpeg, args, { stdio, windowsHide: true });
    const tracked = trackChild(child);
    const run = new RecorderRun(tracked, Date.now());
    this.run = run;
    this.ladder.started(run.startedAt);

    forEachLine(child.stdout, (line) => this.onStdoutLine(run, line, Date.now()));
    forEachLine(child.stderr, (raw) => run.onStderr(this.redact(raw), this.log));
    if (options.live) {
      options.live.beginRun();
      (child.stdio[LIVE_FD] as Readable | null)?.on('data', (c: Buffer) => options.live?.feed(c));
    }
    child.once('error', (err) => {
      run.spawnError = err.message;
      this.log.error({ err: this.redact(err.message) }, 'ffmpeg did not start');
    });
    void tracked.closed.then(() => this.onClosed(run));
  }

  private onStdoutLine(run: RecorderRun, line: string, now: number): void {
    if (isProgressLine(line)) {
      const frames = progressFrame(line);
      if (frames !== null && run.frameProgress(frames, now)) this.onFirstFrame(run, now);
      return;
    }

    const entry = parseSegmentListLine(line);
    if (!entry) {
      this.log.debug({ line: this.redact(line) }, 'not a segment list line');
      return;
    }
    run.clock.observe(now, entry.end);
    const span = run.clock.span(entry.start, entry.end);
    run.reported.add(join(this.options.dir, entry.name));
    this.reports = this.reports.then(() => this.report(entry, span.startAt, span.endAt));
  }

  private onFirstFrame(run: RecorderRun, now: number): void {
    this.log.info({ afterMs: now - run.startedAt }, 'recording');
    try {
      this.options.onRecording?.(now);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'onRecording handler failed');
    }
  }

  /** Reads the closed segment's head (ffprobe if that fails) and hands it on; a file without
   * readable video is not indexed. */
  private async report(entry: SegmentListEntry, startAt: number, endAt: number): Promise<void> {
    const path = join(this.options.dir, entry.name);
    const probed = (await readSegmentHead(path))
      ?? (await probeSegmentFile(this.options.ffprobe, path));
    if (!probed) {
      this.log.warn({ path }, 'segment has no readable video; left on disk, not indexed');
      return;
    }

    const { bytes, codec, width, height } = probed;
    this.log.debug({ path, startAt, endAt, bytes }, 'segment closed');
    this.deliver({ cameraId: this.options.cameraId, path, startAt, endAt, bytes, codec, width,
      height });
  }

  private deliver(segment: RecordedSegment): void {
    try {
      this.options.onSegment(segment);
    } catch (err) {
      this.log.error({ path: segment.path, err: (err as Error).message },
        'segment could not be indexed');
    }
  }

  private checkStall(): void {
    const run = this.run;
    if (!run || this.state !== 'running' || run.killedFor) return;

    const now = Date.now();
    const stalled = run.lastFrameAt === null
      ? now - run.startedAt > (this.options.startTimeoutMs ?? START_TIMEOUT_MS)
      : now - run.lastFrameAt > (this.options.stallMs ?? STALL_TIMEOUT_MS);
    if (!stalled) return;

    run.killedFor = run.lastFrameAt === null
      ? `no frame within ${now - run.startedAt} ms of starting`
      : `no frame for ${now - run.lastFrameAt} ms`;
    this.log.warn({ finding: run.killedFor }, 'recorder stalled; restarting ffmpeg');
    void stopChild(run.tracked, 'SIGINT', STALL_KILL_GRACE_MS);
  }

  private async onClosed(run: RecorderRun): Promise<void> {
    await this.reports;
    await this.indexOrphans(run);
    if (this.run === run) this.run = null;
    run.finish();

    const { exitCode: code, signalCode: signal } = run.tracked.child;
    const expected = this.state !== 'running';
    this.options.live?.interrupt(expected ? 'stopped' : run.cause());
    const base = { code, signal, expected, lastFrameAt: run.lastFrameAt, detail: run.detail() };
    if (expected) {
      this.notifyExit({ ...base, cause: null, restartInMs: null });
      return;
    }

    // A binary that cannot be started will not start on the second try either.
    if (run.tracked.child.pid === undefined) {
      this.state = 'stopped';
      if (this.watchdog) clearInterval(this.watchdog);
      this.notifyExit({ ...base, cause: 'start-failed', restartInMs: null,
        error: run.spawnError });
      return;
    }

    const restartInMs = this.ladder.ended(run.firstFrameAt, Date.now());
    this.log.warn({ code, signal, cause: run.cause(), stderr: run.tail, restartInMs },
      'ffmpeg run ended; restarting');
    this.notifyExit({ ...base, cause: run.cause(), restartInMs });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.state === 'running') this.spawnFfmpeg();
    }, restartInMs);
  }

  /** A run that did not close its last file (SIGKILL, crash) left it unreported. */
  private async indexOrphans(run: RecorderRun): Promise<void> {
    if (run.lastFrameAt === null) return;

    const isIndexed = this.options.isIndexed ?? (() => false);
    const orphans = await sweepOrphans({
      cameraId: this.options.cameraId,
      dir: this.options.dir,
      ffprobe: this.options.ffprobe,
      isKnown: (path) => run.reported.has(path) || isIndexed(path),
      log: this.log,
    });
    for (const segment of orphans) {
      this.log.info({ path: segment.path }, 'segment cut mid-write indexed up to the cut');
      this.deliver(segment);
    }
  }

  private notifyExit(exit: RecorderExit): void {
    try {
      this.options.onExit?.(exit);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'onExit handler failed');
    }
  }
}
