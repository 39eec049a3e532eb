// The heartbeat (M7) of the http-token profile: an upload envelope of type HEARTBEAT, in the
// platform's codes, posted to `paths.heartbeat` with the uploads' token (the platform keeps one
// live token per app: a login of its own would cut the uploads' token). A refused token is
// replaced once, as for an upload. The answer states the platform's clock (`serverTime`).
import { randomUUID } from 'node:crypto';
import type { HeartbeatMessage } from '../../messages/heartbeat.ts';
import { replyClass, type PlatformTable } from '../code-tables.ts';
import { sendHttp } from '../http-post.ts';
import type { HeartbeatAnswer, HeartbeatRequestContext } from '../heartbeat-loop.ts';
import type { Delivery, DeliveryContext, PlatformEndpoint } from '../profile.ts';
import { toPlatformCodes } from '../wire-codes.ts';
import type { TokenSession } from './session.ts';
import {
  HEARTBEAT_MSG_TYPE, heartbeatReplySchema, signedEnvelope, type HeartbeatReply,
} from './wire.ts';

export interface HttpTokenHeartbeatDeps {
  endpoint: PlatformEndpoint;
  table: PlatformTable;
  session: TokenSession;
  /** `paths.heartbeat` of the table. */
  path: string;
}

/** One try's answer, or "the token was refused" (log in again once). */
type Try = { token: false; answer: HeartbeatAnswer } | { token: true; reason: string };

/** The send function of the heartbeat loop for this profile. */
export function httpTokenHeartbeat(deps: HttpTokenHeartbeatDeps) {
  const url = deps.endpoint.url.replace(/\/+$/, '') + deps.path;

  return async (message: HeartbeatMessage, ctx: HeartbeatRequestContext):
    Promise<HeartbeatAnswer> => {
    const coded = await toPlatformCodes({ messageId: '', kind: 'heartbeat', payload: message },
      deps.table, { sentAt: ctx.sentAt });
    const bizContent = JSON.stringify(coded);
    const delivery: DeliveryContext = { ...ctx };

    const first = await deps.session.current(delivery);
    if (!first.ok) return failed(first.delivery);
    const tried = await post(first.token, bizContent, ctx);
    if (!tried.token) return tried.answer;

    const renewed = await deps.session.renew(first.token, delivery);
    if (!renewed.ok) return failed(renewed.delivery);
    const again = await post(renewed.token, bizContent, ctx);
    return again.token ? { ok: false, reason: `token: refused again: ${again.reason}` }
      : again.answer;
  };

  async function post(token: string, bizContent: string, ctx: HeartbeatRequestContext):
    Promise<Try> {
    const msgId = randomUUID();
    const envelope = signedEnvelope(deps.endpoint, token, ctx.sentAt,
      { msgType: HEARTBEAT_MSG_TYPE, msgId, bizContent }, randomUUID());

    let dateHeader: number | undefined;
    const answer = await sendHttp({
      url, method: 'POST', body: JSON.stringify(envelope),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    }, { ...ctx, onPlatformClock: (at) => {
      dateHeader = at;
    } });
    if (!answer.ok) return done({ ok: false, reason: `retryable: ${answer.reason}` });

    const reply = parseReply(answer.text);
    if (!reply && answer.status === 401) return { token: true, reason: 'HTTP 401' };
    if (!reply) {
      return done({ ok: false, reason: `retryable: HTTP ${answer.status} without a reply` });
    }
    return classify(deps.table, reply, msgId, dateHeader);
  }
}

/** Answered only by a success code naming our heartbeat; its `serverTime` beats the header. */
function classify(table: PlatformTable, reply: HeartbeatReply, msgId: string,
  dateHeader: number | undefined): Try {
  const meaning = replyClass(table, reply.resultCode);
  if (meaning === 'token') return { token: true, reason: `code ${reply.resultCode}` };
  if (meaning === 'ok' && reply.data?.msgId === msgId) {
    return done({ ok: true, platformTime: reply.data.serverTime ?? dateHeader });
  }

  const reason = meaning === 'ok' ? 'reply without our msgId'
    : `code ${reply.resultCode}: ${reply.resultMsg || 'no reason given'}`;
  const failure = meaning === 'ok' ? 'retryable' : meaning;
  return done({ ok: false, reason: `${failure}: ${reason}` });
}

function done(answer: HeartbeatAnswer): Try {
  return { token: false, answer };
}

/** A login that gave no token, in the words of a failed heartbeat. */
function failed(delivery: Delivery): HeartbeatAnswer {
  return delivery.ok ? { ok: false, reason: 'retryable: no token' }
    : { ok: false, reason: `${delivery.failure}: ${delivery.reason}` };
}

function parseReply(text: string): HeartbeatReply | null {
  try {
    const parsed = heartbeatReplySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
