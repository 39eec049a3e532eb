// Dahua ITSAPI push → PushResult. The camera POSTs JSON to …/NotificationInfo/TollgateInfo
// (appended to the URL we give it) for each read and to …/KeepAlive as its heartbeat, and
// re-sends a read until it sees {"Result":true}. Pictures are base64 inside the JSON.
// `AccurateTime` is local wall-clock time, converted with the camera's zone.
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { BodyTooLargeError, readCapped, type ByteSource } from './body.ts';
import { decodeBase64 } from './base64.ts';
import { wallClockToUtc, parseWallClock } from './camera-time.ts';
import { charsetOfContentType, decodeText } from './charset.ts';
import { plateColorFor } from './colors.ts';
import { isNoPlate, normalisePlate } from './plate.ts';
import type { ImageKind, PlateImage } from './plate-read.ts';
import { pushError, type PushContext, type PushResult } from './push-result.ts';

const picture = z.object({ PicName: z.string().optional(), Content: z.string().optional() });

const tollgateInfo = z.object({
  Picture: z.object({
    Plate: z.object({
      PlateNumber: z.string().optional(),
      PlateColor: z.string().optional(),
      Confidence: z.number().optional(),
      UploadNum: z.number().optional(),
    }),
    SnapInfo: z.object({
      AccurateTime: z.string().optional(),
      DeviceID: z.string().optional(),
      SnapID: z.union([z.string(), z.number()]).optional(),
    }).optional(),
    NormalPic: picture.optional(),
    CutoutPic: picture.optional(),
    VehiclePic: picture.optional(),
  }),
});

type TollgateInfo = z.infer<typeof tollgateInfo>;

const IMAGE_FIELDS: readonly { field: 'CutoutPic' | 'NormalPic' | 'VehiclePic'; kind: ImageKind }[]
  = [
    { field: 'CutoutPic', kind: 'plate' },
    { field: 'NormalPic', kind: 'scene' },
    { field: 'VehiclePic', kind: 'vehicle' },
  ];

/** What the camera waits for; anything else and it sends the read again. */
export const DAHUA_ACK = JSON.stringify({ Result: true });

export async function parseDahuaPush(
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

  const endpoint = (ctx.subPath ?? '').split('/').filter(Boolean).pop()?.toLowerCase() ?? '';
  const json = parseJson(bytes, charsetOfContentType(headers['content-type']));
  if (endpoint === 'keepalive' || endpoint === 'deviceinfo') {
    return { kind: 'heartbeat', deviceSerial: deviceIdOf(json) };
  }
  if (endpoint !== 'tollgateinfo') return pushError(400, `unknown ITSAPI path ${ctx.subPath}`);
  if (json === undefined) return pushError(400, 'body is not JSON');

  const parsed = tollgateInfo.safeParse(json);
  if (!parsed.success) {
    return pushError(400, `not a TollgateInfo: ${z.prettifyError(parsed.error)}`);
  }
  return interpret(parsed.data, ctx);
}

function interpret(info: TollgateInfo, ctx: PushContext): PushResult {
  const { Plate: plate, SnapInfo: snap } = info.Picture;
  const deviceSerial = snap?.DeviceID ?? null;
  const vendorEventId = snap?.SnapID === undefined ? null : String(snap.SnapID);

  if (plate.PlateNumber === undefined || isNoPlate(plate.PlateNumber)) {
    return { kind: 'no-plate', deviceSerial, vendorEventId };
  }

  const clock = parseWallClock(snap?.AccurateTime);
  const capturedAt = clock ? wallClockToUtc(clock, ctx.timeZone) : NaN;
  const rawColor = plate.PlateColor ?? '';
  return {
    kind: 'read',
    read: {
      cameraId: ctx.cameraId,
      vendor: 'dahua',
      plate: normalisePlate(plate.PlateNumber),
      plateColor: plateColorFor('dahua', rawColor),
      rawPlateColor: rawColor,
      confidence: percent(plate.Confidence),
      direction: 'unknown',
      capturedAt: Number.isFinite(capturedAt) ? capturedAt : ctx.receivedAt,
      vendorEventId,
      isOfflineReplay: false,
      deviceSerial,
      images: decodeImages(info),
    },
  };
}

function decodeImages(info: TollgateInfo): PlateImage[] {
  const images: PlateImage[] = [];
  for (const { field, kind } of IMAGE_FIELDS) {
    const bytes = decodeBase64(info.Picture[field]?.Content);
    if (bytes) images.push({ kind, mime: 'image/jpeg', bytes });
  }
  return images;
}

/** JSON of the body in its charset; undefined when it is not JSON (a bare KeepAlive may be). */
function parseJson(bytes: Buffer, declared: string | null): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(decodeText(bytes, declared).text) as unknown;
  } catch {
    return undefined;
  }
}

function deviceIdOf(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const id = (json as Record<string, unknown>).DeviceID;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

function percent(value: number | undefined): number | null {
  return value !== undefined && value >= 0 && value <= 100 ? value : null;
}
