// What the http-token and tcp-frames platform simulators share once a message is through their
// transport and authentication: the fault settings, the message checks, storing each message
// once (kept across restarts by the state file) and the counters a test reads.
import { z } from 'zod';
import { CANONICAL_SCHEMAS, isMessageKind } from '../sync/messages/kinds.ts';
import type { SimMessageStore, StoredMessage } from './platform-store.ts';

export interface ProfileSimFaults {
  /** The platform is down: every connection is cut as soon as it is made. */
  down?: boolean;
  /** Answer the next n uploads with a server error (5xx reply or error ack). */
  failNext?: number;
  /** Store the next n new messages but cut the connection before the acknowledgement. */
  dropAckNext?: number;
  /** Wait this long before handling each upload, as a slow platform does. */
  delayMs?: number;
  /** http-token: a token expires after this many accepted uploads. */
  tokenEveryRequests?: number;
  /** http-token: a token expires this long after its login (also its stated expiresIn). */
  tokenTtlMs?: number;
}

/** acknowledged: unique messages stored, kept across restarts. The rest count since start. */
export interface ProfileSimStats {
  acknowledged: number;
  duplicates: number;
  droppedAcks: number;
  injectedFailures: number;
  rejectedAuth: number;
  rejectedInvalid: number;
  logins: number;
  /** http-token: uploads refused because their token had expired. */
  expiredTokens: number;
  /** Heartbeats (M7) received: never stored messages, never in `acknowledged`. */
  heartbeats: number;
}

export type Counters = Omit<ProfileSimStats, 'acknowledged'>;

export type Intake = { duplicate: boolean; dropAck: boolean };

export class SimIntake {
  readonly counters: Counters = {
    duplicates: 0, droppedAcks: 0, injectedFailures: 0, rejectedAuth: 0, rejectedInvalid: 0,
    logins: 0, expiredTokens: 0, heartbeats: 0,
  };
  faults: ProfileSimFaults;
  private readonly store: SimMessageStore;

  constructor(store: SimMessageStore, faults: ProfileSimFaults = {}) {
    this.store = store;
    this.faults = { ...faults };
  }

  stats(): ProfileSimStats {
    return { acknowledged: this.store.size, ...this.counters };
  }

  messages(): StoredMessage[] {
    return this.store.all();
  }

  /** Why the platform cannot take this correction yet, or null (unknownPassage below). */
  unknownPassage(kind: string, body: unknown): string | null {
    return unknownPassage(kind, body, this.store);
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** Whether this upload is answered with an injected server error. */
  takeInjectedFailure(): boolean {
    if (!this.faults.failNext) return false;

    this.faults.failNext--;
    this.counters.injectedFailures++;
    return true;
  }

  /** Stores the message once; says whether it was a repeat and whether to lose the ack. */
  async take(message: Omit<StoredMessage, 'seq'>): Promise<Intake> {
    const { duplicate } = await this.store.add(message);
    if (duplicate) this.counters.duplicates++;

    const dropAck = !duplicate && Boolean(this.faults.dropAckNext);
    if (dropAck) {
      this.faults.dropAckNext!--;
      this.counters.droppedAcks++;
    }
    return { duplicate, dropAck };
  }
}

/**
 * Why a message body in the platform's codes is not acceptable, or null. The simulator cannot
 * read every platform code back, so it checks the shape: a JSON object with every field the
 * canonical message of that kind requires.
 */
export function missingField(kind: string, body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'not an object';
  if (!isMessageKind(kind)) return `unknown kind ${kind}`;

  const schema = CANONICAL_SCHEMAS[kind];
  if (!(schema instanceof z.ZodObject)) return null;
  const required = Object.entries(schema.shape as Record<string, z.ZodType>)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([name]) => name);
  const absent = required.find((name) => !(name in body));
  return absent ? `missing ${absent}` : null;
}

/**
 * A passage correction names a passage by M5's passageId; a platform corrects only a record it
 * holds. The gate's queue sends the passage first, so a refusal here means it never arrived.
 */
export function unknownPassage(kind: string, body: unknown, store: SimMessageStore):
string | null {
  if (kind !== 'passageCorrection') return null;

  const passageId = (body as { passageId?: unknown }).passageId;
  if (typeof passageId === 'string' && store.holdsPassage(passageId)) return null;
  return `no passage ${String(passageId)} to correct`;
}
