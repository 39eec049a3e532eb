// The reference simulator's photo store: `PUT /api/v1/photos/<sha256>` with the JPEG (or PNG)
// bytes, signed like every upload. The body must hash to the path's SHA-256; each photo is kept
// once, and a repeat is acknowledged as a duplicate. Kept in memory only.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ReceivedRequest, SignatureFailure, VerifyResult } from '../sync/signing.ts';
import { PHOTOS_PATH } from '../sync/reference-photos.ts';

export type PhotoReply = { status: number; body: unknown };

/** A gate camera's full-resolution JPEG is a few hundred KB; 8 MiB leaves room for any. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

const PHOTO_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png']);

const PHOTO_PATH = new RegExp(`^${PHOTOS_PATH}/([0-9a-f]{64})$`);

export interface SimPhotosDeps {
  verify(request: ReceivedRequest): VerifyResult;
  readBody(req: IncomingMessage, limit: number): Promise<Buffer | null>;
  /** Told each refused upload's reason (the simulator's counters and log). */
  onRefused(reason: SignatureFailure | 'invalid'): void;
}

export interface SimPhotoStats {
  stored: number;
  duplicates: number;
}

export class SimPhotos {
  private readonly photos = new Map<string, Buffer>();
  private readonly deps: SimPhotosDeps;
  private duplicates = 0;

  constructor(deps: SimPhotosDeps) {
    this.deps = deps;
  }

  /** The answer to a photo request, or null when `pathname` is not a photo path. */
  async route(req: IncomingMessage, path: string, pathname: string): Promise<PhotoReply | null> {
    const match = PHOTO_PATH.exec(pathname);
    if (!match?.[1]) return null;
    if (req.method !== 'PUT') return refuse(405, 'use PUT');

    const body = await this.deps.readBody(req, MAX_PHOTO_BYTES);
    if (!body) return refuse(413, 'photo too large');

    const verdict = this.deps.verify({ method: 'PUT', path, headers: req.headers, body });
    if (!verdict.ok) {
      this.deps.onRefused(verdict.reason);
      return refuse(401, verdict.reason.replace('-', ' '));
    }

    const invalid = this.check(req, body, match[1]);
    if (invalid) {
      this.deps.onRefused('invalid');
      return refuse(400, invalid);
    }

    const duplicate = this.photos.has(match[1]);
    if (duplicate) this.duplicates++;
    else this.photos.set(match[1], body);
    const data = { sha256: match[1], duplicate };
    return { status: 200, body: { code: 200, msg: duplicate ? 'duplicate' : 'ok', data } };
  }

  get(sha256: string): Buffer | undefined {
    return this.photos.get(sha256);
  }

  stats(): SimPhotoStats {
    return { stored: this.photos.size, duplicates: this.duplicates };
  }

  private check(req: IncomingMessage, body: Buffer, sha256: string): string | null {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (!PHOTO_TYPES.has(type)) return `content type ${type || '(none)'} is not a photo`;
    if (body.length === 0) return 'empty photo';

    const actual = createHash('sha256').update(body).digest('hex');
    return actual === sha256 ? null : 'photo bytes do not match the SHA-256 in the path';
  }
}

function refuse(status: number, msg: string): PhotoReply {
  return { status, body: { code: status, msg } };
}
