// The heartbeats (M7) a platform simulator received, kept apart from the stored messages: a
// heartbeat is liveness, not a record, so `/sim/messages` and the state file hold only records.
// In memory only, the newest few thousand; `/sim/heartbeats` on the HTTP simulators.
import { z } from 'zod';
import { checkCanonical } from '../sync/messages/kinds.ts';

/** Heartbeats kept for inspection; older ones are dropped (a day at 30 s is ~2 900). */
export const MAX_KEPT_HEARTBEATS = 10_000;

export interface ReceivedHeartbeat {
  /** The platform's clock when it arrived. */
  receivedAt: number;
  /** The heartbeat's own id (an envelope's messageId or msgId); null in a tcp-frames frame. */
  id: string | null;
  /** The time the gate stamped on it, in the profile's format, where the wire carries one. */
  time: string | number | null;
  /** The heartbeat as sent: our words (reference) or the profile's codes. */
  body: unknown;
}

export class SimHeartbeats {
  private readonly received: ReceivedHeartbeat[] = [];
  private total = 0;

  record(heartbeat: ReceivedHeartbeat): void {
    this.total++;
    this.received.push(heartbeat);
    if (this.received.length > MAX_KEPT_HEARTBEATS) this.received.shift();
  }

  /** The kept heartbeats, oldest first. */
  all(): ReceivedHeartbeat[] {
    return [...this.received];
  }

  /** Every heartbeat received since the simulator started, kept or not. */
  get count(): number {
    return this.total;
  }
}

const referenceHeartbeatSchema = z.object({
  appId: z.string().min(1),
  messageId: z.string().min(1).max(64),
  kind: z.literal('heartbeat'),
  data: z.unknown(),
});

/** A reference heartbeat envelope and its M7, or the reason it is refused (code 400). */
export function checkReferenceHeartbeat(
  envelope: unknown, appId: string,
): { ok: true; id: string; body: unknown } | { ok: false; reason: string } {
  const parsed = referenceHeartbeatSchema.safeParse(envelope);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || '(root)';
    return { ok: false, reason: `invalid heartbeat envelope: ${where}` };
  }
  if (parsed.data.appId !== appId) {
    return { ok: false, reason: 'appId in the body differs from the signed header' };
  }

  const message = checkCanonical('heartbeat', parsed.data.data);
  if (!message.ok) return { ok: false, reason: message.reason };
  return { ok: true, id: parsed.data.messageId, body: parsed.data.data };
}
