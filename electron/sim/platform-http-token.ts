// The city platform simulator speaking the http-token profile (docs/platform-profiles.md): a
// signed login hands out a token that expires, and each upload must carry a live token and its
// own signature. Messages are stored once by message id and remembered across restarts; tokens
// can be made to expire after a number of uploads or a time, and the usual faults injected.
// Control measures published to it (`POST /sim/control-measures`) are served, in the profile's
// codes, to a signed poll carrying a live token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { subsystemLogger, type Logger } from '../log/logger.ts';
import { readBody, safeJson } from './sim-body.ts';
import { MAX_CLOCK_SKEW_MS, NonceCache } from '../sync/signing.ts';
import type { ControlMeasure } from '../sync/downlink-measures.ts';
import { measureToPlatform } from '../sync/profiles/alert-codes.ts';
import { loadPlatformTable, ourKind } from '../sync/profiles/code-tables.ts';
import { HTTP_TOKEN_PROFILE } from '../sync/profiles/http-token/profile.ts';
import {
  HEARTBEAT_MSG_TYPE, HTTP_TOKEN_CODES as CODES, loginRequestSchema, measuresRequestSchema,
  signatureMatches, uploadEnvelopeSchema, type UploadEnvelope,
} from '../sync/profiles/http-token/wire.ts';
import { SimControlMeasures } from './platform-measures.ts';
import { SimMessageStore, type StoredMessage } from './platform-store.ts';
import { SimHeartbeats, type ReceivedHeartbeat } from './platform-heartbeats.ts';
import {
  missingField, SimIntake, type ProfileSimFaults, type ProfileSimStats,
} from './platform-intake.ts';

/** Without an injected lifetime a token is good for two hours, as platforms commonly grant. */
const DEFAULT_TOKEN_TTL_MS = 2 * 3_600_000;

/** Envelopes carry photos as base64: a few hundred kilobytes each, never megabytes. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HttpTokenSimOptions {
  port?: number;
  host?: string;
  appId: string;
  secret: string;
  /** JSON-lines file of stored messages; without it the simulator forgets on stop. */
  stateFile?: string;
  log: Logger;
  faults?: ProfileSimFaults;
  /** The platform's clock (tests share a fake clock with the gate). */
  now?: () => number;
}

export interface HttpTokenSim {
  url: string;
  port: number;
  stop(): Promise<void>;
  stats(): ProfileSimStats;
  messages(): StoredMessage[];
  /** The heartbeats answered, oldest first (`GET /sim/heartbeats`). */
  heartbeats(): ReceivedHeartbeat[];
  injectFaults(faults: ProfileSimFaults): void;
  /** Announces a control measure (alert) on the downlink; a known id is replaced. */
  publishControlMeasure(measure: ControlMeasure): void;
  controlMeasures(): ControlMeasure[];
}

type Reply = { status: number; body: unknown } | 'drop-connection';

interface LiveToken {
  token: string;
  issuedAt: number;
  uses: number;
}

