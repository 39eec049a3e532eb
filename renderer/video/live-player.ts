// Plays a camera's live picture in a <video> through Media Source Extensions: the host's
// `/api/live/<camera>` socket sends an init segment and then fragmented-MP4 fragments (see
// electron/live/live-viewer.ts for the wire). The player keeps close to the live edge: a little
// behind, it plays faster until it has caught up; more than MAX_LAG_S behind, it jumps forward.
// Old footage is dropped from the buffer so a guard's PC does not fill its memory over a shift.

export type LiveStatus =
  | { kind: 'connecting' }
  | { kind: 'playing' }
  | { kind: 'interrupted'; reason: string }
  | { kind: 'snapshots'; codec: string }
  | { kind: 'unsupported'; mime: string }
  /** `code` as the host's live endpoint refuses (LiveRefusal); the message is its detail. */
  | { kind: 'error'; code: string | null; message: string };

/** Behind the newest frame by more than this, the player jumps to it. */
export const MAX_LAG_S = 1.0;
/** Where the jump lands, behind the newest frame: room for the next fragment to arrive. */
const JUMP_BEHIND_S = 0.15;
/** Behind by more than CATCH_UP_S (but less than a jump), play a little faster until the lag is
 * under SETTLED_S: the picture catches up without a visible skip. */
const CATCH_UP_S = 0.3;
const SETTLED_S = 0.12;
const CATCH_UP_RATE = 1.25;
/** Footage kept behind the playhead; older is removed from the SourceBuffer. */
const KEEP_BEHIND_S = 20;
/** Waits before opening the socket again after it closed unasked. */
const RECONNECT_MS = 2_000;
/** From an init segment to a playing picture; longer means the stream was refused by the
 * decoder in a way no event reported: start over. */
const START_TIMEOUT_MS = 10_000;

type ServerText =
  | { t: 'init'; mime: string }
  | { t: 'interrupted'; reason: string }
  | { t: 'snapshots'; codec: string }
  | { t: 'error'; code?: string; message: string };

export interface LivePlayerOptions {
  video: HTMLVideoElement;
  url: string;
  onStatus(status: LiveStatus): void;
  /** H.265: a still picture (a data: URL of a JPEG) every few seconds instead of video. */
  onSnapshot(url: string): void;
}

