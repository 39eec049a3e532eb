// The recorder supervisor: one Recorder per camera configured to record, their segments indexed
// and linked to passages, and every hole in the footage written down as a gap row with its
// cause. It also answers what the installer and the live view ask: how each camera is doing
// (recording, reconnecting, failed, H.265) and, for cameras that share their RTSP session, the
// live source.
//
// Gaps, in the order they happen:
// - at start, a camera that has footage from before gets a 'host-down' gap from the end of its
//   last segment (Gatehouse was not running or crashed), closed by the first new frame;
// - a run that ends unexpectedly opens a gap from the end of its footage, with the run's cause;
//   the retries that follow leave it open; the first frame of a later run closes it;
// - a camera whose recorder cannot be started at all gets a 'start-failed' gap that stays open.
// - a camera moved to another storage root (its own filled up) gets a 'recorder-exit' gap that
//   says so, from the end of its last segment to the first frame on the new root.
import type { Db } from '../db/database.ts';
import type { Logger } from '../log/logger.ts';
import { closeGap, openGap, openGapOf, trimGapEnd, type GapCause } from './gaps.ts';
import { LiveHub } from './live-hub.ts';
import type { LiveSources } from './live-source.ts';
import { sweepOrphans } from './orphans.ts';
import { Recorder, type RecorderExit, type RecorderOptions } from './recorder.ts';
import { displayUrl } from './redact.ts';
import type { RecordedSegment } from './segment-report.ts';
import { insertSegment, isIndexed, lastSegmentOf } from './segments.ts';

export interface SupervisedCamera {
  id: string;
  gateId: string;
  rtspUrl: string;
  /** The storage root the camera's folder is on, and the folder itself. */
  root: string;
  dir: string;
  /** The camera allows few RTSP sessions: the live view takes a copy of the recorder's. */
  shareLive: boolean;
}

export type CameraRecordingState = 'starting' | 'recording' | 'reconnecting' | 'failed' | 'stopped';

export interface CameraStatus {
  cameraId: string;
  state: CameraRecordingState;
  /** The stream address without credentials. */
  streamUrl: string | null;
  codec: string | null;
  /** H.265 records fine but cannot be shown live in the browser: the UI says so. */
  h265: boolean;
  lastSegmentAt: number | null;
  restarts: number;
  nextAttemptAt: number | null;
  openGap: { fromAt: number; cause: GapCause; detail: string | null } | null;
}

export interface SupervisorOptions {
  db: Db;
  ffmpeg: string;
  ffprobe: string;
  segmentSeconds: number;
  log: Logger;
  /** Test hooks: a faster watchdog and ladder. */
  recorder?: Pick<RecorderOptions, 'restartPolicy' | 'stallMs' | 'startTimeoutMs'>;
  now?: () => number;
}

interface Entry {
  camera: SupervisedCamera;
  recorder: Recorder | null;
  live: LiveHub | null;
  status: CameraStatus;
}

export class RecorderSupervisor {
  private readonly o: SupervisorOptions;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(options: SupervisorOptions) {
    this.o = options;
    this.log = options.log;
    this.now = options.now ?? Date.now;
  }

  /** Indexes what a crash left behind, writes the host-down gap, and starts recording. */
  async start(camera: SupervisedCamera): Promise<void> {
    if (this.entries.has(camera.id)) throw new Error(`camera ${camera.id} is already recorded`);
    const live = camera.shareLive ? new LiveHub(camera.id, this.log, this.now) : null;
    await this.launch({ camera, recorder: null, live, status: this.freshStatus(camera) });
  }

  /** The storage root each recorded camera writes to now. */
  roots(): Map<string, string> {
    return new Map([...this.entries.values()].filter((e) => e.recorder)
      .map((e) => [e.camera.id, e.camera.root]));
  }

  /**
   * Moves a camera's recording to another root and folder: the recorder stops, the hole until
   * the first frame on the new root is a gap that says why, and the live view keeps its hub.
   * False when the camera is not recorded or already writes there.
   */
  async move(cameraId: string, root: string, dir: string, why: string): Promise<boolean> {
    const entry = this.entries.get(cameraId);
    if (this.stopped || !entry?.recorder || entry.camera.root === root) return false;

    await entry.recorder.stop();
    if (this.stopped) return false;

    const now = this.now();
    if (!openGapOf(this.o.db, cameraId)) {
      const last = lastSegmentOf(this.o.db, cameraId);
      openGap(this.o.db, { cameraId, fromAt: Math.min(last?.endAt ?? now, now),
        cause: 'recorder-exit', detail: why }, now);
    }
    this.log.warn({ cameraId, from: entry.camera.root, to: root, why }, 'recording moved');

    const status = { ...this.freshStatus(entry.camera), restarts: entry.status.restarts };
    await this.launch({ ...entry, camera: { ...entry.camera, root, dir }, recorder: null,
      status });
    return true;
  }

