// A camera's live picture as fragmented MP4, taken from the recorder's own RTSP session: many
// gate cameras accept only one or two RTSP sessions, so the recorder's ffmpeg writes a second
// output (`-c copy -f mp4 -movflags frag_keyframe+empty_moov+default_base_moof` to a pipe) and
// this interface hands its boxes to whoever shows the picture (the live view's WebSocket relay).
//
// What a consumer receives, in order: the init segment (ftyp + moov) as soon as it exists, then
// media fragments (moof + mdat), each starting at a keyframe. A late joiner gets the current init
// segment at once and fragments from the next one. When the recorder's ffmpeg ends (stall, camera
// reboot), consumers get `interrupted`; when it is back they get a NEW init segment (the codec
// parameters may have changed after a camera reboot) and must reset their decoder.
//
// The interface never blocks the recorder: a listener that throws is dropped, and a slow
// consumer must buffer or drop on its own side (the recording must not wait for a browser).
import type { Logger } from '../log/logger.ts';


/** The stream's codec as ffprobe names it; H.265 ('hevc') cannot play in Chromium's MSE. */
export type LiveCodec = 'h264' | 'hevc' | (string & {});

export interface LiveInit {
  /** ftyp + moov, exactly as ffmpeg wrote them. */
  data: Buffer;
  codec: LiveCodec;
  /** RFC 6381 codec string for MediaSource.isTypeSupported / addSourceBuffer, e.g.
   * `avc1.64001f`; null when the sample entry could not be read. */
  mimeCodec: string | null;
  width: number | null;
  height: number | null;
  /** UTC epoch ms when this init segment arrived (a new one follows every recorder restart). */
  at: number;
}

export type LiveEvent =
  | { kind: 'init'; init: LiveInit }
  | {
      kind: 'fragment';
      /** moof + mdat, exactly as ffmpeg wrote them. */
      data: Buffer;
      /** True when the fragment's first sample is a sync sample (always with frag_keyframe). */
      keyframe: boolean;
      /** UTC epoch ms when the fragment arrived. */
      at: number;
    }
  | {
      kind: 'interrupted';
      /** Why the picture stopped, for the guard: 'stall', 'source-lost', 'recorder-exit',
       * 'stopped' (the host is shutting down). */
      reason: string;
      at: number;
    };

export interface LiveSubscription {
  /** Stops delivery; idempotent. */
  close(): void;
}

export interface LiveSource {
  readonly cameraId: string;
  /** The current init segment, or null before the first one (or while interrupted). */
  currentInit(): LiveInit | null;
  /**
   * Delivers the current init segment synchronously (if any), then every later event. The
   * listener runs on the recorder's I/O path: it must return quickly and not throw.
   */
  subscribe(listener: (event: LiveEvent) => void): LiveSubscription;
  subscriberCount(): number;
}

/** What the host exposes: the live source of each camera recorded with a shared session. */
export interface LiveSources {
  /** null when the camera is not recorded, or is recorded without a live output (open your own
   * preview session then). */
  get(cameraId: string): LiveSource | null;
}

export type LiveListener = (event: LiveEvent) => void;

/**
 * Hands `event` to one listener. A listener that throws is dropped: a viewer's failure must not
 * stop the source (the recorder's I/O path least of all).
 */
export function deliverLive(
  listeners: Set<LiveListener>, listener: LiveListener, event: LiveEvent, log: Logger,
): void {
  try {
    listener(event);
  } catch (err) {
    listeners.delete(listener);
    log.warn({ err: (err as Error).message }, 'live listener failed; dropped');
  }
}
