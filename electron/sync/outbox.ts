// The outbox repository: every message for the city platform is a row written in the same
// transaction as the record it describes, and stays a row for good. A row is done only when
// the platform acknowledged it (acked) or refused it for a reason a person must read (rejected).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';

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
}

export interface OutboxCounts {
  pending: number;
  acked: number;
  rejected: number;
}

export interface NewOutboxMessage {
  /** Canonical message kind: 'passage'. TODO(#7): enterprise, vehicle, machinery, heartbeat. */
  kind: string;
  /** The record the message describes (a passage id). */
  subjectId: string;
  /** Rows with the same key are delivered one at a time, oldest first. */
  orderKey: string;
  payload: unknown;
  now: number;
}

interface RawRow {
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
}

/**
 * Adds a message and returns its message id. Plain statements, no transaction of its own: the
 * caller runs it inside the transaction that writes the passage, so both exist or neither does.
 */
export function enqueueOutbox(db: Db, message: NewOutboxMessage): string {
  const messageId = randomUUID();

  db.prepare(
    `INSERT INTO outbox (message_id, kind, subject_id, order_key, payload, next_attempt_at,
                         created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    messageId, message.kind, message.subjectId, message.orderKey,
    JSON.stringify(message.payload), message.now, message.now,
  );
  return messageId;
}

/**
 * The rows due for sending at `now`, oldest first. Only the oldest pending row of each order
 * key can be due: a later row waits while an earlier one of its key is still pending (entry
 * before exit), but not behind a rejected one, which will never be acknowledged.
 */
export function pendingBatch(db: Db, now: number, limit: number): OutboxRow[] {
  if (limit <= 0) return [];

  const rows = db.prepare(
    `SELECT o.* FROM outbox o
     WHERE o.id IN (SELECT MIN(id) FROM outbox WHERE state = 'pending' GROUP BY order_key)
       AND o.next_attempt_at <= ?
     ORDER BY o.id
     LIMIT ?`,
  ).all(now, limit) as RawRow[];
  return rows.map(toOutboxRow);
}

/** When the next row becomes due (epoch ms), or null when nothing is pending. */
export function nextAttemptAt(db: Db): number | null {
  const row = db.prepare(
    `SELECT MIN(next_attempt_at) AS next FROM outbox
     WHERE id IN (SELECT MIN(id) FROM outbox WHERE state = 'pending' GROUP BY order_key)`,
  ).get() as { next: number | null };
  return row.next;
}

/** The platform acknowledged the row: it is done. Counts the attempt that got the answer. */
export function markAcked(db: Db, id: number, now: number): void {
  db.prepare(
    `UPDATE outbox SET state = 'acked', attempts = attempts + 1, acked_at = ?
     WHERE id = ? AND state = 'pending'`,
  ).run(now, id);
}

/** The attempt failed but may succeed later: the row stays pending until `nextAttemptAt`. */
export function markRetry(db: Db, id: number, error: string, nextAttemptAt: number): void {
  db.prepare(
    `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
     WHERE id = ? AND state = 'pending'`,
  ).run(error, nextAttemptAt, id);
}

/** The platform refused the message itself: the row keeps it and the reason for a person. */
export function markRejected(db: Db, id: number, reason: string): void {
  db.prepare(
    `UPDATE outbox SET state = 'rejected', attempts = attempts + 1, last_error = ?
     WHERE id = ? AND state = 'pending'`,
  ).run(reason, id);
}

export function outboxCounts(db: Db): OutboxCounts {
  const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as {
    state: OutboxState;
    n: number;
  }[];

  const counts: OutboxCounts = { pending: 0, acked: 0, rejected: 0 };
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

/** One row by id, for the sync status view and tests. */
export function getOutboxRow(db: Db, id: number): OutboxRow | null {
  const row = db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as RawRow | undefined;
  return row ? toOutboxRow(row) : null;
}

/** All rows oldest first; the sync status view pages this. */
export function listOutbox(db: Db, limit = 100, afterId = 0): OutboxRow[] {
  const rows = db.prepare('SELECT * FROM outbox WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterId, limit) as RawRow[];
  return rows.map(toOutboxRow);
}

function toOutboxRow(row: RawRow): OutboxRow {
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
