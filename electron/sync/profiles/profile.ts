// The seam between the outbox and one city platform. A profile owns everything platform-specific
// — transport, envelope, authentication, codes — and answers each message with one Delivery.
// The drainer owns everything else: which row goes next, back-off, order per plate, and the
// rule that a row leaves the pending state only on an acknowledgement or a stated refusal.
// A profile also brings the platform's alerts down (M6), polled or pushed as the platform does.
import type { PlatformAlert } from '../../alerts/alert-repository.ts';

/** The platform's endpoint and this gate's credentials (site config `platform`). */
export interface PlatformEndpoint {
  /** `http(s)://…` for the HTTP profiles, `tcp://host:port` for tcp-frames. */
  url: string;
  appId: string;
  secret: string;
}

/** What a profile needs of an outbox row. */
export interface OutgoingMessage {
  /** UUID of the outbox row: the platform's idempotency key. */
  messageId: string;
  kind: string;
  /** The canonical message (sync/messages/), in our codes. */
  payload: unknown;
}

/**
 * retryable: the platform may take it later (5xx, network, timeout, an answer we cannot read).
 * rejected: the platform refused this message; sending it again will not change that.
 * auth: the platform refused our credentials (secret, app id, token login or the gate PC's
 * clock); retried, because an installer can fix it without touching the message.
 */
export type FailureClass = 'retryable' | 'rejected' | 'auth';

/** acked (duplicate: the platform already had it) | retryable | rejected | auth, with a reason. */
export type Delivery =
  | { ok: true; duplicate: boolean }
  | { ok: false; failure: FailureClass; reason: string };

export interface DeliveryContext {
  /** The sending time (UTC epoch ms) on the drainer's clock: signatures, back-fill flags. */
  sentAt: number;
  /** How long to wait for the platform's answer before calling the attempt retryable. */
  timeoutMs: number;
  /** Aborted when the drainer stops; the profile gives up at once and the row stays pending. */
  signal: AbortSignal;
  /**
   * Told the platform's clock whenever an answer states it (the HTTP `Date` header, a frame's
   * time field), as UTC epoch ms; the drainer keeps the drift for the sync status page.
   */
  onPlatformClock?: (platformTime: number) => void;
}

export interface PlatformProfile {
  readonly name: string;
  /** Whether this platform takes messages of `kind`; rows of other kinds wait, never lost. */
  carries(kind: string): boolean;
  /** Sends one message and classifies the answer. Never throws: failures are Deliveries. */
  deliver(message: OutgoingMessage, ctx: DeliveryContext): Promise<Delivery>;
  /** Closes connections and timers; a deliver() after close() is retryable. */
  close(): Promise<void>;
  /** The platform's control measures as alerts (M6); absent when the platform has none. */
  readonly downlink?: AlertDownlink;
}

export interface DownlinkStart {
  /** Our enterprise code: measures announced for another enterprise are not ours to take. */
  enterpriseCode: string;
  /** Takes the announced alerts in our codes; dedupe by platform id is the taker's job. */
  take: (alerts: PlatformAlert[]) => void;
  /** How often a polling downlink asks; a pushed one ignores it. */
  pollMs?: number;
}

/** The alert downlink of one profile: started once by the host, stopped before close(). */
export interface AlertDownlink {
  start(options: DownlinkStart): void;
  stop(): Promise<void>;
}

export const retryable = (reason: string): Delivery =>
  ({ ok: false, failure: 'retryable', reason });
export const rejected = (reason: string): Delivery => ({ ok: false, failure: 'rejected', reason });
export const authFailure = (reason: string): Delivery => ({ ok: false, failure: 'auth', reason });
