// Where a new outbox row stands in its plate's queue, when it may first be sent, and by when it
// must be acknowledged to count as delivered on time (docs/outbox.md). The rows of one order
// key (a plate with its colour) leave one at a time in (order_at, id) order.
import type { Db } from '../db/database.ts';
import { BACKFILL_AFTER_MS, parsePassedAt } from './passage-message.ts';
import { sql } from './statements.ts';

/** Domain §1.7: a vehicle's change must reach the city platform within 24 hours. */
export const VEHICLE_CHANGE_DEADLINE_MS = 24 * 3_600_000;

/**
 * By when a message of each kind must be acknowledged. A passage is "real-time" only within
 * the minute after which it would be flagged back-filled; kinds without a stated rule get the
 * 24 hours of a master-data change.
 */
export const DELIVERY_DEADLINE_MS: Readonly<Record<string, number>> = {
  passage: BACKFILL_AFTER_MS,
  vehicle: VEHICLE_CHANGE_DEADLINE_MS,
};
const DEFAULT_DEADLINE_MS = VEHICLE_CHANGE_DEADLINE_MS;

/**
 * After a restart the cameras replay what they saw, each at its own pace, so the exit lane's
 * camera may replay a truck's exit before the entry lane's camera replays its entry. A replayed
 * exit with no entry ahead of it waits this long for that entry; then it goes alone. Two minutes
 * covers a camera reconnecting; a live exit never waits (its entry was missed, not delayed).
 */
export const EXIT_AWAITS_ENTRY_MS = 120_000;

export interface QueueInput {
  kind: string;
  orderKey: string;
  payload: unknown;
  /** When the change or event happened, if the caller knows better than the payload. */
  occurredAt?: number;
  now: number;
}

export interface QueuePlace {
  orderAt: number;
  deadlineAt: number;
  nextAttemptAt: number;
  /** An entry passage: replayed exits of its plate that wait behind it may go once it is sent. */
  isEntry: boolean;
}

interface PassageFacts {
  direction: number;
  passedAt: number | null;
  replayed: boolean;
}

/**
 * A live row joins the end of its plate's queue: the gate PC's clock orders what it learns.
 * A replayed passage (back-filled from the start) happened earlier than it arrived, so it is
 * placed at its event time, ahead of rows of its plate that happened later and still wait.
 */
export function placeInQueue(db: Db, m: QueueInput): QueuePlace {
  const facts = m.kind === 'passage' ? passageFacts(m.payload) : null;
  const eventAt = facts?.passedAt ?? m.occurredAt ?? m.now;
  const replayed = facts?.replayed === true;

  const orderAt = replayed ? Math.min(eventAt, m.now) : m.now;
  const deadlineAt = replayed
    ? eventAt
    : eventAt + (DELIVERY_DEADLINE_MS[m.kind] ?? DEFAULT_DEADLINE_MS);

  const waitsForEntry = replayed && facts?.direction === 2 && !entryAhead(db, m.orderKey, orderAt);
  return {
    orderAt,
    deadlineAt,
    nextAttemptAt: waitsForEntry ? m.now + EXIT_AWAITS_ENTRY_MS : m.now,
    isEntry: facts?.direction === 1,
  };
}

/** Lets replayed exits that wait for an entry go now that one has arrived ahead of them. */
export function releaseWaitingExits(db: Db, orderKey: string, entryOrderAt: number,
  now: number): void {
  sql(db,
    `UPDATE outbox SET next_attempt_at = ?
     WHERE order_key = ? AND state = 'pending' AND kind = 'passage' AND attempts = 0
       AND next_attempt_at > ? AND order_at > ?`,
  ).run(now, orderKey, now, entryOrderAt);
}

/** Whether the passage just ahead of `orderAt` in the plate's queue is an entry. */
function entryAhead(db: Db, orderKey: string, orderAt: number): boolean {
  const row = sql(db,
    `SELECT payload FROM outbox
     WHERE order_key = ? AND kind = 'passage' AND order_at <= ?
     ORDER BY order_at DESC, id DESC LIMIT 1`,
  ).get(orderKey, orderAt) as { payload: string } | undefined;
  if (!row) return false;

  return passageFacts(safeJson(row.payload))?.direction === 1;
}

/** What the queue needs of a passage message; null when the payload is not one. */
function passageFacts(payload: unknown): PassageFacts | null {
  if (typeof payload !== 'object' || payload === null) return null;

  const p = payload as { direction?: unknown; passedAt?: unknown; backfill?: unknown };
  return {
    direction: typeof p.direction === 'number' ? p.direction : 0,
    passedAt: typeof p.passedAt === 'string' ? parsePassedAt(p.passedAt) : null,
    replayed: p.backfill === true,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
