// Photo upload of the reference profile (docs/platform-reference-profile.md, "Photos"): before a
// passage goes, each photo it names is PUT to the platform by its SHA-256, signed like every
// request. A failed upload is the message's failure, classified the same way, so the outbox
// tries the whole passage again; a photo missing from our media root goes named as missing.
import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import { sendHttp } from './profiles/http-post.ts';
import type {
  Delivery, DeliveryContext, OutgoingMessage, PlatformEndpoint,
} from './profiles/profile.ts';
import type { PhotoReader } from './profiles/wire-codes.ts';
import { classifyReference } from './reference-profile.ts';
import { signRequest } from './signing.ts';

export const PHOTOS_PATH = '/api/v1/photos';

/**
 * Photos the platform acknowledged while this profile ran are not sent again (a resend after a
 * lost acknowledgement, an entry and exit sharing a picture). 10 000 hashes is days of traffic
 * at a busy gate in well under a megabyte; past that the oldest are forgotten, and a repeat is
 * only answered `duplicate` by the platform.
 */
export const REMEMBERED_UPLOADS = 10_000;

/** PNG's signature; every other photo in the media root is a camera's JPEG. */
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const photoReplySchema = z.object({
  code: z.literal(200),
  msg: z.string().optional().default(''),
  data: z.object({ sha256: z.string(), duplicate: z.boolean().optional().default(false) }),
});

export type PhotoUploadResult =
  | { ok: true; missing: string[] }
  | { ok: false; delivery: Delivery };

export interface PhotoUploaderOptions {
  readPhoto: PhotoReader;
  log: Logger;
}

export interface PhotoUploader {
  /** Uploads the photos `message` names that the platform may not have yet. */
  upload(message: OutgoingMessage, ctx: DeliveryContext): Promise<PhotoUploadResult>;
}

export function createPhotoUploader(
  platform: PlatformEndpoint, options: PhotoUploaderOptions,
): PhotoUploader {
  const uploaded = new Set<string>();
  const remember = (sha256: string) => {
    uploaded.add(sha256);
    const oldest = uploaded.values().next().value;
    if (uploaded.size > REMEMBERED_UPLOADS && oldest !== undefined) uploaded.delete(oldest);
  };

  return {
    async upload(message, ctx) {
      const missing: string[] = [];
      for (const sha256 of photosOf(message)) {
        if (uploaded.has(sha256)) continue;

        const bytes = await options.readPhoto(sha256);
        if (!bytes) {
          options.log.warn({ messageId: message.messageId, sha256 },
            'photo not in the media root; the passage goes with it named as missing');
          missing.push(sha256);
          continue;
        }

        const delivery = await putPhoto(platform, sha256, bytes, ctx);
        if (!delivery.ok) {
          return { ok: false, delivery: { ...delivery,
            reason: `photo ${sha256.slice(0, 12)}…: ${delivery.reason}` } };
        }
        remember(sha256);
      }
      return { ok: true, missing };
    },
  };
}

/** The photo hashes of a passage (other kinds carry none); malformed entries are skipped. */
export function photosOf(message: OutgoingMessage): string[] {
  if (message.kind !== 'passage') return [];
  const photos = (message.payload as { photos?: unknown } | null)?.photos;
  if (!Array.isArray(photos)) return [];
  return [...new Set(photos.filter((p): p is string => typeof p === 'string'
    && SHA256_HEX.test(p)))];
}

async function putPhoto(
  platform: PlatformEndpoint, sha256: string, bytes: Buffer, ctx: DeliveryContext,
): Promise<Delivery> {
  const url = new URL(`${platform.url.replace(/\/+$/, '')}${PHOTOS_PATH}/${sha256}`);
  const path = url.pathname + url.search;
  const signed = signRequest({ method: 'PUT', path, body: bytes, now: ctx.sentAt }, platform);
  const type = bytes.subarray(0, 4).equals(PNG_MAGIC) ? 'image/png' : 'image/jpeg';

  const answer = await sendHttp({ url: url.toString(), method: 'PUT',
    headers: { 'Content-Type': type, ...signed }, body: new Uint8Array(bytes) }, ctx);
  if (!answer.ok) return { ok: false, failure: 'retryable', reason: answer.reason };
  return classifyPhotoReply(answer.status, answer.text, sha256);
}

/** `code 200` naming our hash acknowledges; anything else is classified like a message reply. */
export function classifyPhotoReply(status: number, bodyText: string, sha256: string): Delivery {
  const ack = photoReplySchema.safeParse(safeJson(bodyText));
  if (ack.success && ack.data.data.sha256 === sha256) {
    return { ok: true, duplicate: ack.data.data.duplicate };
  }
  if (ack.success) return { ok: false, failure: 'retryable', reason: 'reply without our photo' };
  return classifyReference(status, bodyText, sha256);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
