// A simulated camera that serves its plate reads as an event stream Gatehouse holds open:
// Hikvision's /ISAPI/Event/notification/alertStream, Dahua's /cgi-bin/eventManager.cgi attach
// (text events only) and /cgi-bin/snapManager.cgi attachFileProc (events with pictures); a
// Hikvision camera also answers polls of …/vehicleDetect/plates from its recent reads, and serves
// each read's picture at /doc/ui/images/plate/<picName>.jpg as the real ones do. It
// challenges with Digest like the real ones, sends heartbeats while idle, and writes each read
// to every open stream. dropStreams() cuts them, as a camera reboot does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger.ts';
import { subsystemLogger } from '../log/logger.ts';
import { digestGuard } from './camera-digest.ts';
import { readBody } from './sim-body.ts';
import {
  DAHUA_STREAM_BOUNDARY, HIKVISION_STREAM_BOUNDARY, dahuaEventPart, dahuaHeartbeatPart,
  dahuaPicturePart, hikvisionAlertParts, hikvisionHeartbeatPart,
} from './lpr-stream-bytes.ts';

export type StreamVendor = 'hikvision' | 'dahua';

export interface StreamCameraOptions {
  vendor: StreamVendor;
  host?: string;
  port?: number;
  username: string;
  password: string;
  /** Heartbeat period while idle; Dahua's default is 5 s (the attach URL may ask otherwise). */
  heartbeatMs?: number;
  mac?: string;
  /** Hikvision: write the plate facts as the Metadata variant (subType ANPR). */
  metadata?: boolean;
  log: Logger;
}

export interface StreamRead {
  plate: string;
  /** Hikvision word (yellow) or Dahua word (Yellow). */
  color: string;
  images: { plate?: Buffer; scene?: Buffer };
  /** Capture time, UTC epoch ms; now when absent. */
  at?: number;
}

export interface StreamCamera {
  /** http://host:port — the stream URLs hang off it. */
  baseUrl: string;
  /** The URL Gatehouse should hold open for this vendor (Dahua: with pictures). */
  streamUrl: string;
  /** Hikvision: the URL Gatehouse may poll instead (vehicleDetect/plates). */
  pollUrl: string;
  openStreams(): number;
  /** Streams opened since the start, reconnections included. */
  streamsOpened(): number;
  /** Writes one read to every open stream; resolves to how many streams got it. */
  read(r: StreamRead): number;
  dropStreams(): void;
  close(): Promise<void>;
}

const HIKVISION_PATH = '/ISAPI/Event/notification/alertStream';
const HIKVISION_POLL_PATH = '/ISAPI/Traffic/channels/1/vehicleDetect/plates';

/** Reads a polled camera remembers; older ones are gone, as on the camera's own store. */
const POLL_HISTORY = 100;

interface PolledPlate {
  at: number;
  plate: string;
  color: string;
  picName: string;
  picture: Buffer | null;
}

const PICTURE_PATH = /^\/doc\/ui\/images\/plate\/([A-Za-z0-9_-]+)\.jpg$/;
const DAHUA_ATTACH = '/cgi-bin/eventManager.cgi?action=attach&codes=[TrafficJunction]&heartbeat=5';
const DAHUA_SNAP = '/cgi-bin/snapManager.cgi?action=attachFileProc&Flags[0]=Event' +
  '&Events=[TrafficJunction]&heartbeat=5';

/** The zone the simulated Dahua camera's clock runs in (its `UTC` field is local time). */
const DAHUA_SIM_ZONE_OFFSET_MS = 8 * 3_600_000;

interface OpenStream {
  res: ServerResponse;
  pictures: boolean;
}

