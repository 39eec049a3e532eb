// A small ONVIF device in front of the demo camera: SOAP 1.2 over HTTP at /onvif/device_service
// and /onvif/media_service, the operations a client needs to find the RTSP stream, and
// WS-UsernameToken PasswordDigest auth. Two profiles, as gate cameras have: main and sub.
// The sub profile streams `subStreamUri`, or the main stream when the demo has no second one.
// It answers WS-Discovery probes, serves a JPEG snapshot behind HTTP Digest, and can play the
// awkward cameras: a clock far from ours (1970, local time as UTC) and Digest-only firmware.
// Not simulated: PTZ, events.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import type { Logger } from '../log/logger.ts';
import { checkUsernameToken, readUsernameToken } from './onvif-responder-auth.ts';
import * as xml from './onvif-responder-xml.ts';
import { randomBytes } from 'node:crypto';
import { checkDigest, digestChallenge } from './onvif-responder-auth.ts';
import { startDiscoveryResponder, type DiscoveryResponder } from './onvif-responder-discovery.ts';

export interface OnvifResponderOptions {
  /** Defaults to loopback; the demo site on a LAN passes its camera-network address. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  username: string;
  password: string;
  streamUri: string;
  subStreamUri?: string;
  /** Main profile picture; the sub profile is 640x360. Defaults to 1280x720 at 25 fps. */
  width?: number;
  height?: number;
  fps?: number;
  /** The camera's clock minus the real one: -Date.now() plays a camera that thinks it is 1970. */
  clockOffsetMs?: number;
  /** 'digest': firmware that ignores WS-Security and wants HTTP Digest on every request. */
  auth?: 'ws-security' | 'digest';
  /** The JPEG the snapshot address serves (behind Digest); absent: 404. */
  snapshot?: Buffer;
  /** Answer WS-Discovery probes on this UDP port (0: any), or on 3702 multicast too. */
  discovery?: { port?: number; multicast?: boolean };
  /** The name the camera announces in its discovery scopes. */
  name?: string;
  log: Logger;
}

export interface OnvifResponder {
  /** The device service URL a client connects to. */
  url: string;
  /** The UDP port answering WS-Discovery probes, when discovery is on. */
  discoveryPort: number | null;
  stop(): Promise<void>;
}

export const DEVICE_PATH = '/onvif/device_service';
export const MEDIA_PATH = '/onvif/media_service';
const SNAPSHOT_PATH = '/onvif/snapshot.jpg';

/** SOAP requests of the operations we answer are well under 4 KiB. */
const MAX_BODY_BYTES = 64 * 1024;

const SOAP_TYPE = 'application/soap+xml; charset=utf-8';

type Handler = (body: Record<string, unknown>) => string | Fault;
interface Fault {
  status: number;
  xml: string;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
});

