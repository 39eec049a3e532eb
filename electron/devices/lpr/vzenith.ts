// Vzenith (and Qianyi, same schema) AlarmInfoPlate push → PushResult, and the reply body the
// camera reads to decide whether to pulse its barrier relay. JSON, UTF-8, images as base64.
import { z } from 'zod';
import type { IncomingHttpHeaders } from 'node:http';
import { BodyTooLargeError, readCapped, type ByteSource } from './body.ts';
import { decodeBase64 } from './base64.ts';
import { charsetOfContentType, decodeText } from './charset.ts';
import { plateColorFor } from './colors.ts';
import { isNoPlate, normalisePlate } from './plate.ts';
import type { ImageKind, PlateImage } from './plate-read.ts';
import { pushError, type PushContext, type PushResult } from './push-result.ts';

/** Firmware sends numbers as numbers or as digit strings, depending on the model. */
const int = z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]);

const plateResult = z.object({
  license: z.string().optional(),
  colorType: int.optional(),
  confidence: int.optional(),
  plateid: int.optional(),
  isoffline: int.optional(),
  timeStamp: z
    .object({ Timeval: z.object({ sec: int, usec: int.optional() }) })
    .optional(),
  imageFile: z.string().optional(),
  imageFragmentFile: z.string().optional(),
});

const alarmInfoPlate = z.object({
  AlarmInfoPlate: z.object({
    serialno: z.string().optional(),
    result: z.object({ PlateResult: plateResult }),
  }),
});

type PlateResult = z.infer<typeof plateResult>;

/** Base64 picture fields, in the order the images are kept. */
const IMAGE_FIELDS: readonly { field: 'imageFragmentFile' | 'imageFile'; kind: ImageKind }[] = [
  { field: 'imageFragmentFile', kind: 'plate' },
  { field: 'imageFile', kind: 'scene' },
];

export async function parseVzenithPush(
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

  // Some firmware sends GBK, declared (`charset=gbk`) or not: decoded by what it is, never
  // blindly as UTF-8.
  let json: unknown;
  try {
    json = JSON.parse(decodeText(bytes, charsetOfContentType(headers['content-type'])).text);
  } catch {
    return pushError(400, 'body is not JSON');
  }

  // Normal and comet heartbeats carry the same object; a comet camera polls with it and reads
  // commands from the reply (vzenithHeartbeatReply).
  if (isHeartbeat(json)) return { kind: 'heartbeat', deviceSerial: heartbeatSerial(json) };

  const parsed = alarmInfoPlate.safeParse(json);
  if (!parsed.success) {
    return pushError(400, `not an AlarmInfoPlate: ${z.prettifyError(parsed.error)}`);
  }

  return interpretPlateResult(
    parsed.data.AlarmInfoPlate.result.PlateResult,
    parsed.data.AlarmInfoPlate.serialno ?? null,
    ctx,
  );
}

function interpretPlateResult(
  result: PlateResult,
  deviceSerial: string | null,
  ctx: PushContext,
): PushResult {
  const vendorEventId = result.plateid === undefined ? null : String(result.plateid);

  const rawPlate = primaryPlate(result.license);
  if (rawPlate === undefined || isNoPlate(rawPlate)) {
    return { kind: 'no-plate', deviceSerial, vendorEventId, offline: result.isoffline === 1 };
  }

  const rawColor = result.colorType === undefined ? '' : String(result.colorType);
  return {
    kind: 'read',
    read: {
      cameraId: ctx.cameraId,
      vendor: 'vzenith',
      plate: normalisePlate(rawPlate),
      plateColor: plateColorFor('vzenith', rawColor),
      rawPlateColor: rawColor,
      confidence: percent(result.confidence),
      // TODO(#3): keep the vendor's motion direction (1 left … 4 down); in/out is the lane's.
      direction: 'unknown',
      capturedAt: epochMs(result) ?? ctx.receivedAt,
      vendorEventId,
      isOfflineReplay: result.isoffline === 1,
      deviceSerial,
      images: decodeImages(result),
    },
  };
}

/**
 * A plate seen in several regions of the picture arrives joined with `|`; the first readable one
 * is the camera's best read.
 */
function primaryPlate(license: string | undefined): string | undefined {
  if (license === undefined || !license.includes('|')) return license;
  return license.split('|').find((p) => !isNoPlate(p)) ?? '';
}

/** `Timeval.sec` is true epoch seconds (the `dec*` fields are local calendar time). */
function epochMs(result: PlateResult): number | null {
  const tv = result.timeStamp?.Timeval;
  if (!tv || tv.sec <= 0) return null;
  return tv.sec * 1000 + Math.floor((tv.usec ?? 0) / 1000);
}

function decodeImages(result: PlateResult): PlateImage[] {
  const images: PlateImage[] = [];
  for (const { field, kind } of IMAGE_FIELDS) {
    // A picture that is not base64 is dropped; the read itself still counts.
    const bytes = decodeBase64(result[field]);
    if (bytes) images.push({ kind, mime: 'image/jpeg', bytes });
  }
  return images;
}

function percent(value: number | undefined): number | null {
  return value !== undefined && value >= 0 && value <= 100 ? value : null;
}

function isHeartbeat(json: unknown): json is { heartbeat: unknown } {
  return typeof json === 'object' && json !== null && 'heartbeat' in json;
}

function heartbeatSerial(json: { heartbeat: unknown }): string | null {
  const hb = json.heartbeat;
  if (typeof hb !== 'object' || hb === null || !('serialno' in hb)) return null;
  return typeof hb.serialno === 'string' ? hb.serialno : null;
}

/** The reply body: `info: "ok"` makes the camera pulse its barrier relay, `"no"` keeps it shut. */
export function vzenithReply(open: boolean, plateid: number): string {
  return JSON.stringify({
    Response_AlarmInfoPlate: { info: open ? 'ok' : 'no', plateid, channelNum: 0 },
  });
}

/**
 * The reply to an offline replay: never open (the truck passed long ago), and tell the camera to
 * go on with the next stored read — its flow control for replays (`ContinuePushOffline`).
 */
export function vzenithOfflineReply(plateid: number): string {
  return JSON.stringify({
    Response_AlarmInfoPlate: {
      info: 'no', plateid, channelNum: 0,
      ContinuePushOffline: { plateid, continue: 1 },
    },
  });
}

/**
 * The reply to a comet heartbeat that carries a guard's manual open: an IO pulse (`ivs_ioctrl`,
 * value 2 = pulse, delay in ms). Our reference names `ivs_ioctrl` and says a comet reply may
 * carry commands, but not the reply's exact shape. Integrations describe the comet reply as the
 * push reply's structure, so the pulse sits inside `Response_AlarmInfoPlate`, without `info`
 * (nothing was read, nothing decided). Unverified on a camera: docs/decisions.md; the Vzenith
 * simulator (sim/vzenith-camera.ts) reads exactly this.
 */
export function vzenithCometReply(pulse: { io: number; delayMs: number }): string {
  return JSON.stringify({
    Response_AlarmInfoPlate: { ivs_ioctrl: { io: pulse.io, value: 2, delay: pulse.delayMs } },
  });
}

/** The reply to a heartbeat: acknowledged, no command for a comet camera to run. */
export function vzenithHeartbeatReply(): string {
  return JSON.stringify({ Response_Heartbeat: { info: 'no' } });
}
