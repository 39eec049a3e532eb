// One ffmpeg run of a recorder: the child, its wall-clock anchor, the frames it has delivered
// and what its stderr said. It decides the run's cause of death for the gap row: the
// watchdog's finding first (a stall), then an error that means the camera went away, else the
// recorder's own failure.
import type { Logger } from '../log/logger.ts';
import type { TrackedChild } from '../../native/ffmpeg-process.ts';
import { classifyFfmpegLine, meansSourceLost } from './ffmpeg-stderr.ts';
import { SegmentClock } from './segment-clock.ts';

/** ffmpeg lines logged per run; a camera that repeats a warning every frame is cut short. */
const STDERR_LOG_LIMIT = 50;
const STDERR_TAIL = 10;

export class RecorderRun {
  readonly tracked: TrackedChild;
  readonly startedAt: number;
  /** Each run has its own stream timeline, so its own wall-clock anchor. */
  readonly clock = new SegmentClock();
  /** Paths announced by this run's segment list. */
  readonly reported = new Set<string>();
  readonly tail: string[] = [];
  firstFrameAt: number | null = null;
  lastFrameAt: number | null = null;
  /** Set when the watchdog ended the run: what it found. */
  killedFor: string | null = null;
  spawnError: string | undefined;
  readonly ended: Promise<void>;
  private frames = -1;
  private lastError: string | null = null;
  private sourceLost = false;
  private logged = 0;
  private resolveEnded: () => void = () => undefined;

  constructor(tracked: TrackedChild, startedAt: number) {
    this.tracked = tracked;
    this.startedAt = startedAt;
    this.ended = new Promise((resolve) => {
      this.resolveEnded = resolve;
    });
  }

  /** Records a progress report; true when it carries the run's first frame. */
  frameProgress(frames: number, now: number): boolean {
    if (frames <= this.frames || frames <= 0) return false;
    const first = this.lastFrameAt === null;
    if (first) this.firstFrameAt = now;
    this.frames = frames;
    this.lastFrameAt = now;
    return first;
  }

  /** One stderr line, credentials already removed. Warnings are not errors: info level, so
   * they stay out of the health report's last errors; errors are warnings for us, because the
   * supervisor recovers from them and the gap row is what the installer must see. */
  onStderr(line: string, log: Logger): void {
    const { level } = classifyFfmpegLine(line);
    this.tail.push(line);
    if (this.tail.length > STDERR_TAIL) this.tail.shift();
    if (level === 'error' || level === 'fatal') {
      this.lastError = line;
      if (meansSourceLost(line)) this.sourceLost = true;
    }

    this.logged += 1;
    if (this.logged > STDERR_LOG_LIMIT) return;
    if (level === 'error' || level === 'fatal') log.warn({ line }, 'ffmpeg');
    else log.info({ line }, 'ffmpeg');
    if (this.logged === STDERR_LOG_LIMIT) log.info('further ffmpeg messages of this run dropped');
  }

  /** A recorder ffmpeg never finishes on its own: a clean exit means the camera ended the
   * stream (an RTSP server that goes away mid-session reads as end of file, not as an error). */
  cause(): 'stall' | 'source-lost' | 'recorder-exit' {
    if (this.killedFor) return 'stall';
    if (this.sourceLost || this.tracked.child.exitCode === 0) return 'source-lost';
    return 'recorder-exit';
  }

  detail(): string | null {
    return this.killedFor ?? this.lastError ?? this.spawnError ?? null;
  }

  finish(): void {
    this.resolveEnded();
  }
}