export async function startOnvifResponder(options: OnvifResponderOptions): Promise<OnvifResponder> {
  const host = options.host ?? '127.0.0.1';
  const { log } = options;
  let routes: Record<string, Record<string, Handler>> = {};
  const cameraNow = () => Date.now() + (options.clockOffsetMs ?? 0);
  const nonces = new Set<string>();
  const challenge = () => {
    const nonce = randomBytes(16).toString('hex');
    nonces.add(nonce);
    return digestChallenge(nonce);
  };
  const digestOk = (req: IncomingMessage) =>
    checkDigest(req.headers.authorization, req.method ?? '', options, nonces);

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'onvif request failed');
      reply(res, 500, xml.fault('Receiver', 'Action', 'internal error'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0]!;
    if (req.method === 'GET' && path === SNAPSHOT_PATH) {
      serveSnapshot(req, res);
      return;
    }
    const handlers = routes[path];
    if (req.method !== 'POST' || !handlers) {
      res.writeHead(404).end();
      return;
    }

    const parsed = parseEnvelope(await readBody(req));
    if (!parsed) {
      reply(res, 400, xml.fault('Sender', 'WellFormed', 'Not a SOAP 1.2 envelope'));
      return;
    }

    const { operation, body, header } = parsed;
    const handler = handlers[operation];
    if (!handler) {
      log.debug({ operation, path }, 'onvif: operation not supported');
      const reason = 'Optional Action Not Implemented';
      reply(res, 500, xml.fault('Receiver', 'ActionNotSupported', reason));
      return;
    }

    if (operation !== 'GetSystemDateAndTime' && options.auth === 'digest') {
      const check = digestOk(req);
      if (!check.ok) {
        res.writeHead(401, { 'WWW-Authenticate': challenge(), 'Content-Length': 0 }).end();
        return;
      }
    } else if (operation !== 'GetSystemDateAndTime') {
      const token = readUsernameToken(header);
      const check = checkUsernameToken(token, options, cameraNow());
      if (!check.ok) {
        log.warn({ operation, user: token?.username, reason: check.reason }, 'onvif: refused');
        reply(res, 400, xml.fault('Sender', 'NotAuthorized', 'Sender not Authorized'));
        return;
      }
    }

    const answer = handler(body);
    log.debug({ operation }, 'onvif: answered');
    if (typeof answer === 'string') reply(res, 200, xml.envelope(answer));
    else reply(res, answer.status, answer.xml);
  }

  function serveSnapshot(req: IncomingMessage, res: ServerResponse): void {
    if (!options.snapshot) {
      res.writeHead(404).end();
      return;
    }
    if (!digestOk(req).ok) {
      res.writeHead(401, { 'WWW-Authenticate': challenge(), 'Content-Length': 0 }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'image/jpeg',
      'Content-Length': options.snapshot.length }).end(options.snapshot);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });

  const { port } = server.address() as AddressInfo;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const device = describeDevice(base, options);
  routes = buildRoutes(device, cameraNow);
  let discovery: DiscoveryResponder | null = null;
  if (options.discovery) {
    discovery = await startDiscoveryResponder({ host, port: options.discovery.port ?? 0,
      multicast: options.discovery.multicast ?? false, deviceUrl: device.deviceUrl,
      name: options.name ?? 'GatehouseSim', log });
  }
  log.info({ url: device.deviceUrl, profiles: device.profiles.length,
    discoveryPort: discovery?.port }, 'onvif responder up');

  return {
    url: device.deviceUrl,
    discoveryPort: discovery?.port ?? null,
    stop: async () => {
      await discovery?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function describeDevice(base: string, options: OnvifResponderOptions): xml.SimDevice {
  const fps = options.fps ?? 25;
  const main: xml.SimProfile = {
    token: 'main',
    name: 'MainStream',
    width: options.width ?? 1280,
    height: options.height ?? 720,
    fps,
    bitrateKbps: 2048,
    streamUri: options.streamUri,
  };
  const sub: xml.SimProfile = {
    token: 'sub',
    name: 'SubStream',
    width: 640,
    height: 360,
    fps,
    bitrateKbps: 512,
    streamUri: options.subStreamUri ?? options.streamUri,
  };
  return {
    deviceUrl: base + DEVICE_PATH,
    mediaUrl: base + MEDIA_PATH,
    snapshotUrl: base + SNAPSHOT_PATH,
    profiles: [main, sub],
  };
}

function buildRoutes(device: xml.SimDevice, cameraNow: () => number):
  Record<string, Record<string, Handler>> {
  const byToken = (body: Record<string, unknown>, op: string): xml.SimProfile | Fault => {
    const request = body[op] as Record<string, unknown> | undefined;
    const token = typeof request?.ProfileToken === 'string' ? request.ProfileToken.trim() : '';
    const profile = device.profiles.find((p) => p.token === token);
    if (profile) return profile;
    return { status: 400, xml: xml.fault('Sender', 'InvalidArgVal', `No profile "${token}"`) };
  };

  return {
    [DEVICE_PATH]: {
      GetSystemDateAndTime: () => xml.systemDateAndTime(new Date(cameraNow())),
      GetCapabilities: () => xml.capabilities(device),
      GetServices: () => xml.services(device),
      GetDeviceInformation: () => xml.deviceInformation('GH-SIM-0001'),
    },
    [MEDIA_PATH]: {
      GetProfiles: () => xml.profiles(device),
      GetVideoSources: () => xml.videoSources(device),
      GetStreamUri: (body) => {
        const found = byToken(body, 'GetStreamUri');
        return 'streamUri' in found ? xml.mediaUri('GetStreamUri', found.streamUri) : found;
      },
      GetSnapshotUri: (body) => {
        const found = byToken(body, 'GetSnapshotUri');
        return 'streamUri' in found ? xml.mediaUri('GetSnapshotUri', device.snapshotUrl) : found;
      },
    },
  };
}

interface Envelope {
  operation: string;
  body: Record<string, unknown>;
  header: unknown;
}

/** The operation is the first element inside Body; prefixes and attributes are dropped. */
function parseEnvelope(text: string): Envelope | null {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }

  const env = doc.Envelope as Record<string, unknown> | undefined;
  const body = env?.Body;
  if (!body || typeof body !== 'object') return null;

  const operation = Object.keys(body)[0];
  if (!operation) return null;
  return { operation, body: body as Record<string, unknown>, header: env.Header };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        reject(new Error('request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': SOAP_TYPE, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
