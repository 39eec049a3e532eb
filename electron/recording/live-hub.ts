// The recorder's live output made into a LiveSource (live-source.ts): the boxes ffmpeg writes to
// its live pipe become an init segment and keyframe-led fragments, fanned out to subscribers.
// One hub per camera lives as long as the supervisor; each ffmpeg run feeds it afresh.
import type { Logger } from '../log/logger.ts';
import {
  deliverLive, type LiveEvent, type LiveInit, type LiveListener, type LiveSource,
  type LiveSubscription,
} from './live-source.ts';
import { BoxReader, readTrackInfo, startsWithKeyframe } from './mp4-boxes.ts';


export class LiveHub implements LiveSource {
  readonly cameraId: string;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly listeners = new Set<LiveListener>();
  private init: LiveInit | null = null;
  private reader = new BoxReader();
  private ftyp: Buffer | null = null;
  private moof: Buffer | null = null;
  private broken = false;

  constructor(cameraId: string, log: Logger, now: () => number = Date.now) {
    this.cameraId = cameraId;
    this.log = log;
    this.now = now;
  }

  currentInit(): LiveInit | null {
    return this.init;
  }

  subscribe(listener: LiveListener): LiveSubscription {
    this.listeners.add(listener);
    if (this.init) deliverLive(this.listeners, listener, { kind: 'init', init: this.init },
      this.log);
    return { close: () => void this.listeners.delete(listener) };
  }

  subscriberCount(): number {
    return this.listeners.size;
  }

  /** A new ffmpeg run begins: its output starts with a new ftyp. */
  beginRun(): void {
    this.reader = new BoxReader();
    this.ftyp = null;
    this.moof = null;
    this.broken = false;
  }

  /** Bytes from the live pipe of the current run. */
  feed(chunk: Buffer): void {
    if (this.broken) return;

    let boxes;
    try {
      boxes = this.reader.push(chunk);
    } catch (err) {
      // The recording goes on; only the picture stops until the next run.
      this.broken = true;
      this.log.warn({ err: (err as Error).message }, 'live output unreadable; live view paused');
      return;
    }

    for (const box of boxes) this.onBox(box.type, box.data);
  }

  /** The run ended (stall, lost source, stop): consumers wait for the next init segment. */
  interrupt(reason: string): void {
    if (!this.init) return;
    this.init = null;
    this.publish({ kind: 'interrupted', reason, at: this.now() });
  }

  private onBox(type: string, data: Buffer): void {
    if (type === 'ftyp') {
      this.ftyp = data;
      return;
    }
    if (type === 'moov') {
      const info = readTrackInfo(data);
      const init: LiveInit = {
        data: Buffer.concat([this.ftyp ?? Buffer.alloc(0), data]),
        codec: info.codec,
        mimeCodec: info.mimeCodec,
        width: info.width,
        height: info.height,
        at: this.now(),
      };
      this.init = init;
      this.publish({ kind: 'init', init });
      return;
    }
    if (type === 'moof') {
      this.moof = data;
      return;
    }
    if (type === 'mdat' && this.moof && this.init) {
      const keyframe = startsWithKeyframe(this.moof);
      const fragment = Buffer.concat([this.moof, data]);
      this.moof = null;
      this.publish({ kind: 'fragment', data: fragment, keyframe, at: this.now() });
    }
  }

  private publish(event: LiveEvent): void {
    for (const listener of this.listeners) {
      deliverLive(this.listeners, listener, event, this.log);
    }
  }

}
