// The event stream Gatehouse holds open to a camera (Hikvision alertStream, Dahua attach): a GET
// with Digest auth whose multipart body never ends. Bytes go through MixedPartsReader into the
// vendor's interpreter; each read or heartbeat goes to onResult. A stream that ends, errs or
// falls silent is reopened on a back-off ladder, for as long as the host runs.
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { authorizationFor, parseChallenge } from '../barrier/digest.ts';
import type { Logger } from '../../log/logger.ts';
import { boundaryOf, MixedPartsReader } from './mixed-parts.ts';
import type { PushResult } from './push-result.ts';
import type { StreamInterpreter } from './stream-interpreter.ts';

/**
 * Waits before reopening a lost stream: quick at first (a camera reboot or a blip), then
 * every 30 s so a camera that is off is not hammered (Hikvision locks accounts after failures).
 */
export const RECONNECT_LADDER_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

/** Cameras send a heartbeat every few seconds (Dahua default 5 s); 30 s of silence is death. */
export const STREAM_IDLE_MS = 30_000;

/** A read waits this long after its last part for pictures the camera announced. */
export const PICTURE_WAIT_MS = 1_000;

/** close() waits at most this long for the socket to report that it is gone. */
const CLOSE_WAIT_MS = 1_000;

export interface EventStreamOptions {
  url: string;
  username: string;
  password: string;
  interpreter: StreamInterpreter;
  onResult: (result: PushResult) => void;
  log: Logger;
  idleMs?: number;
  ladderMs?: readonly number[];
}

export interface EventStream {
  /** True while a stream is open and answering. */
  connected(): boolean;
  close(): Promise<void>;
}

export function openEventStream(opts: EventStreamOptions): EventStream {
  const ladder = opts.ladderMs ?? RECONNECT_LADDER_MS;
  const idleMs = opts.idleMs ?? STREAM_IDLE_MS;
  let closed = false;
  let attempt = 0;
  let current: ClientRequest | null = null;
  let isOpen = false;
  /** Bumped for every connection; events of an older one are ignored (it is already lost). */
  let generation = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let flushTimer: NodeJS.Timeout | null = null;
  let ended: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    ended = resolve;
  });

  const deliver = (results: PushResult[]) => {
    for (const r of results) opts.onResult(r);
  };

  const lost = (gen: number, reason: string) => {
    if (gen !== generation) return;
    generation++;
    isOpen = false;
    current = null;
    if (flushTimer) clearTimeout(flushTimer);
    // A read still waiting for its pictures goes on without them, unless we are shutting down
    // (the lanes stop after the inputs; a read delivered now would find them gone).
    const pending = opts.interpreter.flush();
    if (closed) return ended();
    deliver(pending);

    const wait = ladder[Math.min(attempt, ladder.length - 1)]!;
    attempt++;
    opts.log.warn({ url: redact(opts.url), reason, retryInMs: wait }, 'event stream lost');
    retryTimer = setTimeout(connect, wait);
  };

  const consume = (gen: number, res: IncomingMessage) => {
    const boundary = boundaryOf(res.headers['content-type']);
    if (!boundary) {
      res.resume();
      return lost(gen, `no multipart boundary in ${res.headers['content-type'] ?? 'no type'}`);
    }
    isOpen = true;
    opts.log.info({ url: redact(opts.url) }, 'event stream open');

    const reader = new MixedPartsReader(boundary);
    res.on('data', (chunk: Buffer) => {
      attempt = 0;
      let parts;
      try {
        parts = reader.push(chunk);
      } catch (err) {
        res.destroy(err as Error);
        return;
      }
      for (const part of parts) deliver(opts.interpreter.take(part, Date.now()));
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = setTimeout(() => deliver(opts.interpreter.flush()), PICTURE_WAIT_MS);
    });
    res.on('end', () => {
      for (const part of reader.end()) deliver(opts.interpreter.take(part, Date.now()));
      lost(gen, 'camera ended the stream');
    });
    res.on('error', (err) => lost(gen, err.message));
  };

  const get = (authorization?: string) => {
    const gen = generation;
    const req = request(opts.url, {
      headers: authorization ? { authorization } : {}, agent: false,
    });
    current = req;
    req.setTimeout(idleMs, () => req.destroy(new Error(`silent for ${idleMs} ms`)));
    req.on('error', (err) => {
      if (current === req) lost(gen, err.message);
    });
    req.on('response', (res) => {
      if (res.statusCode === 401 && !authorization) {
        const challenge = parseChallenge(challengeHeader(res.headers['www-authenticate']));
        res.resume();
        if (!challenge) return lost(gen, 'camera asks for an authentication we do not speak');
        const url = new URL(opts.url);
        const auth = authorizationFor(challenge, opts, 'GET', url.pathname + url.search);
        current = null;
        return get(auth);
      }
      if (res.statusCode !== 200) {
        res.resume();
        return lost(gen, `camera answered ${res.statusCode}`);
      }
      consume(gen, res);
    });
    req.end();
  };

  function connect() {
    retryTimer = null;
    if (!closed) get();
  }

  connect();
  return {
    connected: () => isOpen,
    close: async () => {
      if (closed) return;
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (flushTimer) clearTimeout(flushTimer);
      // Dahua keeps an attach session alive long after a client vanishes: hang up cleanly.
      const open = current;
      if (open) {
        open.destroy(new Error('closed by Gatehouse'));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([done, new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
        clearTimeout(timer);
      }
    },
  };
}

function challengeHeader(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value.find((v) => /^Digest\s/i.test(v)) ?? value[0];
  return value;
}

/** The URL without credentials, for the log. */
function redact(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}
