// The reference platform profile (docs/platform-reference-profile.md): how an outbox message
// becomes a signed HTTP JSON request and how the platform's answer becomes an acknowledgement
// or a classified failure. A city's own profile is another object of the same shape.
import { z } from 'zod';
import { signRequest } from './signing.ts';
import { passageMessageSchema, withBackfill } from './passage-message.ts';

export type { PassageMessage } from './passage-message.ts';

export const PASSAGES_PATH = '/api/v1/passages';

/** Where each message kind is posted. TODO(#7): M1–M4, M6–M8 routes and the TCP profile. */
export const REFERENCE_ROUTES: Readonly<Record<string, string>> = {
  passage: PASSAGES_PATH,
};

/** The platform's endpoint and this gate's credentials (site config `platform`). */
export interface PlatformEndpoint {
  url: string;
  appId: string;
  secret: string;
}

/** What the profile needs of an outbox row. */
export interface OutgoingMessage {
  messageId: string;
  kind: string;
  payload: unknown;
}

export interface WireRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** The request body of the reference profile. */
export interface ReferenceEnvelope {
  appId: string;
  messageId: string;
  kind: string;
  data: unknown;
}

/**
 * retryable: the platform may take it later (5xx, network, timeout, an answer we cannot read).
 * rejected: the platform refused this message; sending it again will not change that.
 * auth: the platform refused our signature (secret, app id or the gate PC's clock); retried,
 * because an installer can fix it without touching the message.
 */
export type FailureClass = 'retryable' | 'rejected' | 'auth';

export type Delivery =
  | { ok: true; duplicate: boolean }
  | { ok: false; failure: FailureClass; reason: string };

export interface PlatformProfile {
  name: string;
  /** The request for one message, or null when this profile has no route for its kind. */
  encode(message: OutgoingMessage, platform: PlatformEndpoint, sentAt: number): WireRequest | null;
  /** The platform's answer (HTTP status and body text) to the message with `messageId`. */
  classify(status: number, bodyText: string, messageId: string): Delivery;
}

export const referenceReplySchema = z.object({
  code: z.number().int(),
  msg: z.string().optional().default(''),
  data: z
    .object({ messageId: z.string(), duplicate: z.boolean().optional().default(false) })
    .nullish(),
});
export type ReferenceReply = z.infer<typeof referenceReplySchema>;

export const referenceProfile: PlatformProfile = {
  name: 'reference',
  encode: encodeReference,
  classify: classifyReference,
};

function encodeReference(
  message: OutgoingMessage, platform: PlatformEndpoint, sentAt: number,
): WireRequest | null {
  const route = REFERENCE_ROUTES[message.kind];
  if (!route) return null;

  const envelope: ReferenceEnvelope = {
    appId: platform.appId,
    messageId: message.messageId,
    kind: message.kind,
    data: message.kind === 'passage' ? stampPassage(message.payload, sentAt) : message.payload,
  };
  const body = JSON.stringify(envelope);

  const url = new URL(platform.url.replace(/\/+$/, '') + route);
  const path = url.pathname + url.search;
  const signed = signRequest({ method: 'POST', path, body, now: sentAt }, platform);
  return {
    url: url.toString(),
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...signed },
    body,
  };
}

/** A well-formed passage gets its back-fill flag; a malformed one goes as it is, to be refused. */
function stampPassage(payload: unknown, sentAt: number): unknown {
  const parsed = passageMessageSchema.safeParse(payload);
  return parsed.success ? withBackfill(parsed.data, sentAt) : payload;
}

/**
 * Only `code 200` naming our message id is an acknowledgement. The body's code decides when it
 * is readable (some platforms answer HTTP 200 with an error code). A message is rejected only
 * when the platform itself says so in a reply body: a bare HTTP 404 or 413 from a proxy or a
 * wrong base URL is a site problem, and rejecting on it would strand good messages.
 */
function classifyReference(status: number, bodyText: string, messageId: string): Delivery {
  const reply = parseReply(bodyText);
  if (status === 401 || reply?.code === 401) {
    return { ok: false, failure: 'auth', reason: `code 401: ${reply?.msg || 'unauthorised'}` };
  }
  if (!reply) {
    return { ok: false, failure: 'retryable', reason: `HTTP ${status} without a platform reply` };
  }

  if (reply.code === 200 && reply.data?.messageId === messageId) {
    return { ok: true, duplicate: reply.data.duplicate };
  }
  if (reply.code === 200) {
    return { ok: false, failure: 'retryable', reason: 'reply without our message id' };
  }

  const reason = `code ${reply.code}: ${reply.msg || `HTTP ${status}`}`;
  const refused = reply.code >= 400 && reply.code < 500 && !RETRYABLE_CLIENT_CODES.has(reply.code);
  return { ok: false, failure: refused ? 'rejected' : 'retryable', reason };
}

/** Client codes that say "not now" rather than "never": request timeout, too many requests. */
const RETRYABLE_CLIENT_CODES = new Set([408, 429]);

function parseReply(bodyText: string): ReferenceReply | null {
  try {
    const parsed = referenceReplySchema.safeParse(JSON.parse(bodyText));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
