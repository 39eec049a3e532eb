// The sync status page's numbers (docs/outbox.md): what waits, what was refused and why, the
// delivery rate today and this month, the oldest message still waiting, and what the platform
// last said (contact, heartbeat, clock). Read from the database alone, so any process that has
// the ledger open can answer.
import type { Db } from '../db/database.ts';
import type { SyncStatusView } from '../api/contract.ts';
import { outboxCounts, toOutboxRow, type OutboxRow, type RawOutboxRow } from './outbox.ts';
import { readSyncLink } from './sync-link.ts';
import { sql } from './statements.ts';

/** China Standard Time, +08:00 all year: the gate's day and month start at local midnight. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

type Rate = SyncStatusView['rate']['today'];
type Rejection = SyncStatusView['rejections'][number];

export function syncStatus(db: Db, now: number, rejectedLimit: number): SyncStatusView {
  const counts = outboxCounts(db);
  const oldest = oldestPending(db);

  return {
    at: now,
    pending: counts.pending,
    acked: counts.acked,
    rejected: counts.rejected,
    rejections: openRejections(db, rejectedLimit),
    rate: {
      today: deliveryRate(db, startOfShanghaiDay(now), now),
      month: deliveryRate(db, startOfShanghaiMonth(now), now),
    },
    oldestPending: oldest && {
      id: oldest.id, kind: oldest.kind, subjectId: oldest.subjectId, plate: plateOf(oldest),
      createdAt: oldest.createdAt, ageMs: Math.max(now - oldest.createdAt, 0),
      attempts: oldest.attempts, lastError: oldest.lastError,
      nextAttemptAt: oldest.nextAttemptAt,
    },
    link: readSyncLink(db),
  };
}

/**
 * Of the messages settled between `from` and `now`, the share acknowledged on time. A message is
 * settled when its outcome is known: acknowledged by its deadline, at the acknowledgement (on
 * time, even when the deadline is still ahead); otherwise at its deadline (late: still waiting,
 * refused, or acknowledged after it). A message still waiting inside its deadline is not counted
 * yet. A refused message that was resent counts once, as its resend.
 *
 * Judging only by deadlines once made the page say "nothing due yet" all day while it showed
 * messages acknowledged: a vehicle change acknowledged this morning is due only tomorrow.
 */
export function deliveryRate(db: Db, from: number, now: number): Rate {
  // Two ranges of the deadline index: deadlines in the window (unless acknowledged on time
  // before it began), and deadlines still ahead of messages already acknowledged in it. The
  // unary + keeps the planner off the state index, which would walk every acknowledged row.
  const row = sql(db,
    `SELECT COUNT(*) AS due, COALESCE(SUM(state = 'acked' AND acked_at <= deadline_at), 0) AS onTime
     FROM outbox
     WHERE resent_as IS NULL AND (
       (deadline_at BETWEEN @from AND @now
         AND NOT (state = 'acked' AND acked_at <= deadline_at AND acked_at < @from))
       OR (deadline_at > @now AND +state = 'acked' AND acked_at BETWEEN @from AND @now))`,
  ).get({ from, now }) as { due: number; onTime: number };

  return { from, due: row.due, onTime: row.onTime,
    ratio: row.due === 0 ? null : row.onTime / row.due };
}

export function startOfShanghaiDay(now: number): number {
  return Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

export function startOfShanghaiMonth(now: number): number {
  const local = new Date(now + SHANGHAI_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - SHANGHAI_OFFSET_MS;
}

/** The message that has waited longest since it was written. */
function oldestPending(db: Db): OutboxRow | null {
  const row = sql(db,
    `SELECT * FROM outbox INDEXED BY outbox_pending_since
     WHERE state = 'pending' ORDER BY created_at, id LIMIT 1`,
  ).get() as RawOutboxRow | undefined;
  return row ? toOutboxRow(row) : null;
}

/** Refusals not yet resent, newest first, with the platform's reason. */
function openRejections(db: Db, limit: number): Rejection[] {
  const rows = sql(db,
    `SELECT * FROM outbox
     WHERE state = 'rejected' AND resent_as IS NULL
     ORDER BY rejected_at DESC, id DESC LIMIT ?`,
  ).all(limit) as RawOutboxRow[];

  return rows.map(toOutboxRow).map((r) => ({
    id: r.id, messageId: r.messageId, kind: r.kind, subjectId: r.subjectId, plate: plateOf(r),
    rejectedAt: r.rejectedAt ?? r.createdAt, attempts: r.attempts,
    reason: (r.lastError ?? '').replace(/^rejected: /, ''), resendOf: r.resendOf,
  }));
}

/** The plate a message is about (passages and vehicles carry one), for the officer to find it. */
function plateOf(row: OutboxRow): string | null {
  const p = row.payload as { plate?: unknown } | null;
  return typeof p?.plate === 'string' ? p.plate : null;
}