  private async launch(entry: Entry): Promise<void> {
    const { db } = this.o;
    const { camera, live } = entry;
    this.entries.set(camera.id, entry);

    const orphans = await sweepOrphans({
      cameraId: camera.id, dir: camera.dir, ffprobe: this.o.ffprobe,
      isKnown: (path) => isIndexed(db, path), log: this.log,
    });
    for (const segment of orphans) this.onSegment(entry, segment);

    const last = lastSegmentOf(db, camera.id);
    if (last && !openGapOf(db, camera.id)) {
      openGap(db, { cameraId: camera.id, fromAt: last.endAt, cause: 'host-down' }, this.now());
    }

    const recorder = new Recorder({
      ...this.o.recorder,
      cameraId: camera.id,
      rtspUrl: camera.rtspUrl,
      dir: camera.dir,
      segmentSeconds: this.o.segmentSeconds,
      ffmpeg: this.o.ffmpeg,
      ffprobe: this.o.ffprobe,
      live: live ?? undefined,
      isIndexed: (path) => isIndexed(db, path),
      onSegment: (segment) => this.onSegment(entry, segment),
      onRecording: (at) => this.onRecording(entry, at),
      onExit: (exit) => this.onExit(entry, exit),
      log: this.log,
    });
    entry.recorder = recorder;
    this.refreshGap(entry);
    recorder.start();
  }

  /** A camera that cannot be recorded at all (no stream address): its gap stays open. */
  markFailed(cameraId: string, detail: string, now = this.now()): void {
    const camera = { id: cameraId, gateId: '', rtspUrl: '', root: '', dir: '', shareLive: false };
    const entry: Entry = { camera, recorder: null, live: null, status: this.freshStatus(camera) };
    entry.status.state = 'failed';
    this.entries.set(cameraId, entry);

    const last = lastSegmentOf(this.o.db, cameraId);
    openGap(this.o.db, { cameraId, fromAt: last?.endAt ?? now, cause: 'start-failed', detail },
      now);
    this.refreshGap(entry);
  }

  statuses(): CameraStatus[] {
    return [...this.entries.values()].map((e) => ({ ...e.status }));
  }

  liveSources(): LiveSources {
    return { get: (cameraId) => this.entries.get(cameraId)?.live ?? null };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.entries.values()].map(async (entry) => {
      await entry.recorder?.stop();
      entry.status.state = 'stopped';
    }));
  }

  private onSegment(entry: Entry, segment: RecordedSegment): void {
    insertSegment(this.o.db, segment, entry.camera.gateId, entry.camera.root);
    if (!openGapOf(this.o.db, entry.camera.id)) trimGapEnd(this.o.db, entry.camera.id, segment);
    const status = entry.status;
    status.lastSegmentAt = Math.max(status.lastSegmentAt ?? 0, segment.endAt);
    status.codec = segment.codec;
    if (segment.codec === 'hevc' && !status.h265) {
      status.h265 = true;
      this.log.warn({ cameraId: entry.camera.id },
        'camera sends H.265: recorded, but browsers cannot show it live; set its sub-stream ' +
        'to H.264 for the live view');
    }
  }

  private onRecording(entry: Entry, at: number): void {
    const closed = closeGap(this.o.db, entry.camera.id, at);
    if (closed) {
      this.log.info({ cameraId: entry.camera.id, cause: closed.cause,
        lostMs: closed.toAt! - closed.fromAt }, 'recording resumed; gap closed');
    }
    entry.status.state = 'recording';
    entry.status.nextAttemptAt = null;
    this.refreshGap(entry);
  }

  private onExit(entry: Entry, exit: RecorderExit): void {
    const status = entry.status;
    if (exit.expected) return;

    const now = this.now();
    if (exit.cause) {
      const last = lastSegmentOf(this.o.db, entry.camera.id);
      const fromAt = exit.lastFrameAt === null
        ? (last?.endAt ?? now)
        : Math.max(last?.endAt ?? 0, Math.min(exit.lastFrameAt, now));
      const opened = !openGapOf(this.o.db, entry.camera.id);
      openGap(this.o.db, { cameraId: entry.camera.id, fromAt, cause: exit.cause,
        detail: exit.detail }, now);
      if (opened) {
        this.log.warn({ cameraId: entry.camera.id, cause: exit.cause, detail: exit.detail },
          'recording gap opened');
      }
    }

    status.restarts += 1;
    status.state = exit.restartInMs === null ? 'failed' : 'reconnecting';
    status.nextAttemptAt = exit.restartInMs === null ? null : now + exit.restartInMs;
    this.refreshGap(entry);
  }

  private refreshGap(entry: Entry): void {
    const gap = openGapOf(this.o.db, entry.camera.id);
    entry.status.openGap = gap ? { fromAt: gap.fromAt, cause: gap.cause, detail: gap.detail }
      : null;
  }

  private freshStatus(camera: SupervisedCamera): CameraStatus {
    const last = camera.id ? lastSegmentOf(this.o.db, camera.id) : null;
    return {
      cameraId: camera.id,
      state: 'starting',
      streamUrl: camera.rtspUrl ? displayUrl(camera.rtspUrl) : null,
      codec: last?.codec ?? null,
      h265: last?.codec === 'hevc',
      lastSegmentAt: last?.endAt ?? null,
      restarts: 0,
      nextAttemptAt: null,
      openGap: null,
    };
  }
}
