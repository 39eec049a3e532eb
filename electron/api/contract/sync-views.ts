// The shapes of the sync status calls (issue #7), part of the API contract.
import { z } from 'zod';

// ---- reporting to the city platform (issue #7) ---------------------------------------------

/** Of the messages whose deadline fell in the window, the share acknowledged by it. */
const deliveryRateView = z.object({
  from: z.number(),
  due: z.number(),
  onTime: z.number(),
  /** null when nothing fell due. */
  ratio: z.number().nullable(),
});

export const syncStatusView = z.object({
  at: z.number(),
  pending: z.number(),
  acked: z.number(),
  /** Refusals not yet resent. */
  rejected: z.number(),
  /** Open refusals, newest first, with the platform's reason. */
  rejections: z.array(z.object({
    id: z.number(),
    messageId: z.string(),
    kind: z.string(),
    subjectId: z.string(),
    plate: z.string().nullable(),
    rejectedAt: z.number(),
    attempts: z.number(),
    reason: z.string(),
    /** The refused row this one resent, when it is itself a resend. */
    resendOf: z.number().nullable(),
  })),
  rate: z.object({ today: deliveryRateView, month: deliveryRateView }),
  oldestPending: z.object({
    id: z.number(),
    kind: z.string(),
    subjectId: z.string(),
    plate: z.string().nullable(),
    createdAt: z.number(),
    ageMs: z.number(),
    attempts: z.number(),
    /** Starts with the failure class: `retryable: …`, `auth: …`. */
    lastError: z.string().nullable(),
    nextAttemptAt: z.number(),
  }).nullable(),
  link: z.object({
    lastContactAt: z.number().nullable(),
    lastAckAt: z.number().nullable(),
    /** When a heartbeat (M7) was last answered. */
    lastHeartbeatAt: z.number().nullable(),
    /** When the last heartbeat was sent, and why it failed (null when it was answered). */
    lastHeartbeatSentAt: z.number().nullable(),
    lastHeartbeatError: z.string().nullable(),
    /** The platform's clock minus ours, in ms (±1 s); positive when the platform is ahead. */
    clockOffsetMs: z.number().nullable(),
    clockMeasuredAt: z.number().nullable(),
  }),
});
export type SyncStatusView = z.infer<typeof syncStatusView>;
