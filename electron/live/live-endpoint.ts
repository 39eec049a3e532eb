// The live lanes: a WebSocket per watched camera at `/api/live/<cameraId>` on the API server,
// authenticated like the API's own socket (session token, same origin). Each camera's picture
// comes from the recorder's shared RTSP session when it offers one (recording/live-source.ts),
// else from a preview session of our own that runs only while watched.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CameraConfig, SiteConfig } from '../config/site.ts';
import type { Caller } from '../api/dispatcher.ts';
import type { ServerExtension } from '../api/server.ts';
import type { LiveSource, LiveSources } from '../recording/live-source.ts';
import { subsystemLogger, type Logger } from '../log/logger.ts';
import { fetchStreamUri } from '../devices/onvif/onvif-client.ts';
import { PreviewSource } from './preview-source.ts';
import { attachViewer } from './live-viewer.ts';
import { startSnapshotLoop } from './snapshots.ts';

const LIVE_PATH = /^\/api\/live\/([a-z0-9-]+)$/;

/**
 * Why a camera has no live picture: not on this site, no video stream configured (no ONVIF),
 * no ffmpeg on this PC, or its stream address could not be had (the camera did not answer).
 */
export type LiveRefusal = 'no-camera' | 'no-stream' | 'no-ffmpeg' | 'stream-failed';

/** ONVIF cameras answer in well under a second; a camera silent this long is unreachable. */
const ONVIF_TIMEOUT_MS = 5_000;

export interface LiveEndpointOptions {
  site: SiteConfig;
  /** null: no ffmpeg here; every viewer is told so. */
  ffmpeg: string | null;
  /** The recorders' shared sessions (6a's recording supervisor), when there are any. */
  liveSources?: LiveSources | null;
  /** The stream a camera is watched on; defaults to the camera's ONVIF stream URI. */
  streamUrlOf?: (camera: CameraConfig) => Promise<{ ok: true; url: string } | {
    ok: false; error: string }>;
  log: Logger;
}

export interface LiveEndpoint {
  extension: ServerExtension;
  close(): Promise<void>;
}

export function createLiveEndpoint(o: LiveEndpointOptions): LiveEndpoint {
  const log = subsystemLogger(o.log, 'live');
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const previews = new Map<string, PreviewSource>();
  const urls = new Map<string, Promise<{ ok: true; url: string } | { ok: false; error: string }>>();
  const streamUrlOf = o.streamUrlOf ?? onvifStreamUrl;

  const urlFor = (camera: CameraConfig) => {
    let pending = urls.get(camera.id);
    if (!pending) {
      pending = streamUrlOf(camera);
      urls.set(camera.id, pending);
      // A failed look-up is tried again by the next viewer (the camera may be back).
      void pending.then((r) => {
        if (!r.ok) urls.delete(camera.id);
      });
    }
    return pending;
  };

  async function sourceFor(camera: CameraConfig): Promise<
    { ok: true; source: LiveSource; url: string } | { ok: false; error: string }
  > {
    if (!o.ffmpeg) return { ok: false, error: 'ffmpeg was not found on this PC' };
    const url = await urlFor(camera);
    if (!url.ok) return url;

    const shared = o.liveSources?.get(camera.id);
    if (shared) return { ok: true, source: shared, url: url.url };

    let preview = previews.get(camera.id);
    if (!preview) {
      preview = new PreviewSource({ cameraId: camera.id, rtspUrl: url.url, ffmpeg: o.ffmpeg, log });
      previews.set(camera.id, preview);
    }
    return { ok: true, source: preview, url: url.url };
  }

  async function serve(socket: WebSocket, cameraId: string, caller: Caller): Promise<void> {
    const camera = o.site.cameras.find((c) => c.id === cameraId);
    // The code is for the page to word; the message is the detail, in English, for the log.
    const refuse = (code: LiveRefusal, message: string) => {
      socket.send(JSON.stringify({ t: 'error', code, message }));
      socket.close(1008, 'no picture');
    };
    if (!camera) return refuse('no-camera', `no camera ${cameraId} on this site`);
    if (!camera.onvif && !o.streamUrlOf) {
      return refuse('no-stream', 'this camera has no video stream configured (ONVIF)');
    }

    const found = await sourceFor(camera);
    if (socket.readyState !== socket.OPEN) return;
    if (!found.ok) return refuse(o.ffmpeg ? 'stream-failed' : 'no-ffmpeg', found.error);

    log.info({ cameraId, user: caller.user?.username }, 'live viewer joined');
    socket.once('close', () => log.info({ cameraId }, 'live viewer left'));
    attachViewer({
      source: found.source,
      socket,
      startSnapshots: (send) =>
        startSnapshotLoop({ ffmpeg: o.ffmpeg!, input: found.url, log, onPicture: send }),
    });
  }

  const extension: ServerExtension = {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, caller: Caller) {
      const match = LIVE_PATH.exec(url.pathname);
      if (!match) return false;
      wss.handleUpgrade(req, socket, head, (ws) => {
        serve(ws, match[1]!, caller).catch((err) => {
          log.error({ err: (err as Error).message, cameraId: match[1] }, 'live view failed');
          ws.close(1011, 'internal');
        });
      });
      return true;
    },
  };

  return {
    extension,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await Promise.all([...previews.values()].map((p) => p.close()));
    },
  };
}

/** The camera's sub-stream: a preview session of its own costs the camera little bandwidth. */
async function onvifStreamUrl(camera: CameraConfig) {
  if (!camera.onvif) return { ok: false as const, error: 'no ONVIF service configured' };
  const uri = await fetchStreamUri({ ...camera.onvif, timeoutMs: ONVIF_TIMEOUT_MS,
    stream: 'sub' });
  if (!uri.ok) return { ok: false as const, error: uri.error };
  return { ok: true as const, url: uri.rtspUrl };
}