export async function startStreamCamera(o: StreamCameraOptions): Promise<StreamCamera> {
  const log = subsystemLogger(o.log, `sim-${o.vendor}-stream`);
  const guard = digestGuard(o.vendor === 'hikvision' ? 'IP Camera' : 'Login to sim',
    o.username, o.password);
  const mac = o.mac ?? '00:00:5e:00:53:61';
  const streams = new Set<OpenStream>();
  let groupId = 1000;
  const history: PolledPlate[] = [];
  let opened = 0;

  const server = createServer((req, res) => {
    if (!guard.admit(req, res)) return;
    if (o.vendor === 'hikvision' && req.method === 'POST' && req.url === HIKVISION_POLL_PATH) {
      void answerPoll(req, res, history);
      return;
    }
    const picture = o.vendor === 'hikvision' && req.method === 'GET'
      ? PICTURE_PATH.exec(req.url ?? '') : null;
    if (picture) {
      servePicture(res, history.find((p) => p.picName === picture[1])?.picture ?? null);
      return;
    }
    const stream = route(req, o.vendor);
    if (!stream) {
      res.writeHead(404).end('not found');
      return;
    }
    open(res, stream.pictures);
  });

  const open = (res: ServerResponse, pictures: boolean) => {
    const boundary = o.vendor === 'hikvision' ? HIKVISION_STREAM_BOUNDARY : DAHUA_STREAM_BOUNDARY;
    const type = o.vendor === 'hikvision' ? 'multipart/mixed' : 'multipart/x-mixed-replace';
    res.writeHead(200, { 'content-type': `${type}; boundary=${boundary}`,
      connection: 'close' });
    const s = { res, pictures };
    streams.add(s);
    opened++;
    res.on('close', () => streams.delete(s));
    log.info({ streams: streams.size }, 'event stream opened');
  };

  const heartbeat = () => {
    const bytes = o.vendor === 'hikvision'
      ? hikvisionHeartbeatPart(mac, new Date().toISOString())
      : dahuaHeartbeatPart();
    for (const s of streams) s.res.write(bytes);
  };
  const timer = setInterval(heartbeat, o.heartbeatMs ?? 5_000);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${o.host ?? '127.0.0.1'}:${port}`;

  return {
    baseUrl,
    streamUrl: baseUrl + (o.vendor === 'hikvision' ? HIKVISION_PATH : DAHUA_SNAP),
    pollUrl: baseUrl + HIKVISION_POLL_PATH,
    openStreams: () => streams.size,
    streamsOpened: () => opened,
    read: (r) => {
      const at = r.at ?? Date.now();
      groupId++;
      history.push({ at, plate: r.plate, color: r.color, picName: `sim${groupId}`,
        picture: r.images.scene ?? r.images.plate ?? null });
      if (history.length > POLL_HISTORY) history.shift();
      for (const s of streams) {
        s.res.write(o.vendor === 'hikvision'
          ? hikvisionAlertParts({ plate: r.plate, color: r.color, uuid: randomUUID(), mac,
            dateTime: new Date(at).toISOString(), images: r.images, metadata: o.metadata })
          : dahuaBytes(r, at, groupId, s.pictures));
      }
      log.info({ plate: r.plate, streams: streams.size }, 'read written to the streams');
      return streams.size;
    },
    dropStreams: () => {
      for (const s of streams) s.res.destroy();
      streams.clear();
    },
    close: async () => {
      clearInterval(timer);
      for (const s of streams) s.res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The plates read after the request's picTime, as a `Plates` document. */
async function answerPoll(
  req: IncomingMessage, res: ServerResponse, history: PolledPlate[],
): Promise<void> {
  const body = await readBody(req, 64 * 1024);
  const m = /<picTime>(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})([+-]\d{2})(\d{2})<\/picTime>/
    .exec(body?.toString('utf8') ?? '');
  if (!m) {
    res.writeHead(400, { 'content-type': 'application/xml' }).end('<ResponseStatus/>');
    return;
  }
  const [, y, mo, d, h, mi, s, oh, om] = m;
  const after = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${oh}:${om}`);
  const plates = history.filter((p) => p.at >= after).map((p) => [
    '<Plate>', `<captureTime>${compactBeijing(p.at)}</captureTime>`,
    `<plateNumber>${p.plate}</plateNumber>`, `<plateColor>${p.color}</plateColor>`,
    `<picName>${p.picName}</picName>`, '<country>CHN</country><laneNo>1</laneNo>',
    '<direction>forward</direction>', '</Plate>',
  ].join(''));
  const xml = '<?xml version="1.0" encoding="UTF-8"?>\r\n' +
    `<Plates version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">${plates.join('')}` +
    '</Plates>';
  res.writeHead(200, { 'content-type': 'application/xml; charset="UTF-8"' }).end(xml);
}

function servePicture(res: ServerResponse, picture: Buffer | null): void {
  if (!picture) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such picture');
    return;
  }
  res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': picture.length })
    .end(picture);
}

/** `20240501T081530+0800`: the camera's compact Beijing time. */
function compactBeijing(at: number): string {
  const local = new Date(at + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 19).replace(/[-:]/g, '')}+0800`;
}

function route(req: IncomingMessage, vendor: StreamVendor): { pictures: boolean } | null {
  const url = new URL(req.url ?? '/', 'http://camera');
  if (req.method !== 'GET') return null;
  if (vendor === 'hikvision') return url.pathname === HIKVISION_PATH ? { pictures: true } : null;
  if (url.pathname === '/cgi-bin/eventManager.cgi' && url.searchParams.get('action') === 'attach') {
    return { pictures: false };
  }
  if (url.pathname === '/cgi-bin/snapManager.cgi' &&
    url.searchParams.get('action') === 'attachFileProc') {
    return { pictures: true };
  }
  return null;
}

/** One event (and on snapManager its picture), `UTC` written as local wall-clock time. */
function dahuaBytes(r: StreamRead, at: number, groupId: number, pictures: boolean): Buffer {
  const localUtc = Math.floor((at + DAHUA_SIM_ZONE_OFFSET_MS) / 1000);
  const event = dahuaEventPart({ plate: r.plate, color: r.color, localUtc, groupId,
    eventId: groupId * 10 });
  const picture = r.images.scene ?? r.images.plate;
  return pictures && picture ? Buffer.concat([event, dahuaPicturePart(picture)]) : event;
}

export const DAHUA_ATTACH_PATH = DAHUA_ATTACH;
