// Simulated LPR cameras: builds the exact bytes a Hikvision or Vzenith camera sends for one plate
// read and posts them. The demo site, the installer's training mode and the tests drive the
// listener with these, so they follow the wire format byte for byte (CRLFs, boundary, base64).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { resourcePath } from '../config/paths.ts';
import { alertPlateXml } from './lpr-hikvision-metadata.ts';
import { escapeXml } from './onvif-responder-xml.ts';

/** The demo pictures a simulated camera sends: a plate crop and a scene, real JPEG files. */
export function loadDemoImages(): { plate: Buffer; scene: Buffer } {
  return {
    plate: readFileSync(resourcePath('demo', 'plate-crop.jpg')),
    scene: readFileSync(resourcePath('demo', 'scene.jpg')),
  };
}

export interface Push {
  headers: Record<string, string>;
  body: Buffer;
}

export const HIKVISION_NAMESPACES = {
  isapi: 'http://www.isapi.org/ver20/XMLSchema',
  hikvision: 'http://www.hikvision.com/ver20/XMLSchema',
} as const;

export interface HikvisionPushInput {
  /** Plate as the camera prints it; '' or '无车牌' for a vehicle without a readable plate. */
  plate: string;
  /** ISAPI colour word: blue, yellow, white, black, green, … */
  color: string;
  uuid: string;
  /** ISO-8601 with offset, e.g. 2024-05-01T08:15:30+08:00. */
  dateTime: string;
  images: { plate?: Buffer; scene?: Buffer; vehicle?: Buffer };
  namespace?: string;
  mac?: string;
  confidence?: number;
  /** 'active' for a read; 'inactive' is what a heartbeat carries. */
  eventState?: 'active' | 'inactive';
  /** Send the plate facts as the Metadata variant (subType ANPR) instead of the ANPR element. */
  metadata?: boolean;
}

const CRLF = '\r\n';

const IMAGE_PART_NAMES = {
  plate: 'licensePlatePicture.jpg',
  scene: 'detectionPicture.jpg',
  vehicle: 'vehiclePicture.jpg',
} as const;

/** A listening-mode ISAPI push: the anpr.xml part, then one JPEG part per picture. */
export function buildHikvisionPush(input: HikvisionPushInput): Push {
  const pictures = (['plate', 'scene', 'vehicle'] as const).filter((k) => input.images[k]);
  const xml = hikvisionAlertXml(input, pictures.length);

  const parts: MultipartPart[] = [
    { name: 'anpr.xml', type: 'application/xml; charset="UTF-8"', bytes: Buffer.from(xml) },
  ];
  for (const kind of pictures) {
    parts.push({ name: IMAGE_PART_NAMES[kind], type: 'image/jpeg', bytes: input.images[kind]! });
  }

  return buildMultipartPush(parts);
}

export interface MultipartPart {
  name: string;
  type: string;
  bytes: Buffer;
}

/** Any multipart/form-data push, part by part: for firmware variants and malformed pushes. */
export function buildMultipartPush(parts: MultipartPart[]): Push {
  const boundary = pickBoundary(parts);
  const body = multipartBody(parts, boundary);
  return {
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(body.length),
    },
    body,
  };
}

function hikvisionAlertXml(input: HikvisionPushInput, picNum: number): string {
  const ns = input.namespace ?? HIKVISION_NAMESPACES.isapi;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<EventNotificationAlert version="2.0" xmlns="${escapeXml(ns)}">`,
    '<ipAddress>192.0.2.21</ipAddress>',
    `<macAddress>${escapeXml(input.mac ?? '00:00:5e:00:53:21')}</macAddress>`,
    '<channelID>1</channelID>',
    `<dateTime>${escapeXml(input.dateTime)}</dateTime>`,
    '<activePostCount>1</activePostCount>',
    '<eventType>ANPR</eventType>',
    `<eventState>${input.eventState ?? 'active'}</eventState>`,
    '<eventDescription>ANPR</eventDescription>',
    `<UUID>${escapeXml(input.uuid)}</UUID>`,
    `<picNum>${picNum}</picNum>`,
    ...alertPlateXml({ plate: input.plate, color: input.color,
      confidence: input.confidence ?? 96, metadata: input.metadata }),
    '</EventNotificationAlert>',
  ].join(CRLF);
}

export interface VzenithPushInput {
  plate: string;
  colorType: number;
  plateid: number;
  /** Capture time, epoch seconds (UTC). */
  sec: number;
  serialno: string;
  isoffline: 0 | 1;
  images: { plate?: Buffer; scene?: Buffer };
  confidence?: number;
}

/** An AlarmInfoPlate push: JSON in UTF-8, pictures as base64 strings. */
export function buildVzenithPush(input: VzenithPushInput): Push {
  const plateResult: Record<string, unknown> = {
    license: input.plate,
    colorType: input.colorType,
    confidence: input.confidence ?? 93,
    direction: 4,
    plateid: input.plateid,
    isoffline: input.isoffline,
    timeStamp: { Timeval: { sec: input.sec, usec: 0 } },
  };
  if (input.images.scene) plateResult.imageFile = input.images.scene.toString('base64');
  if (input.images.plate) plateResult.imageFragmentFile = input.images.plate.toString('base64');

  const json = {
    AlarmInfoPlate: {
      serialno: input.serialno,
      ipaddr: '192.0.2.31',
      deviceName: 'IVS',
      channel: 0,
      result: { PlateResult: plateResult },
    },
  };
  const body = Buffer.from(JSON.stringify(json), 'utf8');
  return {
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    body,
  };
}

export interface PushResponse {
  status: number;
  body: string;
  /** UTC epoch ms when the response headers arrived. */
  firstByteAt: number;
}

/**
 * Posts one push. `localAddress` binds the sending side (e.g. 127.0.0.2) to act as another
 * device on the network; `socket` supplies the connection (the wizard's test push sends over
 * its own). A server that answers before reading the whole body is fine: the
 * answer wins over the write error that follows when it hangs up.
 */
export function sendPush(
  url: string,
  push: Push,
  options: { localAddress?: string; timeoutMs?: number; socket?: () => Socket } = {},
): Promise<PushResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, {
      method: 'POST',
      headers: push.headers,
      localAddress: options.localAddress,
      // A given connection is used only without an agent (`agent: false` makes a fresh one).
      ...(options.socket ? { createConnection: options.socket } : { agent: false }),
      timeout: options.timeoutMs ?? 10_000,
    });

    req.on('response', (res) => {
      answered = true;
      const firstByteAt = Date.now();
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, body, firstByteAt });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url}`)));
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.end(push.body);
  });
}

function multipartBody(parts: MultipartPart[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = [
      `--${boundary}`,
      `Content-Disposition: form-data; name="${part.name}"; filename="${part.name}"`,
      `Content-Type: ${part.type}`,
      `Content-Length: ${part.bytes.length}`,
      '',
      '',
    ].join(CRLF);
    chunks.push(Buffer.from(head), part.bytes, Buffer.from(CRLF));
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return Buffer.concat(chunks);
}

/** A boundary that occurs in none of the parts, as RFC 2046 requires. */
function pickBoundary(parts: MultipartPart[]): string {
  for (;;) {
    const boundary = `----GatehouseSim${randomBytes(12).toString('hex')}`;
    if (!parts.some((p) => p.bytes.includes(boundary))) return boundary;
  }
}
