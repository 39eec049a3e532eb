// The HTTP server LPR cameras push plate reads to: one URL per configured camera,
// /lpr/<vendor>/<cameraId>. It checks who is pushing, hands the body to the vendor adapter, asks
// the lane for a verdict and answers the camera. It faces the camera network and serves nothing
// else: no UI, no API, no files.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CameraConfig } from '../../config/site.ts';
import { subsystemLogger, type Logger } from '../../log/logger.ts';
import type { HeartbeatDelivery } from '../barrier/heartbeat-opens.ts';
import { ADAPTERS, type PushReply } from './adapters.ts';
import {
  LPR_VENDORS, type LaneVerdict, type PlateRead, type ReadOrigin,
} from './plate-read.ts';
import { DEFAULT_CAMERA_ZONE } from './camera-time.ts';
import { isFromCamera, serialMatches } from './trust.ts';
import { isTestConnection } from './test-connections.ts';
import { admitRead } from './read-intake.ts';

/**
 * Reply budget: Vzenith cameras open the barrier from our reply and declare the server offline
 * when it is late (their reply window is about a second), and a truck waits at the boom for it.
 * Slower replies are still sent, with a warning the installer can see.
 */
export const REPLY_BUDGET_MS = 500;

/** A push is ~170 kB (XML or JSON plus two JPEGs); 16 MiB leaves room for 4K scene pictures. */
const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * After refusing a push we read on so the sender sees our status instead of a reset (a reset
 * that overtakes the answer reaches the sender as a dropped connection, not as a 4xx). Twice
 * the cap covers any honest sender, even one whose body is just over it, at LAN speed in well
 * under a second; past that we hang up rather than keep swallowing a sender that will not stop.
 */
const DISCARD_AFTER_REFUSAL_BYTES = 2 * DEFAULT_MAX_BODY_BYTES;

/** A camera on the gate LAN sends a whole push in well under a second; a stalled one is cut. */
const REQUEST_TIMEOUT_MS = 10_000;


export interface LprListenerOptions {
  host: string;
  port: number;
  cameras: CameraConfig[];
  onRead: (read: PlateRead, camera: CameraConfig, origin: ReadOrigin) => Promise<LaneVerdict>;
  /** A trusted push without a read (heartbeat, vehicle without a plate): the camera is alive. */
  onAlive?: (camera: CameraConfig, kind: 'heartbeat' | 'no-plate') => void;
  /**
   * A heartbeat came from a camera whose heartbeat reply runs commands (Vzenith in comet mode,
   * Huaxia): the opens waiting for it, taken, or null when none wait (barrier/heartbeat-opens.ts).
   */
  takeHeartbeatOpen?: (camera: CameraConfig) => HeartbeatDelivery | null;
  /** The root (or host) logger; the listener logs through its own 'lpr' child. */
  log: Logger;
  maxBodyBytes?: number;
}

export interface LprListener {
  port: number;
  close(): Promise<void>;
}

