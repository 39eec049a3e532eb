// Request signing of the reference platform profile: HMAC-SHA256 with the shared secret over a
// canonical string of method, path, timestamp, nonce and the SHA-256 of the body bytes. The
// gate signs every upload; the platform (and our simulator) verifies it with `verifyRequest`.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * How far a request's timestamp may be from the verifier's clock. Five minutes tolerates a
 * gate PC whose clock drifted between NTP syncs while keeping a captured request short-lived.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** The four headers, as the gate sends them (HTTP header names are case-insensitive). */
export const SIGNATURE_HEADERS = {
  app: 'X-Gatehouse-App',
  timestamp: 'X-Gatehouse-Timestamp',
  nonce: 'X-Gatehouse-Nonce',
  signature: 'X-Gatehouse-Signature',
} as const;

export type SignatureFailure = 'bad-signature' | 'stale-timestamp' | 'missing-header' |
  'replayed-nonce';

export type VerifyResult = { ok: true; appId: string } | { ok: false; reason: SignatureFailure };

export interface Credentials {
  appId: string;
  secret: string;
}

export interface SignInput {
  method: string;
  /** Path and query exactly as they appear in the request line: `/api/v1/passages`. */
  path: string;
  body: string | Uint8Array;
  /** UTC epoch milliseconds. */
  now: number;
  /** A fresh random nonce when omitted (tests pass one to replay a request). */
  nonce?: string;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  /** Node's lower-cased header map, or the map `signRequest` returned. */
  headers: Record<string, string | string[] | undefined>;
  body: string | Uint8Array;
}

/** The string both sides sign; one field a line so no field can bleed into the next. */
export function canonicalString(
  method: string, path: string, timestamp: string, nonce: string, body: string | Uint8Array,
): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return [method.toUpperCase(), path, timestamp, nonce, bodyHash].join('\n');
}

export function signRequest(input: SignInput, credentials: Credentials): Record<string, string> {
  const timestamp = String(Math.trunc(input.now));
  const nonce = input.nonce ?? randomUUID();
  const canonical = canonicalString(input.method, input.path, timestamp, nonce, input.body);

  return {
    [SIGNATURE_HEADERS.app]: credentials.appId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: hmacHex(credentials.secret, canonical),
  };
}

/**
 * Checks, in this order: all headers present, the signature, the timestamp window, the nonce.
 * The signature comes before the clock so that only a genuine signer learns that its clock is
 * off; a stale timestamp then points the installer at the gate PC's clock, not at the secret.
 */
export function verifyRequest(
  request: ReceivedRequest, credentials: Credentials, now: number, nonces?: NonceCache,
): VerifyResult {
  const appId = header(request.headers, SIGNATURE_HEADERS.app);
  const timestamp = header(request.headers, SIGNATURE_HEADERS.timestamp);
  const nonce = header(request.headers, SIGNATURE_HEADERS.nonce);
  const signature = header(request.headers, SIGNATURE_HEADERS.signature);
  if (!appId || !timestamp || !nonce || !signature) return { ok: false, reason: 'missing-header' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'missing-header' };

  // An app id we do not know has no secret to verify with: to the caller that is a bad signature.
  const canonical = canonicalString(request.method, request.path, timestamp, nonce, request.body);
  const expected = hmacHex(credentials.secret, canonical);
  if (appId !== credentials.appId || !sameHex(signature, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }

  const sentAt = Number(timestamp);
  if (Math.abs(now - sentAt) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'stale-timestamp' };

  if (nonces && !nonces.remember(nonce, sentAt, now)) {
    return { ok: false, reason: 'replayed-nonce' };
  }
  return { ok: true, appId };
}

/**
 * Nonces seen inside the clock window. A nonce must be remembered until its timestamp falls out
 * of the window (timestamp + MAX_CLOCK_SKEW_MS); after that the timestamp check refuses it.
 */
export class NonceCache {
  private readonly expiries = new Map<string, number>();
  private lastSweep = 0;

  /** False when the nonce was already seen and is still inside the window. */
  remember(nonce: string, sentAt: number, now: number): boolean {
    this.sweep(now);

    const expiry = this.expiries.get(nonce);
    if (expiry !== undefined && expiry >= now) return false;

    this.expiries.set(nonce, sentAt + MAX_CLOCK_SKEW_MS);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < NONCE_SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    for (const [nonce, expiry] of this.expiries) {
      if (expiry < now) this.expiries.delete(nonce);
    }
  }
}

/** Sweeping at most every 10 s keeps verification O(1) while the map stays window-sized. */
const NONCE_SWEEP_INTERVAL_MS = 10_000;

function hmacHex(secret: string, canonical: string): string {
  return createHmac('sha256', secret).update(canonical).digest('hex');
}

function sameHex(received: string, expected: string): boolean {
  const a = Buffer.from(received.toLowerCase(), 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

function header(headers: ReceivedRequest['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()] ?? headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}
