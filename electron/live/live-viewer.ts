// One browser watching one camera over a WebSocket. The wire, in order:
//   text `{"t":"init","mime":…,"width":…,"height":…}`, then one binary frame: the init
//   segment;
//   binary frames: media fragments (moof + mdat), the first one on a keyframe;
//   text `{"t":"interrupted","reason":…}` when the source stopped (a new init follows);
//   text `{"t":"snapshots","codec":"hevc","intervalMs":…}`, then binary JPEGs, for H.265;
//   text `{"t":"error","message":…}` before the server closes the socket.
// A viewer that cannot keep up (its socket buffer fills) skips to the next keyframe instead of
// falling further behind: a guard wants the picture of now, not a complete one of a minute ago.
import type { WebSocket } from 'ws';
import type { LiveEvent, LiveInit, LiveSource } from '../recording/live-source.ts';

/** Bytes queued on a viewer's socket beyond which fragments are skipped to the next keyframe:
 * about two seconds of a 2 Mbit/s sub-stream. */
export const MAX_QUEUED_BYTES = 512 * 1024;

export interface LiveViewerOptions {
  source: LiveSource;
  socket: WebSocket;
  /** Starts periodic snapshots when the stream is one Chromium cannot decode (H.265). */
  startSnapshots(send: (jpeg: Buffer) => void): { intervalMs: number; stop(): void };
}

export function attachViewer(o: LiveViewerOptions): void {
  const { socket } = o;
  let waitingForKeyframe = true;
  let snapshots: { stop(): void } | null = null;

  const sendText = (frame: object) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const sendBinary = (data: Buffer) => {
    if (socket.readyState === socket.OPEN) socket.send(data);
  };

  const onInit = (init: LiveInit) => {
    if (!playable(init)) {
      if (snapshots) return;
      // The note goes first; a picture grabbed before it was sent waits for it.
      let announced = false;
      const early: Buffer[] = [];
      const started = o.startSnapshots((jpeg) => (announced ? sendBinary(jpeg) : early.push(jpeg)));
      snapshots = started;
      sendText({ t: 'snapshots', codec: init.codec, intervalMs: started.intervalMs });
      announced = true;
      early.forEach(sendBinary);
      return;
    }
    snapshots?.stop();
    snapshots = null;
    waitingForKeyframe = true;
    sendText({ t: 'init', mime: `video/mp4; codecs="${init.mimeCodec}"`, width: init.width,
      height: init.height });
    sendBinary(init.data);
  };

  const onEvent = (event: LiveEvent) => {
    if (event.kind === 'init') return onInit(event.init);
    if (event.kind === 'interrupted') {
      waitingForKeyframe = true;
      return sendText({ t: 'interrupted', reason: event.reason });
    }
    if (snapshots) return;

    if (socket.bufferedAmount > MAX_QUEUED_BYTES) waitingForKeyframe = true;
    if (waitingForKeyframe && !event.keyframe) return;
    waitingForKeyframe = false;
    sendBinary(event.data);
  };

  const subscription = o.source.subscribe(onEvent);
  socket.on('close', () => {
    subscription.close();
    snapshots?.stop();
  });
  // Viewers only listen; anything they send is ignored.
  socket.on('message', () => undefined);
}

/** Chromium's MSE plays H.264 everywhere; H.265 only with a hardware decoder, so never rely on
 * it at a gate PC. */
function playable(init: LiveInit): boolean {
  return init.codec === 'h264' && init.mimeCodec !== null;
}