export async function startHttpTokenSim(options: HttpTokenSimOptions): Promise<HttpTokenSim> {
  if (!options.appId || !options.secret) throw new Error('platform sim needs appId and secret');

  const log = subsystemLogger(options.log, 'platform-sim');
  const now = options.now ?? Date.now;
  const table = loadPlatformTable(HTTP_TOKEN_PROFILE);
  const intake = new SimIntake(await SimMessageStore.open(options.stateFile, log),
    options.faults);
  const nonces = new NonceCache();
  const issued = new Set<string>();
  let live: LiveToken | null = null;
  const measures = new SimControlMeasures({ readBody: (req) => readBody(req, MAX_BODY_BYTES) });
  const heartbeats = new SimHeartbeats();

  /** The signature, the clock and the nonce of a signed envelope; null when all are good. */
  function refuseSigned(fields: Record<string, string>): Reply | null {
    const bad = fields.appId !== options.appId || !signatureMatches(fields, options.secret);
    if (bad) return answer(CODES.badSign, 'bad sign');
    const sentAt = Number(fields.timestamp);
    if (Math.abs(now() - sentAt) > MAX_CLOCK_SKEW_MS) {
      return answer(CODES.staleTimestamp, 'stale timestamp');
    }
    if (!nonces.remember(String(fields.nonce), sentAt, now())) {
      return answer(CODES.badSign, 'replayed nonce');
    }
    return null;
  }

  function login(body: unknown): Reply {
    const request = loginRequestSchema.safeParse(body);
    if (!request.success) return answer(CODES.invalid, 'invalid login');
    const refused = refuseSigned(request.data);
    if (refused) {
      intake.counters.rejectedAuth++;
      return refused;
    }

    // A new login replaces the previous token, as most platforms do: one live token per app.
    const ttl = intake.faults.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
    live = { token: randomUUID(), issuedAt: now(), uses: 0 };
    issued.add(live.token);
    intake.counters.logins++;
    return answer(CODES.ok, 'ok', { token: live.token, expiresIn: ttl / 1_000 });
  }

  /** Refusal for a token that is unknown, replaced or expired; null for the live token. */
  function refuseToken(token: string): Reply | null {
    const ttl = intake.faults.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
    const every = intake.faults.tokenEveryRequests;
    const current = live?.token === token ? live : null;
    const spent = current !== null && ((every !== undefined && current.uses >= every)
      || now() - current.issuedAt >= ttl);

    if (current && !spent) return null;
    if (!issued.has(token)) return answer(CODES.tokenUnknown, 'unknown token');
    intake.counters.expiredTokens++;
    return answer(CODES.tokenExpired, 'token expired');
  }

  async function upload(body: unknown): Promise<Reply> {
    if (intake.takeInjectedFailure()) {
      return { status: 503, body: { resultCode: CODES.busy, resultMsg: 'busy (injected)' } };
    }
    const envelope = uploadEnvelopeSchema.safeParse(body);
    if (!envelope.success) return invalid('invalid envelope');
    const refused = refuseSigned(envelope.data);
    if (refused) {
      intake.counters.rejectedAuth++;
      return refused;
    }
    const tokenRefused = refuseToken(envelope.data.token);
    if (tokenRefused) return tokenRefused;
    live!.uses++;

    return store(envelope.data);
  }

  async function store(envelope: UploadEnvelope): Promise<Reply> {
    const kind = ourKind(table, envelope.msgType);
    if (!kind) return invalid(`unknown msgType ${envelope.msgType}`);
    const data = safeJson(envelope.bizContent);
    const missing = missingField(kind, data) ?? intake.unknownPassage(kind, data);
    if (missing) return invalid(`invalid ${envelope.msgType}: ${missing}`);

    const message = { messageId: envelope.msgId, kind, appId: envelope.appId, data,
      receivedAt: now() };
    const { duplicate, dropAck } = await intake.take(message);
    log.debug({ messageId: envelope.msgId, duplicate }, 'acknowledged');
    if (dropAck) return 'drop-connection';
    return answer(CODES.ok, duplicate ? 'repeat' : 'ok',
      { msgId: envelope.msgId, repeat: duplicate });
  }

  /**
   * A heartbeat: checked like an upload (faults, signature, live token) but not counted as one
   * towards a token's expiry, recorded apart from the messages, answered with our clock.
   */
  function heartbeat(body: unknown): Reply {
    if (intake.takeInjectedFailure()) {
      return { status: 503, body: { resultCode: CODES.busy, resultMsg: 'busy (injected)' } };
    }
    const envelope = uploadEnvelopeSchema.safeParse(body);
    if (!envelope.success) return invalid('invalid heartbeat envelope');
    const refused = refuseSigned(envelope.data);
    if (refused) {
      intake.counters.rejectedAuth++;
      return refused;
    }
    const tokenRefused = refuseToken(envelope.data.token);
    if (tokenRefused) return tokenRefused;

    if (envelope.data.msgType !== HEARTBEAT_MSG_TYPE) {
      return invalid(`msgType ${envelope.data.msgType} is not a heartbeat`);
    }
    const data = safeJson(envelope.data.bizContent);
    const missing = missingField('heartbeat', data);
    if (missing) return invalid(`invalid ${HEARTBEAT_MSG_TYPE}: ${missing}`);

    intake.counters.heartbeats++;
    heartbeats.record({ receivedAt: now(), id: envelope.data.msgId,
      time: envelope.data.timestamp, body: data });
    return answer(CODES.ok, 'ok', { msgId: envelope.data.msgId, serverTime: now() });
  }

  /** The measures in force, in the profile's codes, for a signed poll with a live token. */
  function serveMeasures(body: unknown): Reply {
    const request = measuresRequestSchema.safeParse(body);
    if (!request.success) return invalid('invalid measures request');
    const refused = refuseSigned(request.data);
    if (refused) {
      intake.counters.rejectedAuth++;
      return refused;
    }
    const tokenRefused = refuseToken(request.data.token);
    if (tokenRefused) return tokenRefused;

    const coded = measures.all().map((m) => measureToPlatform(m, table));
    return answer(CODES.ok, 'ok', { measures: coded.filter((m) => m !== null) });
  }

  function invalid(msg: string): Reply {
    intake.counters.rejectedInvalid++;
    log.warn({ reason: msg }, 'upload rejected');
    return answer(CODES.invalid, msg);
  }

  async function route(req: IncomingMessage): Promise<Reply> {
    const pathname = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && pathname === '/sim/stats') {
      return { status: 200, body: intake.stats() };
    }
    if (req.method === 'GET' && pathname === '/sim/messages') {
      return { status: 200, body: intake.messages() };
    }
    if (req.method === 'GET' && pathname === '/sim/heartbeats') {
      return { status: 200, body: heartbeats.all() };
    }
    const simMeasures = await measures.route(req, req.url ?? '/', pathname ?? '/');
    if (simMeasures) return simMeasures;
    if (intake.faults.down) return 'drop-connection';
    if (req.method !== 'POST') return { status: 405, body: { resultCode: 405 } };

    const bytes = await readBody(req, MAX_BODY_BYTES);
    if (!bytes) return invalid('body too large');
    if (intake.faults.delayMs) await delay(intake.faults.delayMs);
    const body = safeJson(bytes.toString('utf8'));
    if (pathname === table.paths?.login) return login(body);
    if (pathname === table.paths?.upload) return upload(body);
    if (pathname === table.paths?.measures) return serveMeasures(body);
    if (pathname === table.paths?.heartbeat) return heartbeat(body);
    return { status: 404, body: { resultCode: 404, resultMsg: 'no such endpoint' } };
  }

  const handling = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const handled = route(req)
      .then((reply) => send(req, res, reply))
      .catch((err: unknown) => {
        log.error({ err }, 'platform sim failed on a request');
        send(req, res, { status: 500, body: { resultCode: 500, resultMsg: 'internal error' } });
      })
      .finally(() => handling.delete(handled));
    handling.add(handled);
  });
  server.on('connection', (socket) => {
    if (intake.faults.down) socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  log.info({ url, profile: HTTP_TOKEN_PROFILE, stored: intake.stats().acknowledged },
    'platform simulator listening');

  return {
    url,
    port,
    stats: () => intake.stats(),
    messages: () => intake.messages(),
    heartbeats: () => heartbeats.all(),
    injectFaults: (faults) => {
      intake.faults = { ...faults };
    },
    publishControlMeasure: (measure) => measures.publish(measure),
    controlMeasures: () => measures.all(),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.allSettled(handling);
      await intake.close();
      log.info({ url }, 'platform simulator stopped');
    },
  };
}

function answer(resultCode: number, resultMsg: string, data?: unknown): Reply {
  return { status: 200, body: data === undefined ? { resultCode, resultMsg }
    : { resultCode, resultMsg, data } };
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  if (reply === 'drop-connection') {
    req.socket.destroy();
    return;
  }

  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

