// The city platform simulator speaking the reference profile (docs/platform-reference-profile.md).
// The demo site and the installer's training mode report to it, and so do the tests. It checks
// every signature and timestamp, stores each message once by message id, remembers what it
// acknowledged across restarts (state file), and can be told to fail on purpose.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { readBody, safeJson } from './sim-body.ts';
import { subsystemLogger, type Logger } from '../log/logger.ts';
import { NonceCache, verifyRequest, type SignatureFailure } from '../sync/signing.ts';
import { checkCanonical } from '../sync/messages/kinds.ts';
import { referenceKindOf } from '../sync/reference-profile.ts';
import { HEARTBEAT_PATH } from '../sync/reference-heartbeat.ts';
import {
  checkReferenceHeartbeat, SimHeartbeats, type ReceivedHeartbeat,
} from './platform-heartbeats.ts';
import { SimMessageStore, type StoredMessage } from './platform-store.ts';
import { unknownPassage } from './platform-intake.ts';
import { SimControlMeasures } from './platform-measures.ts';
import { SimPhotos, type SimPhotoStats } from './platform-photos.ts';
import type { ControlMeasure } from '../sync/downlink-measures.ts';

export type { StoredMessage } from './platform-store.ts';
export type { ReceivedHeartbeat } from './platform-heartbeats.ts';

/** Messages carry photo hashes (photos go on their own): a megabyte is beyond any message. */
const MAX_BODY_BYTES = 1024 * 1024;

/** `failNext` and `delayMs` apply to heartbeats too; the others concern stored messages. */
export interface SimFaults {
  /** Answer the next n uploads with HTTP 503, as a platform down for maintenance does. */
  failNext?: number;
  /** Store the next n new messages but cut the connection before the acknowledgement. */
  dropAckNext?: number;
  /** Wait this long before handling each upload, as a slow platform does. */
  delayMs?: number;
  /** Store each upload, then wait this long before acknowledging it: past a gate's timeout,
   *  the platform has committed a message the gate believes lost (the duplicate trap). */
  ackDelayMs?: number;
}

export interface PlatformSimOptions {
  port?: number;
  host?: string;
  appId: string;
  secret: string;
  /** JSON-lines file of stored messages; without it the simulator forgets on stop. */
  stateFile?: string;
  log: Logger;
  faults?: SimFaults;
  /** The platform's clock (tests share a fake clock with the gate). */
  now?: () => number;
}

/** acknowledged: unique messages stored, kept across restarts. The rest count since start. */
export interface PlatformSimStats {
  acknowledged: number;
  duplicates: number;
  rejectedSignature: number;
  rejectedTimestamp: number;
  rejectedInvalid: number;
  injectedFailures: number;
  droppedAcks: number;
  /** Heartbeats (M7) answered since start; they are never stored messages. */
  heartbeats: number;
}

export interface PlatformSim {
  url: string;
  port: number;
  stop(): Promise<void>;
  stats(): PlatformSimStats;
  messages(): StoredMessage[];
  /** The heartbeats answered, oldest first (`GET /sim/heartbeats`). */
  heartbeats(): ReceivedHeartbeat[];
  /** Replaces the fault settings while running. */
  injectFaults(faults: SimFaults): void;
  /** Announces a control measure (alert) on the downlink; a known id is replaced. */
  publishControlMeasure(measure: ControlMeasure): void;
  controlMeasures(): ControlMeasure[];
  /** The bytes of an uploaded photo by its SHA-256. */
  photo(sha256: string): Buffer | undefined;
  /** Photos stored (unique) and repeated uploads since the simulator started. */
  photoStats(): SimPhotoStats;
}

const envelopeSchema = z.object({
  appId: z.string().min(1),
  messageId: z.string().min(1).max(64),
  kind: z.string().min(1),
  data: z.unknown(),
});

const REASON_TEXT: Record<SignatureFailure, string> = {
  'bad-signature': 'bad signature',
  'stale-timestamp': 'stale timestamp',
  'missing-header': 'missing header',
  'replayed-nonce': 'replayed nonce',
};

type Reply = { status: number; body: unknown } | 'drop-connection';

