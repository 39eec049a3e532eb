// The heartbeat (M7) of the reference profile: the envelope of an upload with kind `heartbeat`
// and a fresh id, posted to its own path and signed like every request. The platform answers
// as it answers an upload; its `Date` header gives its clock. Never an outbox row.
import { randomUUID } from 'node:crypto';
import type { HeartbeatMessage } from './messages/heartbeat.ts';
import { sendHttp } from './profiles/http-post.ts';
import type { HeartbeatAnswer, HeartbeatRequestContext } from './profiles/heartbeat-loop.ts';
import type { PlatformEndpoint } from './profiles/profile.ts';
import {
  classifyReference, signedJsonPost, type ReferenceEnvelope, type WireRequest,
} from './reference-profile.ts';

export const HEARTBEAT_PATH = '/api/v1/heartbeat';

/** The signed request of one heartbeat; `heartbeatId` is the envelope's `messageId`. */
export function encodeReferenceHeartbeat(
  message: HeartbeatMessage, platform: PlatformEndpoint, sentAt: number, heartbeatId: string,
): WireRequest {
  const envelope: ReferenceEnvelope = {
    appId: platform.appId, messageId: heartbeatId, kind: 'heartbeat', data: message,
  };
  return signedJsonPost(platform, HEARTBEAT_PATH, JSON.stringify(envelope), sentAt);
}

/** Sends one heartbeat; answered only by `code 200` naming its id, like an upload. */
export async function sendReferenceHeartbeat(
  message: HeartbeatMessage, platform: PlatformEndpoint, ctx: HeartbeatRequestContext,
): Promise<HeartbeatAnswer> {
  const heartbeatId = randomUUID();
  const request = encodeReferenceHeartbeat(message, platform, ctx.sentAt, heartbeatId);

  let platformTime: number | undefined;
  const answer = await sendHttp(request, { ...ctx, onPlatformClock: (at) => {
    platformTime = at;
  } });
  if (!answer.ok) return { ok: false, reason: `retryable: ${answer.reason}` };

  const delivery = classifyReference(answer.status, answer.text, heartbeatId);
  if (!delivery.ok) return { ok: false, reason: `${delivery.failure}: ${delivery.reason}` };
  return { ok: true, platformTime };
}
