// The desktop window's video: live lanes and clip/export files over HTTP on 127.0.0.1, at a
// port the OS picks. The window's page is a file that calls the API over IPC, but a <video>
// and a WebSocket need a URL; they get this one, with the session token the window logged in
// with (over IPC, from the same session table) in the query. Nothing else is served here: no
// calls, no event socket, no UI, no health report. Every request needs a valid token, and a
// page may ask only if it is the window's file page (a <video>'s plain GET names no page).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Caller } from './dispatcher.ts';
import type { ServerExtension } from './server.ts';
import { isFilePage } from './page-origin.ts';
import type { Logger } from '../log/logger.ts';

/** Loopback only: the desktop window is on this PC, and the LAN must never see this port. */
const LOOPBACK = '127.0.0.1';

export interface MediaServerOptions {
  callerFor: (token: string | null, remote: string) => Caller;
  /** The live and media endpoints (the same the API server carries for browsers). */
  extensions: readonly ServerExtension[];
  log: Logger;
}

export interface MediaServer {
  /** `http://127.0.0.1:<port>`: what the window's media URLs start with. */
  origin: string;
  close(): Promise<void>;
}

export async function startMediaServer(opts: MediaServerOptions): Promise<MediaServer> {
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      // The path without its query: the token must never reach the log.
      opts.log.error({ err, path: req.url?.split('?')[0] }, 'media request failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const caller = callerOf(req, url);
    if (!isFilePage(req.headers.origin)) return refuse(res, 403);
    if (!caller.user) return refuse(res, 401);

    for (const extension of opts.extensions) {
      if (await extension.request?.(req, res, url, caller)) return;
    }
    refuse(res, 404);
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const caller = callerOf(req, url);
    if (!caller.user || !isFilePage(req.headers.origin)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    if (opts.extensions.some((x) => x.upgrade?.(req, socket, head, url, caller))) return;
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
  });

  function callerOf(req: IncomingMessage, url: URL): Caller {
    return opts.callerFor(url.searchParams.get('token'), req.socket.remoteAddress ?? '');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const origin = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;
  opts.log.info({ origin }, 'desktop media listening');

  return {
    origin,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(res: ServerResponse, status: 401 | 403 | 404): void {
  res.writeHead(status, { 'cache-control': 'no-store' }).end();
}