export class LivePlayer {
  private readonly o: LivePlayerOptions;
  private socket: WebSocket | null = null;
  private source: MediaSource | null = null;
  private buffer: SourceBuffer | null = null;
  private queue: ArrayBuffer[] = [];
  /** Media time the last append added: a frame when the source cuts per frame, a whole GOP
   * when it cuts per keyframe (then the picture cannot be nearer than a GOP, and chasing it
   * closer would skip most frames). */
  private appendSpan = 0;
  private lastNewest = 0;
  private mode: 'video' | 'snapshots' = 'video';
  private stopped = false;
  private fatal = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private startTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: LivePlayerOptions) {
    this.o = options;
  }

  start(): void {
    this.o.onStatus({ kind: 'connecting' });
    const socket = new WebSocket(this.o.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onmessage = (m) => this.onMessage(m.data as string | ArrayBuffer);
    socket.onclose = () => this.onClose(socket);
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.clearStartTimer();
    this.socket?.close();
    this.socket = null;
    this.detachSource();
  }

  private onMessage(data: string | ArrayBuffer): void {
    if (typeof data !== 'string') return this.onBinary(data);

    const frame = JSON.parse(data) as ServerText;
    if (frame.t === 'init') return this.onInit(frame.mime);
    if (frame.t === 'interrupted') return this.o.onStatus({ kind: 'interrupted',
      reason: frame.reason });
    if (frame.t === 'snapshots') {
      this.mode = 'snapshots';
      this.detachSource();
      return this.o.onStatus({ kind: 'snapshots', codec: frame.codec });
    }
    this.fatal = true;
    this.o.onStatus({ kind: 'error', code: frame.code ?? null, message: frame.message });
  }

  /** A (new) init segment follows: start a fresh MediaSource, the old timeline is gone. */
  private onInit(mime: string): void {
    this.mode = 'video';
    if (typeof MediaSource === 'undefined' || !MediaSource.isTypeSupported(mime)) {
      this.fatal = true;
      this.o.onStatus({ kind: 'unsupported', mime });
      this.socket?.close();
      return;
    }

    this.detachSource();
    const source = new MediaSource();
    this.source = source;
    this.o.video.src = URL.createObjectURL(source);
    source.addEventListener('sourceopen', () => {
      if (this.source !== source) return;
      const buffer = source.addSourceBuffer(mime);
      buffer.mode = 'segments';
      buffer.addEventListener('updateend', () => this.afterAppend());
      buffer.addEventListener('error', () => this.restart('decode'));
      this.buffer = buffer;
      this.pump();
    }, { once: true });

    this.clearStartTimer();
    this.startTimer = setTimeout(() => {
      this.startTimer = null;
      if (this.o.video.paused) this.restart('no picture');
    }, START_TIMEOUT_MS);
  }

  /** Drops the socket and the decoder; onClose opens a fresh session after RECONNECT_MS. */
  private restart(reason: string): void {
    this.o.onStatus({ kind: 'interrupted', reason });
    this.detachSource();
    this.socket?.close();
  }

  private clearStartTimer(): void {
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = null;
  }

  private onBinary(data: ArrayBuffer): void {
    if (this.mode === 'snapshots') {
      // A data: URL, as the photos are: the page's CSP allows no blob: images.
      const reader = new FileReader();
      reader.onload = () => this.o.onSnapshot(reader.result as string);
      reader.readAsDataURL(new Blob([data], { type: 'image/jpeg' }));
      return;
    }
    if (!this.source) return;
    this.queue.push(data);
    this.pump();
  }

  private pump(): void {
    const buffer = this.buffer;
    if (!buffer || buffer.updating || this.queue.length === 0) return;
    try {
      buffer.appendBuffer(this.queue.shift()!);
    } catch (err) {
      // QuotaExceeded or a decode error: start over from the next init segment.
      this.restart((err as Error).name);
    }
  }

  private afterAppend(): void {
    const { video } = this.o;
    const buffer = this.buffer;
    if (!buffer || video.buffered.length === 0) return this.pump();

    const last = video.buffered.length - 1;
    const newest = video.buffered.end(last);
    if (newest > this.lastNewest) this.appendSpan = newest - this.lastNewest;
    this.lastNewest = newest;
    const slack = this.appendSpan > CATCH_UP_S ? this.appendSpan : 0;
    const behind = newest - video.currentTime - slack;
    if (video.currentTime < video.buffered.start(last) || behind > MAX_LAG_S) {
      video.currentTime = Math.max(video.buffered.start(last), newest - slack - JUMP_BEHIND_S);
    } else if (behind > CATCH_UP_S) {
      video.playbackRate = CATCH_UP_RATE;
    } else if (behind < SETTLED_S) {
      video.playbackRate = 1;
    }
    if (video.paused) {
      void video.play().then(() => {
        this.clearStartTimer();
        this.o.onStatus({ kind: 'playing' });
      }, () => undefined);
    }

    const oldest = video.buffered.start(0);
    if (video.currentTime - oldest > KEEP_BEHIND_S * 2 && !buffer.updating) {
      buffer.remove(oldest, video.currentTime - KEEP_BEHIND_S);
      return;
    }
    this.pump();
  }

  private onClose(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.socket = null;
    if (this.stopped || this.fatal) return;

    this.o.onStatus({ kind: 'interrupted', reason: 'connection' });
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) this.start();
    }, RECONNECT_MS);
  }

  private detachSource(): void {
    this.queue = [];
    this.appendSpan = 0;
    this.lastNewest = 0;
    this.buffer = null;
    if (!this.source) return;
    const url = this.o.video.src;
    this.source = null;
    this.o.video.removeAttribute('src');
    this.o.video.load();
    if (url.startsWith('blob:')) URL.revokeObjectURL(url);
  }
}
