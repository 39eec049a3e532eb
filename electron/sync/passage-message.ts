// The canonical passage message (M5 of the message model): what the lane writes into the outbox
// payload in the passage's own transaction. A platform profile maps it to one platform's wire
// format; nothing here knows about HTTP, signatures or any one platform's codes.
import { z } from 'zod';

/**
 * A passage reaching the platform more than a minute after it happened was held back by an
 * outage or a camera's offline replay, not sent live; platforms mark such uploads as back-filled
 * (补传标志) and judge the "real-time" rate on the others.
 */
export const BACKFILL_AFTER_MS = 60_000;

/** China Standard Time has had no daylight saving since 1991: a fixed +08:00 offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const PASSED_AT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export const RECOGNITION_MODES = ['auto', 'manual-corrected', 'manual'] as const;

/** 车辆类别 of domain.md §2.3; the lane reports transport vehicles only so far. */
export const PASSAGE_CATEGORIES = ['transport', 'inPlant', 'machinery', 'visitor'] as const;

/** 货物名称 / 运输量 / 单位: what a transport vehicle carried (0 t: it left empty). */
export const passageCargoSchema = z.object({
  name: z.string().min(1),
  quantity: z.number().nonnegative(),
  unit: z.string().min(1),
});

/** The footage an inspector plays back for a passage: one recording camera, a time window. */
export const videoRefSchema = z.object({
  cameraId: z.string().min(1),
  /** Local Asia/Shanghai time like `passedAt`. */
  from: z.string().regex(PASSED_AT, 'expected yyyy-MM-dd HH:mm:ss'),
  to: z.string().regex(PASSED_AT, 'expected yyyy-MM-dd HH:mm:ss'),
});

export const passageMessageSchema = z.object({
  passageId: z.string().min(1),
  enterpriseCode: z.string().min(1),
  gateId: z.string().min(1),
  laneId: z.string().min(1),
  /** 1 = entry, 2 = exit, as the observed platforms count them. */
  direction: z.union([z.literal(1), z.literal(2)]),
  /** Local Asia/Shanghai time, second precision: `yyyy-MM-dd HH:mm:ss`. */
  passedAt: z.string().regex(PASSED_AT, 'expected yyyy-MM-dd HH:mm:ss'),
  plate: z.string().min(1),
  plateColor: z.string().min(1),
  decision: z.enum(['allow', 'deny', 'allow-with-exemption']),
  reasonCode: z.string().min(1),
  emissionStage: z.string().nullable(),
  fuel: z.string().nullable(),
  controlState: z.string().min(1),
  backfill: z.boolean(),
  /** SHA-256 (hex) of each photo; the media root holds the bytes under that name. */
  photos: z.array(z.string().regex(/^[0-9a-f]{64}$/)),

  // Added after the first outbox rows were written: optional, or defaulted when parsed, so a
  // row queued before them still parses and goes out.
  /** How the plate was read: by the camera, corrected by the guard, or typed in by the guard. */
  recognitionMode: z.enum(RECOGNITION_MODES).optional(),
  category: z.enum(PASSAGE_CATEGORIES).default('transport'),
  /** The decision's display text (zh), as the guard saw it. */
  reasonText: z.string().optional(),
  /** The registered vehicle's fleet (车队名称); null for an unregistered plate or no fleet. */
  fleet: z.string().max(100).nullable().default(null),
  cargo: passageCargoSchema.nullable().default(null),
  videoRef: videoRefSchema.nullable().default(null),
});

export type PassageMessage = z.infer<typeof passageMessageSchema>;

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai for a UTC epoch-millisecond instant. */
export function formatPassedAt(epochMs: number): string {
  const iso = new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** The UTC epoch milliseconds of a `passedAt` string, or null when it is not one. */
export function parsePassedAt(passedAt: string): number | null {
  const m = PASSED_AT.exec(passedAt);
  if (!m) return null;

  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number, number, number, number, number, number,
  ];
  return Date.UTC(year, month - 1, day, hour, minute, second) - SHANGHAI_OFFSET_MS;
}

/**
 * The outbox order key of a passage: one plate (with its colour, which tells a yellow-plate
 * lorry from a blue-plate car with the same number) is delivered first-in first-out, so its
 * entry always reaches the platform before its exit.
 */
export function passageOrderKey(plate: string, plateColor: string): string {
  return `plate:${plate}:${plateColor}`;
}

/** The message as sent at `sentAt`: back-filled when it is late, or when it already was. */
export function withBackfill(message: PassageMessage, sentAt: number): PassageMessage {
  if (message.backfill) return message;

  const passedAt = parsePassedAt(message.passedAt);
  if (passedAt === null) return message;

  return sentAt - passedAt > BACKFILL_AFTER_MS ? { ...message, backfill: true } : message;
}
