// The http-token platform profile: HTTP JSON, a token from a login (appId + signature) that
// expires, and every upload carrying both the token and its own signature. A refused token is
// replaced by one login and the upload tried once more; refused credentials are `auth`. Codes,
// message types, paths and the meaning of reply codes are data:
// resources/platforms/http-token.json.
import { randomUUID } from 'node:crypto';
import { silentLogger, subsystemLogger, type Logger } from '../../../log/logger.ts';
import { loadPlatformTable, platformKind, replyClass, type PlatformTable } from '../code-tables.ts';
import { sendHttp } from '../http-post.ts';
import {
  authFailure, rejected, retryable,
  type Delivery, type DeliveryContext, type OutgoingMessage, type PlatformEndpoint,
  type PlatformProfile,
} from '../profile.ts';
import type { PhotoFitter } from '../photo-fit.ts';
import { toPlatformCodes, type PhotoReader } from '../wire-codes.ts';
import {
  DEFAULT_HTTP_HEARTBEAT_MS, HeartbeatLoop, type HeartbeatListener,
} from '../heartbeat-loop.ts';
import type { HeartbeatMessage } from '../../messages/heartbeat.ts';
import { httpTokenHeartbeat } from './heartbeat.ts';
import { createHttpTokenDownlink } from './measures.ts';
import { TokenSession } from './session.ts';
import { signedEnvelope, uploadReplySchema, type UploadReply } from './wire.ts';

export const HTTP_TOKEN_PROFILE = 'http-token';

export interface HttpTokenOptions {
  /** A data file other than resources/platforms/http-token.json (a city's variant). */
  table?: PlatformTable;
  readPhoto?: PhotoReader;
  /** Re-encodes a photo above the table's size limit (`createPhotoFitter`). */
  fitPhoto?: PhotoFitter;
  /** The downlink's log (a failed control-measures poll); silent when not given. */
  log?: Logger;
  /** The clock of the downlink's polls and heartbeats (tests share one with the simulator). */
  now?: () => number;
  /** Builds a fresh heartbeat (M7); with it (and `paths.heartbeat`) one goes every interval. */
  heartbeat?: () => Promise<HeartbeatMessage>;
  heartbeatMs?: number;
  onHeartbeat?: HeartbeatListener;
}

export interface HttpTokenProfile extends PlatformProfile {
  /** Logins made so far: one per expiry, not one per refused upload. */
  readonly loginCount: number;
}

/** One upload's answer: a Delivery, or "the token was refused" (log in again once). */
type UploadOutcome = { token: false; delivery: Delivery } | { token: true; reason: string };

export function createHttpTokenProfile(
  endpoint: PlatformEndpoint, options: HttpTokenOptions = {},
): HttpTokenProfile {
  const table = options.table ?? loadPlatformTable(HTTP_TOKEN_PROFILE);
  const loginPath = table.paths?.login;
  const uploadPath = table.paths?.upload;
  if (!loginPath || !uploadPath) throw new Error('http-token table needs paths.login and upload');

  const session = new TokenSession(endpoint, table, loginPath);
  const uploadUrl = endpoint.url.replace(/\/+$/, '') + uploadPath;
  let closed = false;

  // The alert downlink shares the session: the platform keeps one live token per app.
  const measuresPath = table.paths?.measures;
  const downlink = measuresPath ? createHttpTokenDownlink({ endpoint, table, session,
    path: measuresPath, now: options.now ?? Date.now,
    log: subsystemLogger(options.log ?? silentLogger(), 'downlink') }) : undefined;

  // Heartbeats share the session too, from creation until close().
  const heartbeatPath = table.paths?.heartbeat;
  const beats = options.heartbeat && heartbeatPath ? new HeartbeatLoop({
    intervalMs: options.heartbeatMs ?? DEFAULT_HTTP_HEARTBEAT_MS, build: options.heartbeat,
    send: httpTokenHeartbeat({ endpoint, table, session, path: heartbeatPath }),
    onOutcome: options.onHeartbeat, now: options.now,
    log: subsystemLogger(options.log ?? silentLogger(), 'sync'),
  }) : null;
  beats?.start();

  async function deliver(message: OutgoingMessage, ctx: DeliveryContext): Promise<Delivery> {
    if (closed) return retryable('profile closed');
    const msgType = platformKind(table, message.kind);
    if (!msgType) return retryable(`no route for kind ${message.kind}`);

    const coded = await toPlatformCodes(message, table,
      { sentAt: ctx.sentAt, readPhoto: options.readPhoto, fitPhoto: options.fitPhoto });
    const upload = (token: string) => send(message.messageId, msgType, JSON.stringify(coded),
      token, ctx);

    const first = await session.current(ctx);
    if (!first.ok) return first.delivery;
    const outcome = await upload(first.token);
    if (!outcome.token) return outcome.delivery;

    const renewed = await session.renew(first.token, ctx);
    if (!renewed.ok) return renewed.delivery;
    const again = await upload(renewed.token);
    if (again.token) return retryable(`token refused again: ${again.reason}`);
    return again.delivery;
  }

  async function send(
    msgId: string, msgType: string, bizContent: string, token: string, ctx: DeliveryContext,
  ): Promise<UploadOutcome> {
    const envelope = signedEnvelope(endpoint, token, ctx.sentAt, { msgType, msgId, bizContent },
      randomUUID());

    const answer = await sendHttp({
      url: uploadUrl, method: 'POST', body: JSON.stringify(envelope),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    }, ctx);
    if (!answer.ok) return { token: false, delivery: retryable(answer.reason) };

    const reply = parseUploadReply(answer.text);
    if (!reply && answer.status === 401) return { token: true, reason: 'HTTP 401' };
    if (!reply) {
      const reason = `HTTP ${answer.status} without a platform reply`;
      return { token: false, delivery: retryable(reason) };
    }
    return classify(table, reply, msgId);
  }

  return {
    name: HTTP_TOKEN_PROFILE,
    carries: (kind) => platformKind(table, kind) !== null,
    deliver,
    downlink,
    close: async () => {
      closed = true;
      await beats?.stop();
      await downlink?.stop();
    },
    get loginCount() {
      return session.loginCount;
    },
  };
}

/** Only a success code naming our message id acknowledges it; the table says what the rest mean. */
function classify(table: PlatformTable, reply: UploadReply, msgId: string): UploadOutcome {
  const meaning = replyClass(table, reply.resultCode);
  const reason = `code ${reply.resultCode}: ${reply.resultMsg || 'no reason given'}`;

  if (meaning === 'token') return { token: true, reason };
  if (meaning === 'ok' && reply.data?.msgId === msgId) {
    return { token: false, delivery: { ok: true, duplicate: reply.data.repeat } };
  }
  if (meaning === 'ok') return { token: false, delivery: retryable('reply without our msgId') };
  if (meaning === 'auth') return { token: false, delivery: authFailure(reason) };
  if (meaning === 'rejected') return { token: false, delivery: rejected(reason) };
  return { token: false, delivery: retryable(reason) };
}

function parseUploadReply(text: string): UploadReply | null {
  try {
    const parsed = uploadReplySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
