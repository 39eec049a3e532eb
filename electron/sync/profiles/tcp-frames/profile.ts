// The tcp-frames platform profile: one long-lived TCP connection of length-prefixed UTF-8 JSON
// frames (frames.ts), a signed login frame, data frames answered by ack frames with the message
// id, and a heartbeat (M7) every interval. Codes, message types and the meaning of ack results
// are data: resources/platforms/tcp-frames.json.
import { subsystemLogger, type Logger } from '../../../log/logger.ts';
import type { HeartbeatMessage } from '../../messages/heartbeat.ts';
import {
  loadPlatformTable, platformKind, replyClass, type PlatformTable,
} from '../code-tables.ts';
import {
  authFailure, rejected, retryable,
  type Delivery, type DeliveryContext, type OutgoingMessage, type PlatformEndpoint,
  type PlatformProfile,
} from '../profile.ts';
import type { HeartbeatListener } from '../heartbeat-loop.ts';
import type { PhotoFitter } from '../photo-fit.ts';
import { formatTime, toPlatformCodes, type PhotoReader } from '../wire-codes.ts';
import { TcpLink, type LinkState } from './link.ts';
import { PushedMeasures } from './measures.ts';
import type { AckFrame } from './wire.ts';

export const TCP_FRAMES_PROFILE = 'tcp-frames';

/** Domain.md §2.3 cites 30–60 s as typical; the shorter end spots a dead link sooner. */
export const DEFAULT_HEARTBEAT_MS = 30_000;

export interface TcpFramesOptions {
  /** A data file other than resources/platforms/tcp-frames.json (a city's variant). */
  table?: PlatformTable;
  /** Builds a fresh heartbeat (sync/messages/heartbeat-source.ts). */
  heartbeat: () => Promise<HeartbeatMessage>;
  heartbeatMs?: number;
  reconnectLadderMs?: readonly number[];
  readPhoto?: PhotoReader;
  /** Re-encodes a photo above the table's size limit (`createPhotoFitter`). */
  fitPhoto?: PhotoFitter;
  /** The clock of login and frame timestamps (tests share a fake clock with the simulator). */
  now?: () => number;
  /** What each heartbeat came to (the sync status page's "last heartbeat"). */
  onHeartbeat?: HeartbeatListener;
  log: Logger;
}

export interface TcpFramesProfile extends PlatformProfile {
  readonly linkState: LinkState;
}

export function createTcpFramesProfile(
  endpoint: PlatformEndpoint, options: TcpFramesOptions,
): TcpFramesProfile {
  const table = options.table ?? loadPlatformTable(TCP_FRAMES_PROFILE);
  const address = new URL(endpoint.url);
  if (address.protocol !== 'tcp:' || !address.port) {
    throw new Error('tcp-frames needs platform.url tcp://host:port');
  }
  const now = options.now ?? Date.now;
  const downlink = new PushedMeasures(table, subsystemLogger(options.log, 'downlink'));

  const link = new TcpLink({
    host: address.hostname.replace(/^\[|\]$/g, ''), port: Number(address.port),
    appId: endpoint.appId, secret: endpoint.secret,
    heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    heartbeat: async () => {
      const sentAt = now();
      const message = { messageId: '', kind: 'heartbeat', payload: await options.heartbeat() };
      return { time: formatTime(sentAt, table.time),
        body: await toPlatformCodes(message, table, { sentAt }) };
    },
    reconnectLadderMs: options.reconnectLadderMs, now,
    onHeartbeat: (outcome) => options.onHeartbeat?.(outcome),
    onControlMeasures: (frame) => downlink.receive(frame),
    log: subsystemLogger(options.log, 'sync'),
  });
  link.start();

  async function deliver(message: OutgoingMessage, ctx: DeliveryContext): Promise<Delivery> {
    if (link.linkState === 'closed') return retryable('profile closed');
    const msgType = platformKind(table, message.kind);
    if (!msgType) return retryable(`no route for kind ${message.kind}`);

    const body = await toPlatformCodes(message, table,
      { sentAt: ctx.sentAt, readPhoto: options.readPhoto, fitPhoto: options.fitPhoto });
    if (!(await link.whenReady(ctx.timeoutMs, ctx.signal))) {
      const problem = link.lastProblem;
      return problem.auth ? authFailure(problem.reason)
        : retryable(`no connection: ${problem.reason}`);
    }

    const frame = { type: 'data' as const, msgId: message.messageId, msgType,
      time: formatTime(ctx.sentAt, table.time), body };
    const outcome = await link.request(frame, ctx.timeoutMs, ctx.signal);
    if (!outcome.ok) return retryable(outcome.reason);
    if (outcome.ack.time !== undefined) ctx.onPlatformClock?.(outcome.ack.time);
    return classify(table, outcome.ack);
  }

  return {
    name: TCP_FRAMES_PROFILE,
    carries: (kind) => platformKind(table, kind) !== null,
    deliver,
    downlink,
    close: async () => {
      await downlink.stop();
      link.close();
    },
    get linkState() {
      return link.linkState;
    },
  };
}

/** What an ack result means is the table's to say; a token class has no meaning here. */
function classify(table: PlatformTable, ack: AckFrame): Delivery {
  const meaning = replyClass(table, ack.result);
  const reason = `code ${ack.result}: ${ack.reason ?? 'no reason given'}`;

  if (meaning === 'ok') return { ok: true, duplicate: ack.repeat };
  if (meaning === 'auth') return authFailure(reason);
  if (meaning === 'rejected') return rejected(reason);
  return retryable(reason);
}
