// The outbox repository: every message for the city platform is a row written in the same
// transaction as the record it describes, and stays a row for good. A row is done only when
// the platform acknowledged it (acked) or refused it for a reason a person must read (rejected).
// Order, hold and deadline rules: outbox-order.ts; the officer's resend: resend.ts.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { sql } from './statements.ts';
import { placeInQueue, releaseWaitingExits } from './outbox-order.ts';

export type OutboxState = 'pending' | 'acked' | 'rejected';

export interface OutboxRow {
  id: number;
  /** UUID, the idempotency key the platform dedupes on: a resend never makes a second record. */
  messageId: string;
  kind: string;
  subjectId: string;
  orderKey: string;
  /** The canonical message, parsed from the stored JSON. */
  payload: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  ackedAt: number | null;
  /** Place in the order key's queue: rows of one key leave in (orderAt, id) order. */
  orderAt: number;
  /** Acknowledged by then, the row counts as delivered on time. */
  deadlineAt: number;
  rejectedAt: number | null;
  /** The rejected row this one resends, and the row that resent this one. */
  resendOf: number | null;
  resentAs: number | null;
}

/** `rejected` counts the refusals still open: a resent one is answered by its new row. */
export interface OutboxCounts {
  pending: number;
  acked: number;
  rejected: number;
}

export interface NewOutboxMessage {
  /** Canonical message kind: 'passage', 'vehicle', and the other kinds of the message model. */
  kind: string;
  /** The record the message describes (a passage id, a vehicle id). */
  subjectId: string;
  /** Rows with the same key are delivered one at a time, in queue order. */
  orderKey: string;
  payload: unknown;
  now: number;
  /** When the change happened, if not `now` (a passage's time is read from its payload). */
  occurredAt?: number;
}

export interface RawOutboxRow {
  id: number;
  message_id: string;
  kind: string;
  subject_id: string;
  order_key: string;
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  acked_at: number | null;
  order_at: number;
  deadline_at: number;
  rejected_at: number | null;
  resend_of: number | null;
  resent_as: number | null;
}

/**
 * Adds a message and returns its message id. Plain statements, no transaction of its own: the
 * caller runs it inside the transaction that writes the record, so both exist or neither does.
 */
export function enqueueOutbox(db: Db, message: NewOutboxMessage): string {
  const messageId = randomUUID();
  const place = placeInQueue(db, message);

  sql(db,
    `INSERT INTO outbox (message_id, kind, subject_id, order_key, payload, next_attempt_at,
                         created_at, order_at, deadline_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    messageId, message.kind, message.subjectId, message.orderKey,
    JSON.stringify(message.payload), place.nextAttemptAt, message.now, place.orderAt,
    place.deadlineAt,
  );

  if (place.isEntry) releaseWaitingExits(db, message.orderKey, place.orderAt, message.now);
  return messageId;
}

/** No pending row of the same key stands ahead of row `o` (uses outbox_pending_queue). */
const IS_HEAD = `NOT EXISTS (
  SELECT 1 FROM outbox p
  WHERE p.state = 'pending' AND p.order_key = o.order_key
    AND (p.order_at < o.order_at OR (p.order_at = o.order_at AND p.id < o.id)))`;

/**
 * The rows due for sending at `now`, oldest first. Only the head of each order key (its first
 * pending row in queue order) can be due: a later row waits while an earlier one of its key is
 * still pending (entry before exit, a vehicle's registration before its passages), but not
 * behind a rejected one, which will never be acknowledged.
 */
export function pendingBatch(db: Db, now: number, limit: number): OutboxRow[] {
  if (limit <= 0) return [];

  // Walking the pending rows in queue order stops at `limit` heads; left to itself, the planner
  // sorts every due row first, which made each fetch of a 10 000-row backlog cost 7 ms.
  const rows = sql(db,
    `SELECT o.* FROM outbox o INDEXED BY outbox_pending_age
     WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND ${IS_HEAD}
     ORDER BY o.order_at, o.id
     LIMIT ?`,
  ).all(now, limit) as RawOutboxRow[];
  return rows.map(toOutboxRow);
}

/** When the next head becomes due (epoch ms), or null when nothing is pending. */
export function nextAttemptAt(db: Db): number | null {
  const row = sql(db,
    `SELECT MIN(o.next_attempt_at) AS next FROM outbox o
     WHERE o.state = 'pending' AND ${IS_HEAD}`,
  ).get() as { next: number | null };
  return row.next;
}

/** The platform acknowledged the row: it is done. Counts the attempt that got the answer. */
export function markAcked(db: Db, id: number, now: number): void {
  sql(db,
    `UPDATE outbox SET state = 'acked', attempts = attempts + 1, acked_at = ?
     WHERE id = ? AND state = 'pending'`,
  ).run(now, id);
}

/** The attempt failed but may succeed later: the row stays pending until `nextAttemptAt`. */
export function markRetry(db: Db, id: number, error: string, nextAttemptAt: number): void {
  sql(db,
    `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
     WHERE id = ? AND state = 'pending'`,
  ).run(error, nextAttemptAt, id);
}

/** The platform refused the message itself: the row keeps it and the reason for a person. */
export function markRejected(db: Db, id: number, reason: string, now = Date.now()): void {
  sql(db,
    `UPDATE outbox SET state = 'rejected', attempts = attempts + 1, last_error = ?,
       rejected_at = ?
     WHERE id = ? AND state = 'pending'`,
  ).run(reason, now, id);
}

export function outboxCounts(db: Db): OutboxCounts {
  const rows = sql(db,
    `SELECT state, COUNT(*) AS n FROM outbox
     WHERE state <> 'rejected' OR resent_as IS NULL
     GROUP BY state`,
  ).all() as { state: OutboxState; n: number }[];

  const counts: OutboxCounts = { pending: 0, acked: 0, rejected: 0 };
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

/** One row by id, for the sync status view and tests. */
export function getOutboxRow(db: Db, id: number): OutboxRow | null {
  const row = sql(db, 'SELECT * FROM outbox WHERE id = ?').get(id) as RawOutboxRow | undefined;
  return row ? toOutboxRow(row) : null;
}

/** All rows oldest first; the sync status view pages this. */
export function listOutbox(db: Db, limit = 100, afterId = 0): OutboxRow[] {
  const rows = sql(db, 'SELECT * FROM outbox WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterId, limit) as RawOutboxRow[];
  return rows.map(toOutboxRow);
}

export function toOutboxRow(row: RawOutboxRow): OutboxRow {
  return {
    id: row.id,
    messageId: row.message_id,
    kind: row.kind,
    subjectId: row.subject_id,
    orderKey: row.order_key,
    payload: parsePayload(row.payload),
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    ackedAt: row.acked_at,
    orderAt: row.order_at,
    deadlineAt: row.deadline_at,
    rejectedAt: row.rejected_at,
    resendOf: row.resend_of,
    resentAs: row.resent_as,
  };
}

/** A payload that is not JSON (a damaged file) is kept as its text for the platform to refuse. */
function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
