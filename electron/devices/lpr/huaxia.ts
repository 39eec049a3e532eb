// Huaxia (华夏智信) HTTP POST mode 5 → PushResult, and the JSON reply the camera reads: a
// `gpio_data` entry switching io1 on makes the camera pulse its barrier relay, in the reply to a
// read or to a heartbeat (a guard's manual open, barrier/heartbeat-opens.ts). The push is
// application/x-www-form-urlencoded; pictures are base64 made URL-safe by the camera's own
// substitutions (+ → -, / → _, = → .).
import type { IncomingHttpHeaders } from 'node:http';
import { BodyTooLargeError, readCapped, type ByteSource } from './body.ts';
import { decodeBase64 } from './base64.ts';
import { charsetOfContentType } from './charset.ts';
import { plateColorFor } from './colors.ts';
import { parseForm, type FormFields } from './form.ts';
import { isNoPlate, normalisePlate } from './plate.ts';
import type { ImageKind, PlateImage, PlateRead } from './plate-read.ts';
import { pushError, type PushContext, type PushResult } from './push-result.ts';

/** The relay the camera's barrier is wired to; mode 5 names outputs io1, io2. */
export const HUAXIA_BARRIER_IO = 'io1';

const IMAGE_FIELDS: readonly { field: string; kind: ImageKind }[] = [
  { field: 'closeup_pic', kind: 'plate' },
  { field: 'picture', kind: 'scene' },
];
const PICTURE_FIELDS: ReadonlySet<string> = new Set(IMAGE_FIELDS.map((f) => f.field));

export async function parseHuaxiaPush(
  headers: IncomingHttpHeaders,
  body: ByteSource,
  ctx: PushContext,
): Promise<PushResult> {
  let bytes: Buffer;
  try {
    bytes = await readCapped(body, ctx.maxBodyBytes);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return pushError(413, err.message);
    throw err;
  }

  const { fields } = parseForm(bytes, charsetOfContentType(headers['content-type']),
    PICTURE_FIELDS);
  const type = fields.get('type')?.toLowerCase();
  const deviceSerial = fields.get('cam_id') || null;
  if (type === 'heartbeat') return { kind: 'heartbeat', deviceSerial };
  if (type !== 'online' && type !== 'offline') {
    return pushError(400, `not a Huaxia push: type ${type ?? 'missing'}`);
  }

  const rawPlate = fields.get('plate_num');
  if (rawPlate === undefined || isNoPlate(rawPlate)) {
    return { kind: 'no-plate', deviceSerial, vendorEventId: null };
  }
  return { kind: 'read', read: toRead(fields, rawPlate, type === 'offline', deviceSerial, ctx) };
}

function toRead(
  fields: FormFields,
  rawPlate: string,
  offline: boolean,
  deviceSerial: string | null,
  ctx: PushContext,
): PlateRead {
  const rawColor = fields.get('plate_color') ?? '';
  const sec = Number(fields.get('start_time'));
  const vdc = fields.get('vdc_type')?.toLowerCase();
  return {
    cameraId: ctx.cameraId,
    vendor: 'huaxia',
    plate: normalisePlate(rawPlate),
    plateColor: plateColorFor('huaxia', rawColor),
    rawPlateColor: rawColor,
    // Mode 5 sends no confidence; `plate_val` says genuine or fake plate, not how sure.
    confidence: null,
    direction: vdc === 'in' || vdc === 'out' ? vdc : 'unknown',
    capturedAt: Number.isFinite(sec) && sec > 0 ? sec * 1000 : ctx.receivedAt,
    // Mode 5 carries no event id: the lane's (lane, plate, window) rule dedupes its resends.
    vendorEventId: null,
    isOfflineReplay: offline,
    deviceSerial,
    images: decodeImages(fields),
  };
}

function decodeImages(fields: FormFields): PlateImage[] {
  const images: PlateImage[] = [];
  for (const { field, kind } of IMAGE_FIELDS) {
    const bytes = urlSafeBase64(fields.get(field));
    if (bytes) images.push({ kind, mime: 'image/jpeg', bytes });
  }
  return images;
}

/**
 * Huaxia's URL-safe base64 → bytes. A camera that skipped the substitutions sent `+` unescaped,
 * which form decoding turned into a space: that is put back. Not base64 at all: null (the read
 * still counts without the picture).
 */
export function urlSafeBase64(value: string | undefined): Buffer | null {
  if (!value) return null;

  const standard = value
    .replace(/[\r\n\t]/g, '')
    .replace(/ /g, '+')
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .replace(/\./g, '=');
  return decodeBase64(standard);
}

/** Base64 → Huaxia's URL-safe alphabet, as the camera (and our simulator) sends pictures. */
export function toHuaxiaBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '.');
}

/**
 * The reply to a read or a heartbeat: error_num 0 acknowledges; `gpio_data` with io1 on makes the
 * camera open.
 */
export function huaxiaReply(open: boolean): string {
  const reply: Record<string, unknown> = { error_num: 0, error_str: 'noerror' };
  if (open) reply.gpio_data = [{ ionum: HUAXIA_BARRIER_IO, action: 'on' }];
  return JSON.stringify(reply);
}