export async function startLprListener(opts: LprListenerOptions): Promise<LprListener> {
  const log = subsystemLogger(opts.log, 'lpr');
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new Error(`maxBodyBytes must be a positive integer, got ${maxBodyBytes}`);
  }

  const server = createServer(
    { requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS },
    (req, res) => {
      handlePush(req, res, { ...opts, log, maxBodyBytes }).catch((err: unknown) => {
        if (wasCutOff(req, err)) return logCutOff(req, log);
        log.error({ err, url: req.url }, 'push handling failed');
        if (!res.headersSent && !res.destroyed) send(res, 500, 'internal error');
      });
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log.error({ err }, 'listener error'));

  const port = (server.address() as AddressInfo).port;
  log.info({ host: opts.host, port, cameras: opts.cameras.length }, 'LPR listener started');

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface PushEnv {
  cameras: CameraConfig[];
  onRead: LprListenerOptions['onRead'];
  onAlive?: LprListenerOptions['onAlive'];
  takeHeartbeatOpen?: LprListenerOptions['takeHeartbeatOpen'];
  log: Logger;
  maxBodyBytes: number;
}

/**
 * One push, in order: who is it (path, source address or our own test socket) before a byte of
 * the body is read; then the vendor parse under the byte cap; then the serial the camera
 * reported; then the lane.
 */
async function handlePush(
  req: IncomingMessage,
  res: ServerResponse,
  env: PushEnv,
): Promise<void> {
  const startedAt = Date.now();
  const remote = req.socket.remoteAddress ?? '?';
  const { log } = env;

  if (req.method !== 'POST') return refuse(req, res, log, 405, 'only POST', { remote });
  const found = findCamera(req.url ?? '', env.cameras);
  if (!found) return refuse(req, res, log, 404, 'no such camera', { remote, url: req.url });
  const { camera, subPath } = found;

  // The wizard's test push comes from this PC, not from the camera's address; its socket is
  // our own (test-connections.ts), which nothing a camera sends can claim.
  const origin: ReadOrigin = isTestConnection(req.socket) ? 'test-push' : 'camera';
  const where = origin === 'camera' ? { camera: camera.id, remote }
    : { camera: camera.id, remote, origin };
  if (origin === 'camera' && !isFromCamera(req.socket.remoteAddress, camera)) {
    return refuse(req, res, log, 403, 'push from an address that is not the camera', where);
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > env.maxBodyBytes) return refuse(req, res, log, 413, 'body too large', where);

  const adapter = ADAPTERS[camera.vendor];
  const body = req.iterator({ destroyOnReturn: false });
  const ctx = { cameraId: camera.id, receivedAt: startedAt, maxBodyBytes: env.maxBodyBytes,
    subPath, timeZone: camera.timeZone ?? DEFAULT_CAMERA_ZONE };
  const result = await adapter.parse(req.headers, body, ctx);

  if (req.readableAborted) return logCutOff(req, log);
  if (result.kind === 'error') return refuse(req, res, log, result.status, result.message, where);
  const serial = result.kind === 'read' ? result.read.deviceSerial : result.deviceSerial;
  if (!serialMatches(camera, serial)) {
    return refuse(req, res, log, 403, 'serial does not match the camera', { ...where, serial });
  }

  if (result.kind !== 'read') env.onAlive?.(camera, result.kind);
  if (result.kind === 'heartbeat') {
    // A Vzenith camera configured for heartbeats sends one every few seconds: routine. A
    // Hikvision camera in listening mode is not expected to send any, so the installer hears
    // of one (its push URL is perhaps also its alarm-stream target).
    if (camera.vendor === 'hikvision') log.warn(where, 'heartbeat on the push URL; no passage');
    else log.debug(where, 'heartbeat');
    const reply = adapter.replyToHeartbeatOpen;
    const open = reply ? env.takeHeartbeatOpen?.(camera) ?? null : null;
    if (reply && open) return answerWithPulse(res, reply(open.pulse), open, log, where);
    return answer(res, adapter.replyToNothing(result));
  }
  if (result.kind === 'no-plate') {
    log.warn({ ...where, eventId: result.vendorEventId }, 'vehicle seen without a readable plate');
    return answer(res, adapter.replyToNothing(result));
  }

  const read = admitRead(result.read, startedAt, log, where);
  if ('refused' in read) return refuse(req, res, log, 400, read.refused, where);

  let verdict: LaneVerdict;
  try {
    verdict = await env.onRead(read, camera, origin);
  } catch (err) {
    log.error({ ...where, plate: read.plate, err }, 'lane failed to handle the read');
    return send(res, 500, 'lane error');
  }

  answer(res, adapter.replyToRead(read, verdict));
  const tookMs = Date.now() - startedAt;
  if (tookMs > REPLY_BUDGET_MS) {
    log.warn({ ...where, plate: read.plate, tookMs, budgetMs: REPLY_BUDGET_MS }, 'slow reply');
  }
}

/**
 * The camera configured at /lpr/<vendor>/<cameraId>, and what follows in the path: Dahua's
 * ITSAPI appends its own endpoint (/NotificationInfo/TollgateInfo) to the URL it is given.
 */
function findCamera(
  url: string, cameras: CameraConfig[],
): { camera: CameraConfig; subPath: string } | null {
  const path = url.split('?')[0] ?? '';
  const match = /^\/lpr\/([a-z]+)\/([a-z0-9-]+)(\/[A-Za-z/]*)?$/.exec(path);
  if (!match) return null;

  const [, vendor, cameraId, rest] = match;
  if (!(LPR_VENDORS as readonly string[]).includes(vendor!)) return null;
  const camera = cameras.find((c) => c.id === cameraId && c.vendor === vendor);
  const subPath = rest === undefined || rest === '/' ? '' : rest;
  if (!camera || (subPath !== '' && camera.vendor !== 'dahua')) return null;
  return { camera, subPath };
}

/**
 * The camera hung up before its body was complete (power or link lost mid-push): there is no
 * read to make and no one to answer. The installer sees it as a warning; it is not our fault.
 */
function wasCutOff(req: IncomingMessage, err: unknown): boolean {
  return req.readableAborted || (err as { code?: unknown } | null)?.code === 'ECONNRESET';
}

function logCutOff(req: IncomingMessage, log: Logger): void {
  log.warn({ url: req.url, remote: req.socket.remoteAddress ?? '?' },
    'push cut off by the sender');
}

function answer(res: ServerResponse, reply: PushReply, status = 200): void {
  res.writeHead(status, {
    'content-type': reply.contentType,
    'content-length': Buffer.byteLength(reply.body),
  });
  res.end(reply.body);
}

/**
 * A heartbeat reply carrying a guard's open. The open counts as sent once the reply has gone
 * to the socket; a connection that closes first loses it, and the guard hears so (it is never
 * resent: a late copy could pulse the barrier for a truck that is not there).
 */
function answerWithPulse(
  res: ServerResponse, reply: PushReply, open: HeartbeatDelivery, log: Logger,
  where: Record<string, unknown>,
): void {
  res.once('finish', () => open.settle({ ok: true }));
  res.once('close', () => open.settle({ ok: false, error: 'the connection to the camera ' +
    'closed before the reply carrying the open went out; the barrier was not opened' }));
  log.info({ ...where, io: open.pulse.io, ms: open.pulse.delayMs },
    'manual open sent in the reply to a heartbeat');
  answer(res, reply);
}

function send(res: ServerResponse, status: number, message: string): void {
  answer(res, { contentType: 'text/plain; charset=utf-8', body: message }, status);
}

function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  log: Logger,
  status: number,
  reason: string,
  fields: Record<string, unknown>,
): void {
  log.warn({ ...fields, status, reason }, 'push refused');
  // The answer goes out once the sender has finished sending: answering (and closing) while it
  // still writes makes its kernel see a reset, which can overtake the answer.
  discardRest(req, () => send(res, status, reason));
}

/** Swallows what is left of a refused body, up to a limit (then hangs up), then calls `done`. */
function discardRest(req: IncomingMessage, done: () => void): void {
  if (req.complete || req.readableEnded) {
    done();
    return;
  }

  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_AFTER_REFUSAL_BYTES) req.socket.destroy();
  });
  req.once('end', done);
  req.resume();
}
