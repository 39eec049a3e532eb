// A camera's own barrier relay, commanded over HTTP as Hikvision (ISAPI barrierGate) and Dahua
// (trafficSnap.cgi openStrobe) cameras take it: Digest authentication first (401, then the
// answer), then the command, answered in the vendor's words. Tests, the demo and training mode
// read what the relay was told from `commands`. The Hikvision one keeps its plate list too.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger.ts';
import { digestGuard } from './camera-digest.ts';
import { readBody } from './sim-body.ts';
import { plateListRoute, type PlateListEntry } from './camera-plate-list.ts';

export type RelayVendor = 'hikvision' | 'dahua';

export interface RelayCommand {
  at: number;
  vendor: RelayVendor;
  channel: number;
  /** open, close, lock, unlock (Hikvision ctrlMode); open or close for Dahua. */
  action: string;
  /** The plate Dahua's openStrobe carries, for the camera's own log. */
  plate: string | null;
}

export interface CameraRelayOptions {
  vendor: RelayVendor;
  username: string;
  password: string;
  port?: number;
  host?: string;
  log: Logger;
}

export interface CameraRelay {
  url: string;
  port: number;
  commands: RelayCommand[];
  /** 401 challenges sent (every command starts with one). */
  challenges: number;
  /** Hikvision: the camera's own plate list (allowlist). */
  plateList: PlateListEntry[];
  close(): Promise<void>;
}

const ISAPI_BARRIER = /^\/ISAPI\/Parking\/channels\/(\d+)\/barrierGate$/;
const CTRL_MODES = ['open', 'close', 'lock', 'unlock'];
/** An ISAPI body is a few hundred bytes; anything near this is not a barrier command. */
const BODY_LIMIT = 64 * 1024;

export async function startCameraRelay(options: CameraRelayOptions): Promise<CameraRelay> {
  const realm = options.vendor === 'hikvision' ? 'DS-2CD7A26G0' : 'Login to ITC237';
  const guard = digestGuard(realm, options.username, options.password);
  const commands: RelayCommand[] = [];
  const plateList: PlateListEntry[] = [];
  let challenges = 0;

  const server = createServer((req, res) => {
    if (!guard.admit(req, res)) {
      challenges += 1;
      return;
    }
    const record: Record = (c) => commands.push({ ...c, at: Date.now(), vendor: options.vendor });
    const handle = options.vendor === 'dahua' ? dahuaCgi(req, res, record)
      : plateListRoute(req, res, plateList).then(async (done) => {
        if (!done) await isapi(req, res, record);
      });
    handle.catch((err: unknown) => {
        options.log.warn({ err }, 'camera relay simulator failed a request');
        if (!res.headersSent) res.writeHead(500).end();
      });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0,
    options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  options.log.info({ vendor: options.vendor, port }, 'camera relay simulator listening');

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    commands,
    plateList,
    get challenges() {
      return challenges;
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

type Record = (command: Omit<RelayCommand, 'at' | 'vendor'>) => void;

async function isapi(req: IncomingMessage, res: ServerResponse, record: Record): Promise<void> {
  const path = req.url ?? '';
  const match = ISAPI_BARRIER.exec(path);
  if (!match || req.method !== 'PUT') return isapiStatus(res, path, 404, 4, 'invalidOperation');

  const body = (await readBody(req, BODY_LIMIT))?.toString('utf8') ?? '';
  const mode = /<ctrlMode>\s*([a-zA-Z]+)\s*<\/ctrlMode>/.exec(body)?.[1];
  if (!mode || !CTRL_MODES.includes(mode)) {
    return isapiStatus(res, path, 400, 5, 'badXmlContent');
  }

  record({ channel: Number(match[1]), action: mode, plate: null });
  isapiStatus(res, path, 200, 1, 'ok');
}

/** ISAPI answers every command with a ResponseStatus: statusCode 1 is OK. */
function isapiStatus(
  res: ServerResponse, path: string, http: number, code: number, sub: string,
): void {
  const words = code === 1 ? 'OK' : code === 4 ? 'Invalid Operation' : 'Invalid XML Content';
  res.writeHead(http, { 'content-type': 'application/xml; charset="UTF-8"' });
  res.end('<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<ResponseStatus version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">\n' +
    `<requestURL>${path.replace(/[<&]/g, '')}</requestURL>\n<statusCode>${code}</statusCode>\n` +
    `<statusString>${words}</statusString>\n<subStatusCode>${sub}</subStatusCode>\n` +
    '</ResponseStatus>\n');
}

async function dahuaCgi(req: IncomingMessage, res: ServerResponse, record: Record) {
  const url = new URL(req.url ?? '/', 'http://camera');
  const action = url.searchParams.get('action');
  const channel = Number(url.searchParams.get('channel') ?? '1');
  const known = action === 'openStrobe' || action === 'closeStrobe';
  if (url.pathname !== '/cgi-bin/trafficSnap.cgi' || !known || !Number.isInteger(channel)) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('Error\r\nBad Request!\r\n');
    return;
  }

  const plate = url.searchParams.get('info.plateNumber');
  record({ channel, action: action === 'openStrobe' ? 'open' : 'close', plate });
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('OK\r\n');
}