export async function startPlatformSim(options: PlatformSimOptions): Promise<PlatformSim> {
  if (!options.appId || !options.secret) throw new Error('platform sim needs appId and secret');

  const log = subsystemLogger(options.log, 'platform-sim');
  const now = options.now ?? Date.now;
  const credentials = { appId: options.appId, secret: options.secret };
  const store = await SimMessageStore.open(options.stateFile, log);
  const nonces = new NonceCache();
  let faults: SimFaults = { ...options.faults };
  const counters = {
    duplicates: 0, rejectedSignature: 0, rejectedTimestamp: 0, rejectedInvalid: 0,
    injectedFailures: 0, droppedAcks: 0,
  };
  const heartbeats = new SimHeartbeats();
  const stats = (): PlatformSimStats => ({ acknowledged: store.size, ...counters,
    heartbeats: heartbeats.count });
  const measures = new SimControlMeasures({
    verify: (request) => verifyRequest(request, credentials, now(), nonces),
    readBody: (req) => readBody(req, MAX_BODY_BYTES),
  });
  const photos = new SimPhotos({
    verify: (request) => verifyRequest(request, credentials, now(), nonces),
    readBody,
    onRefused: (reason) => {
      if (reason === 'invalid') counters.rejectedInvalid++;
      else if (reason === 'stale-timestamp') counters.rejectedTimestamp++;
      else counters.rejectedSignature++;
      log.warn({ reason }, 'photo upload refused');
    },
  });

  async function receive(req: IncomingMessage, path: string): Promise<Reply> {
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!body) return refuse(413, 'body too large');
    if (faults.delayMs) await delay(faults.delayMs);

    if (faults.failNext) {
      faults.failNext--;
      counters.injectedFailures++;
      return { status: 503, body: { code: 503, msg: 'platform unavailable (injected)' } };
    }

    const request = { method: req.method ?? 'POST', path, headers: req.headers, body };
    const verdict = verifyRequest(request, credentials, now(), nonces);
    if (!verdict.ok) {
      if (verdict.reason === 'stale-timestamp') counters.rejectedTimestamp++;
      else counters.rejectedSignature++;
      log.warn({ reason: verdict.reason }, 'upload refused');
      return { status: 401, body: { code: 401, msg: REASON_TEXT[verdict.reason] } };
    }
    if (path.split('?')[0] === HEARTBEAT_PATH) return takeHeartbeat(body, verdict.appId);

    const checked = validate(body, verdict.appId, referenceKindOf(path.split('?')[0] ?? ''));
    const invalid = typeof checked === 'string'
      ? checked : unknownPassage(checked.kind, checked.data, store) ?? checked;
    if (typeof invalid === 'string') {
      counters.rejectedInvalid++;
      log.warn({ reason: invalid }, 'upload rejected');
      return refuse(400, invalid);
    }

    const { stored, duplicate } = await store.add({ ...invalid, receivedAt: now() });
    if (duplicate) counters.duplicates++;
    log.debug({ messageId: stored.messageId, seq: stored.seq, duplicate }, 'acknowledged');

    if (!duplicate && faults.dropAckNext) {
      faults.dropAckNext--;
      counters.droppedAcks++;
      return 'drop-connection';
    }
    if (faults.ackDelayMs) await delay(faults.ackDelayMs);
    const data = { messageId: stored.messageId, duplicate };
    return { status: 200, body: { code: 200, msg: duplicate ? 'duplicate' : 'ok', data } };
  }

  /** Answered like an upload, recorded apart from the messages. */
  function takeHeartbeat(body: Buffer, appId: string): Reply {
    const checked = checkReferenceHeartbeat(safeJson(body), appId);
    if (!checked.ok) {
      counters.rejectedInvalid++;
      log.warn({ reason: checked.reason }, 'heartbeat rejected');
      return refuse(400, checked.reason);
    }

    heartbeats.record({ receivedAt: now(), id: checked.id, time: null, body: checked.body });
    const data = { messageId: checked.id, duplicate: false };
    return { status: 200, body: { code: 200, msg: 'ok', data } };
  }

  async function route(req: IncomingMessage): Promise<Reply> {
    const path = req.url ?? '/';
    const pathname = path.split('?')[0];

    if (req.method === 'GET' && pathname === '/sim/stats') return { status: 200, body: stats() };
    if (req.method === 'GET' && pathname === '/sim/messages') {
      return { status: 200, body: store.all() };
    }
    if (req.method === 'GET' && pathname === '/sim/heartbeats') {
      return { status: 200, body: heartbeats.all() };
    }
    const measuresReply = await measures.route(req, path, pathname ?? '/');
    if (measuresReply) return measuresReply;
    const photoReply = await photos.route(req, path, pathname ?? '/');
    if (photoReply) return photoReply;
    const known = pathname === HEARTBEAT_PATH || referenceKindOf(pathname ?? '') !== null;
    if (!known) return refuse(404, 'no such endpoint');
    if (req.method !== 'POST') return refuse(405, 'use POST');
    return receive(req, path);
  }

  const handling = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const handled = route(req)
      .then((reply) => send(req, res, reply, now()))
      .catch((err: unknown) => {
        log.error({ err }, 'platform sim failed on a request');
        send(req, res, refuse(500, 'internal error'), now());
      })
      .finally(() => handling.delete(handled));
    handling.add(handled);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(options.host)}:${port}`;
  log.info({ url, stored: store.size }, 'platform simulator listening');

  return {
    url,
    port,
    stats,
    messages: () => store.all(),
    heartbeats: () => heartbeats.all(),
    injectFaults: (next) => {
      faults = { ...next };
    },
    publishControlMeasure: (measure) => measures.publish(measure),
    controlMeasures: () => measures.all(),
    photo: (sha256) => photos.get(sha256),
    photoStats: () => photos.stats(),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.allSettled(handling);
      await store.close();
      log.info({ url }, 'platform simulator stopped');
    },
  };
}

/** The envelope and its message, or the reason it is refused (the platform's own words). */
function validate(
  body: Buffer, appId: string, routeKind: string | null,
): Omit<StoredMessage, 'seq' | 'receivedAt'> | string {
  const envelope = envelopeSchema.safeParse(safeJson(body));
  if (!envelope.success) return `invalid envelope: ${firstIssue(envelope.error)}`;
  if (envelope.data.appId !== appId) return 'appId in the body differs from the signed header';
  if (envelope.data.kind !== routeKind) return `kind ${envelope.data.kind} is not accepted here`;

  const message = checkCanonical(envelope.data.kind, envelope.data.data);
  if (!message.ok) return message.reason;
  return envelope.data;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unreadable';
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

function refuse(status: number, msg: string): Reply {
  return { status, body: { code: status, msg } };
}

/** The `Date` header tells the platform's own clock (a fake one in tests), as a real one does. */
function send(req: IncomingMessage, res: ServerResponse, reply: Reply, at: number): void {
  if (res.headersSent || res.destroyed) return;
  if (reply === 'drop-connection') {
    req.socket.destroy();
    return;
  }

  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Date': new Date(at).toUTCString(),
  });
  res.end(text);
}

function urlHost(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
