// The wire of the http-token profile, shared by the gate and the platform simulator: the login
// and upload envelopes, the replies, and the envelope signature — HMAC-SHA256 with the shared
// secret over the envelope's fields sorted by name as `key=value` joined with `&` (the usual
// shape of Chinese platform signatures, domain.md §2.2(c)), upper-case hex.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const loginRequestSchema = z.object({
  appId: z.string().min(1),
  /** UTC epoch ms, decimal. */
  timestamp: z.string().regex(/^\d{1,16}$/),
  nonce: z.string().min(8).max(64),
  sign: z.string().min(1),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginReplySchema = z.object({
  resultCode: z.number().int(),
  resultMsg: z.string().optional().default(''),
  data: z.object({
    token: z.string().min(1),
    /** Seconds the token is good for, from the login. */
    expiresIn: z.number().positive(),
  }).nullish(),
});
export type LoginReply = z.infer<typeof loginReplySchema>;

export const uploadEnvelopeSchema = z.object({
  appId: z.string().min(1),
  token: z.string().min(1),
  timestamp: z.string().regex(/^\d{1,16}$/),
  nonce: z.string().min(8).max(64),
  /** The platform's message type (resources/platforms/http-token.json `kinds`). */
  msgType: z.string().min(1),
  /** Our message id: the idempotency key. */
  msgId: z.string().min(1).max(64),
  /** The message in the platform's codes, as a JSON string (so the signature covers bytes). */
  bizContent: z.string(),
  sign: z.string().min(1),
});
export type UploadEnvelope = z.infer<typeof uploadEnvelopeSchema>;

export const uploadReplySchema = z.object({
  resultCode: z.number().int(),
  resultMsg: z.string().optional().default(''),
  data: z.object({ msgId: z.string(), repeat: z.boolean().optional().default(false) }).nullish(),
});
export type UploadReply = z.infer<typeof uploadReplySchema>;

/** The heartbeat (M7) goes in an upload envelope of this type, to `paths.heartbeat`. */
export const HEARTBEAT_MSG_TYPE = 'HEARTBEAT';

/** The heartbeat's answer: our heartbeat's msgId and the platform's clock (UTC epoch ms). */
export const heartbeatReplySchema = z.object({
  resultCode: z.number().int(),
  resultMsg: z.string().optional().default(''),
  data: z.object({ msgId: z.string(), serverTime: z.number().int().optional() }).nullish(),
});
export type HeartbeatReply = z.infer<typeof heartbeatReplySchema>;

/** The reply codes the simulator answers with; what each means is data (the profile's table). */
export const HTTP_TOKEN_CODES = {
  ok: 0,
  tokenExpired: 1001,
  tokenUnknown: 1002,
  badSign: 1003,
  staleTimestamp: 1004,
  invalid: 2001,
  busy: 5000,
} as const;

/** The signature over every field but `sign` itself. */
export function signFields(fields: Record<string, string>, secret: string): string {
  const canonical = Object.keys(fields)
    .filter((key) => key !== 'sign')
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('&');
  return createHmac('sha256', secret).update(canonical, 'utf8').digest('hex').toUpperCase();
}

/** An upload envelope, signed: the fields of one message (or heartbeat) and its `sign`. */
export function signedEnvelope(
  credentials: { appId: string; secret: string }, token: string, sentAt: number,
  message: { msgType: string; msgId: string; bizContent: string }, nonce: string,
): UploadEnvelope {
  const fields = { appId: credentials.appId, token, timestamp: String(sentAt), nonce,
    ...message };
  return { ...fields, sign: signFields(fields, credentials.secret) };
}

/** Constant-time check of a received envelope's signature. */
export function signatureMatches(fields: Record<string, string>, secret: string): boolean {
  const expected = Buffer.from(signFields(fields, secret), 'utf8');
  const received = Buffer.from(String(fields.sign ?? '').toUpperCase(), 'utf8');
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/** The control measures poll (M6): the login's fields plus the token, signed the same way. */
export const measuresRequestSchema = z.object({
  appId: z.string().min(1),
  token: z.string().min(1),
  timestamp: z.string().regex(/^\d{1,16}$/),
  nonce: z.string().min(8).max(64),
  sign: z.string().min(1),
});
export type MeasuresRequest = z.infer<typeof measuresRequestSchema>;

/** Each measure in the shape of profiles/alert-codes.ts, read one by one by the gate. */
export const measuresReplySchema = z.object({
  resultCode: z.number().int(),
  resultMsg: z.string().optional().default(''),
  data: z.object({ measures: z.array(z.unknown()) }).nullish(),
});
export type MeasuresReply = z.infer<typeof measuresReplySchema>;
