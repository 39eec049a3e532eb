// The frames of the tcp-frames profile, shared by the gate and the platform simulator. The gate
// opens with a signed login; then it sends data frames, each answered by an ack frame naming
// its message id, and a heartbeat frame (M7) every interval, answered by a heartbeat ack.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const loginFrameSchema = z.object({
  type: z.literal('login'),
  appId: z.string().min(1),
  /** UTC epoch ms, decimal. */
  timestamp: z.string().regex(/^\d{1,16}$/),
  nonce: z.string().min(8).max(64),
  /** Lower-case hex HMAC-SHA256 of `appId\ntimestamp\nnonce` keyed with the shared secret. */
  sign: z.string().min(1),
});

export const loginAckFrameSchema = z.object({
  type: z.literal('loginAck'),
  /** 0: logged in; otherwise the platform closes the connection after this frame. */
  result: z.number().int(),
  reason: z.string().optional(),
});

export const dataFrameSchema = z.object({
  type: z.literal('data'),
  msgId: z.string().min(1).max(64),
  /** The platform's message type (resources/platforms/tcp-frames.json `kinds`). */
  msgType: z.string().min(1),
  /** Sending time in the profile's time format. */
  time: z.union([z.string(), z.number()]),
  body: z.unknown(),
});

export const ackFrameSchema = z.object({
  type: z.literal('ack'),
  msgId: z.string(),
  /** 0: stored; what any other code means is the profile table's `replies`. */
  result: z.number().int(),
  /** The platform already had this message id. */
  repeat: z.boolean().optional().default(false),
  reason: z.string().optional(),
  /** The platform's clock when it answered (UTC epoch ms), for the drift on the status page. */
  time: z.number().optional(),
});

export const heartbeatFrameSchema = z.object({
  type: z.literal('heartbeat'),
  time: z.union([z.string(), z.number()]),
  body: z.unknown(),
});

export const heartbeatAckFrameSchema = z.object({
  type: z.literal('heartbeatAck'),
  time: z.number().optional(),
});

/**
 * The platform pushes control measures (M6) on the open connection, each in the shape of
 * profiles/alert-codes.ts; the gate answers with an ack frame naming the push's msgId.
 */
export const controlMeasuresFrameSchema = z.object({
  type: z.literal('controlMeasures'),
  msgId: z.string().min(1).max(64),
  time: z.union([z.string(), z.number()]).optional(),
  measures: z.array(z.unknown()),
});

/** The platform's complaint about a frame it could not take (malformed, before login). */
export const errorFrameSchema = z.object({
  type: z.literal('error'),
  code: z.number().int(),
  reason: z.string(),
});

export const platformFrameSchema = z.discriminatedUnion('type', [
  loginAckFrameSchema, ackFrameSchema, heartbeatAckFrameSchema, errorFrameSchema,
  controlMeasuresFrameSchema,
]);
export const gateFrameSchema = z.discriminatedUnion('type', [
  loginFrameSchema, dataFrameSchema, heartbeatFrameSchema, ackFrameSchema,
]);

export type LoginFrame = z.infer<typeof loginFrameSchema>;
export type DataFrame = z.infer<typeof dataFrameSchema>;
export type AckFrame = z.infer<typeof ackFrameSchema>;
export type HeartbeatFrame = z.infer<typeof heartbeatFrameSchema>;
export type ControlMeasuresFrame = z.infer<typeof controlMeasuresFrameSchema>;
export type PlatformFrame = z.infer<typeof platformFrameSchema>;
export type GateFrame = z.infer<typeof gateFrameSchema>;

export function loginSignature(appId: string, timestamp: string, nonce: string,
  secret: string): string {
  return createHmac('sha256', secret).update(`${appId}\n${timestamp}\n${nonce}`).digest('hex');
}

export function loginSignatureMatches(frame: LoginFrame, secret: string): boolean {
  const expected = Buffer.from(loginSignature(frame.appId, frame.timestamp, frame.nonce, secret));
  const received = Buffer.from(frame.sign.toLowerCase());
  return expected.length === received.length && timingSafeEqual(expected, received);
}
