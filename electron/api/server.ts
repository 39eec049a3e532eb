// The headless host's HTTP face: the API (`POST /api/call`, WebSocket `/api/ws`), the health
// report and the built UI. It binds to loopback unless the installer chooses the LAN, and it
// never serves the camera network (that is the LPR listener's job, on its own socket).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Caller, Dispatcher } from './dispatcher.ts';
import type { ClientFrame, ServerFrame } from './contract.ts';
import type { Logger } from '../log/logger.ts';
import { isSameOrigin } from './page-origin.ts';
import { serveStatic } from './static-files.ts';

/** API bodies are small JSON; anything larger is a mistake or an attack. */
const MAX_API_BODY_BYTES = 1024 * 1024;
/**
 * A signed-in caller may send a ledger photo or an Excel sheet as base64 (issue #4: at most
 * 8 MB of file, a third more as base64); the contract caps each call's own input below this.
 */
const MAX_SIGNED_IN_BODY_BYTES = 12 * 1024 * 1024;

export interface ApiServerOptions {
  host: string;
  port: number;
  dispatcher: Dispatcher;
  callerFor: (token: string | null, remote: string) => Caller;
  health: () => unknown;
  setupRequired: () => boolean;
  uiDir: string | null;
  log: Logger;
  /** Where a request came from; tests inject another address here. */
  remoteAddressOf?: (req: IncomingMessage) => string;
  /** More endpoints under /api/ (live video, media files), tried in order. */
  extensions?: readonly ServerExtension[];
}

/**
 * Endpoints a subsystem adds to this server. The caller comes from the bearer token or, for
 * what a <video> or WebSocket opens (no headers there), the `token` query parameter.
 */
export interface ServerExtension {
  /** Answers the request and returns true, or returns false to pass it on. */
  request?(req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller):
    Promise<boolean> | boolean;
  /** Called only for a logged-in caller of this origin; true when it took the socket. */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, caller: Caller): boolean;
}

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function isLoopback(address: string): boolean {
  const a = address.replace(/^::ffff:/, '');
  return a === '::1' || a.startsWith('127.');
}

export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const remoteOf = opts.remoteAddressOf ?? ((req) => req.socket.remoteAddress ?? '');
  // Sockets are signed in before they are upgraded.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SIGNED_IN_BODY_BYTES });

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      // The path without its query: a media URL carries the session token there.
      opts.log.error({ err, path: req.url?.split('?')[0] }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const remote = remoteOf(req);

    if (url.pathname === '/api/health' && req.method === 'GET') {
      const caller = opts.callerFor(bearer(req), remote);
      if (!isLoopback(remote) && !caller.user) {
        sendJson(res, 401, { error: 'health is answered without login only to loopback' });
        return;
      }
      if (opts.setupRequired()) {
        sendJson(res, 503, { error: 'setup_required' });
        return;
      }
      sendJson(res, 200, opts.health());
      return;
    }

    if (url.pathname === '/api/call') {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' });
      const caller = opts.callerFor(bearer(req), remote);
      const body = await readJson(req,
        caller.user ? MAX_SIGNED_IN_BODY_BYTES : MAX_API_BODY_BYTES);
      if (!body.ok) return sendJson(res, body.status, { error: body.message });
      const { name, input } = body.value as { name?: unknown; input?: unknown };
      const result = await opts.dispatcher.call(caller, String(name), input);
      return sendJson(res, 200, result);
    }

    if (opts.extensions?.length && url.pathname.startsWith('/api/')) {
      const caller = opts.callerFor(bearer(req) ?? url.searchParams.get('token'), remote);
      for (const extension of opts.extensions) {
        if (await extension.request?.(req, res, url, caller)) return;
      }
    }

    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, { error: 'no such endpoint' });
    if (!opts.uiDir) return sendJson(res, 404, { error: 'this host serves no UI' });
    await serveStatic(opts.uiDir, url.pathname, res);
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const caller = opts.callerFor(url.searchParams.get('token'), remoteOf(req));
    if (!caller.user || !isSameOrigin(req.headers.origin, req.headers.host)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    if (url.pathname === '/api/ws') {
      wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, caller));
      return;
    }
    if (opts.extensions?.some((x) => x.upgrade?.(req, socket, head, url, caller))) return;
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
  });

  function serveSocket(ws: WebSocket, caller: Caller): void {
    const subscriptions = new Map<string, () => void>();
    const send = (frame: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };

    ws.on('message', async (data) => {
      let frame: ClientFrame;
      try {
        frame = JSON.parse(String(data)) as ClientFrame;
      } catch {
        return;
      }

      if (frame.t === 'call') {
        const result = await opts.dispatcher.call(caller, frame.name, frame.input);
        send({ t: 'result', id: frame.id, result });
      } else if (frame.t === 'sub' && !subscriptions.has(frame.event)) {
        const sub = opts.dispatcher.subscribe(caller, frame.event, (event, payload) =>
          send({ t: 'event', event, payload }),
        );
        if (sub.ok) subscriptions.set(frame.event, sub.value);
        else send({ t: 'sub-error', event: frame.event, error: sub.error });
      } else if (frame.t === 'unsub') {
        subscriptions.get(frame.event)?.();
        subscriptions.delete(frame.event);
      }
    });
    ws.on('close', () => {
      for (const off of subscriptions.values()) off();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  opts.log.info({ host: opts.host, port }, 'API and UI listening');

  return {
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}/`,
    port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : null;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store' });
  res.end(text);
}

async function readJson(
  req: IncomingMessage, maxBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return { ok: false, status: 413, message: 'body too large' };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') };
  } catch {
    return { ok: false, status: 400, message: 'body is not JSON' };
  }
}
