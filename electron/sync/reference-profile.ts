// The reference platform profile (docs/platform-reference-profile.md): how an outbox message
// becomes a signed HTTP JSON request and how the platform's answer becomes an acknowledgement
// or a classified failure. Our own codes go on the wire as they are.
import { z } from 'zod';
import { silentLogger, type Logger } from '../log/logger.ts';
import type { HeartbeatMessage } from './messages/heartbeat.ts';
import { createPhotoUploader, type PhotoUploader } from './reference-photos.ts';
import { sendReferenceHeartbeat } from './reference-heartbeat.ts';
import { signRequest } from './signing.ts';
import { sendHttp } from './profiles/http-post.ts';
import {
  DEFAULT_HTTP_HEARTBEAT_MS, HeartbeatLoop, type HeartbeatListener,
} from './profiles/heartbeat-loop.ts';
import { stampBackfill, type PhotoReader } from './profiles/wire-codes.ts';
import {
  retryable,
  type Delivery, type DeliveryContext, type OutgoingMessage, type PlatformEndpoint,
  type PlatformProfile,
} from './profiles/profile.ts';

export type { PassageMessage } from './passage-message.ts';
export type {
  Delivery, FailureClass, OutgoingMessage, PlatformEndpoint, PlatformProfile,
} from './profiles/profile.ts';

export const PASSAGES_PATH = '/api/v1/passages';

/** Where each outbox kind is posted (M6 comes down; M7 goes on a timer, reference-heartbeat.ts). */
export const REFERENCE_ROUTES: Readonly<Record<string, string>> = {
  enterprise: '/api/v1/enterprise',
  gate: '/api/v1/gates',
  vehicle: '/api/v1/vehicles',
  machinery: '/api/v1/machinery',
  passage: PASSAGES_PATH,
  passageCorrection: '/api/v1/passage-corrections',
  fuelLog: '/api/v1/fuel-logs',
};

/** The message kind posted to a path, or null for a path that is not a route. */
export function referenceKindOf(pathname: string): string | null {
  const found = Object.entries(REFERENCE_ROUTES).find(([, route]) => route === pathname);
  return found ? found[0] : null;
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
  /** Photos the message names that were not in our media root, so were never uploaded. */
  missingPhotos?: string[];
}

export interface ReferenceOptions {
  /** Photo bytes by SHA-256: with it, a passage's photos are uploaded before the passage. */
  readPhoto?: PhotoReader;
  /** Where a photo missing from the media root, or a failed heartbeat, is logged. */
  log?: Logger;
  /** Builds a fresh heartbeat (M7); with it the profile sends one every `heartbeatMs`. */
  heartbeat?: () => Promise<HeartbeatMessage>;
  heartbeatMs?: number;
  onHeartbeat?: HeartbeatListener;
  /** The clock of the heartbeat's signature (tests share a fake clock with the simulator). */
  now?: () => number;
}

export const referenceReplySchema = z.object({
  code: z.number().int(),
  msg: z.string().optional().default(''),
  data: z
    .object({ messageId: z.string(), duplicate: z.boolean().optional().default(false) })
    .nullish(),
});
export type ReferenceReply = z.infer<typeof referenceReplySchema>;

/** The reference wire format alone: encode a request, classify an answer (no I/O). */
export const referenceWire = {
  encode: encodeReference,
  classify: classifyReference,
};

/**
 * The reference profile over HTTP: a signed PUT per new photo, then one signed POST; with a
 * heartbeat source, a signed heartbeat every interval from creation until close().
 */
export function createReferenceProfile(
  platform: PlatformEndpoint, options: ReferenceOptions = {},
): PlatformProfile {
  const photos = options.readPhoto && options.log
    ? createPhotoUploader(platform, { readPhoto: options.readPhoto, log: options.log })
    : null;
  const beats = options.heartbeat ? new HeartbeatLoop({
    intervalMs: options.heartbeatMs ?? DEFAULT_HTTP_HEARTBEAT_MS, build: options.heartbeat,
    send: (message, ctx) => sendReferenceHeartbeat(message, platform, ctx),
    onOutcome: options.onHeartbeat, now: options.now, log: options.log ?? silentLogger(),
  }) : null;
  beats?.start();

  return {
    name: 'reference',
    carries: (kind) => Object.hasOwn(REFERENCE_ROUTES, kind),
    deliver: (message, ctx) => deliverReference(message, platform, ctx, photos),
    close: async () => {
      await beats?.stop();
    },
  };
}

async function deliverReference(
  message: OutgoingMessage, platform: PlatformEndpoint, ctx: DeliveryContext,
  photos: PhotoUploader | null,
): Promise<Delivery> {
  if (!Object.hasOwn(REFERENCE_ROUTES, message.kind)) {
    return retryable(`no route for kind ${message.kind}`);
  }

  // The photos go first: a platform that acknowledged the passage has everything it names.
  const uploaded = photos ? await photos.upload(message, ctx) : { ok: true as const, missing: [] };
  if (!uploaded.ok) return uploaded.delivery;

  const request = encodeReference(message, platform, ctx.sentAt, uploaded.missing);
  if (!request) return retryable(`no route for kind ${message.kind}`);

  const answer = await sendHttp(request, ctx);
  if (!answer.ok) return retryable(answer.reason);
  return classifyReference(answer.status, answer.text, message.messageId);
}

export function encodeReference(
  message: OutgoingMessage, platform: PlatformEndpoint, sentAt: number,
  missingPhotos: readonly string[] = [],
): WireRequest | null {
  const route = REFERENCE_ROUTES[message.kind];
  if (!route) return null;

  const envelope: ReferenceEnvelope = {
    appId: platform.appId,
    messageId: message.messageId,
    kind: message.kind,
    data: message.kind === 'passage' ? stampBackfill(message.payload, sentAt) : message.payload,
    ...(missingPhotos.length > 0 ? { missingPhotos: [...missingPhotos] } : {}),
  };
  return signedJsonPost(platform, route, JSON.stringify(envelope), sentAt);
}

/** A JSON body posted to `route` under the platform's base URL, with the signature headers. */
export function signedJsonPost(
  platform: PlatformEndpoint, route: string, body: string, sentAt: number,
): WireRequest {
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

/**
 * Only `code 200` naming our message id is an acknowledgement. The body's code decides when it
 * is readable (some platforms answer HTTP 200 with an error code). A message is rejected only
 * when the platform itself says so in a reply body: a bare HTTP 404 or 413 from a proxy or a
 * wrong base URL is a site problem, and rejecting on it would strand good messages.
 */
export function classifyReference(status: number, bodyText: string, messageId: string): Delivery {
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
