// Which outbox row a drain worker sends next. Workers share one pass's claims: a row is claimed
// only while no other row of its order key is in flight, so a plate's rows leave one at a time
// (entry acknowledged before its exit is sent) while different plates go in parallel.
import type { Db } from '../db/database.ts';
import { pendingBatch, type OutboxRow } from './outbox.ts';
import type { MarkBatch } from './mark-batch.ts';

/**
 * Heads fetched per query. Finding the heads scans the pending rows, so asking for one row per
 * send would make a 10 000-row backlog quadratic; a few rounds of in-flight rows at a time keeps
 * the query rare while a head fetched a moment ago is still the head when it is sent.
 */
export const HEADS_PER_FETCH_PER_WORKER = 4;

export class HeadClaims {
  private readonly db: Db;
  private readonly now: () => number;
  private readonly fetchSize: number;
  private readonly marks: MarkBatch;
  private readonly keysInFlight = new Set<string>();
  private queue: OutboxRow[] = [];

  constructor(db: Db, now: () => number, workers: number, marks: MarkBatch) {
    this.db = db;
    this.now = now;
    this.marks = marks;
    this.fetchSize = workers * HEADS_PER_FETCH_PER_WORKER;
  }

  /**
   * The next due head whose key is free, claimed; null when none is due now. Rows of keys in
   * flight are skipped, not queued: their key's next head is known only after the answer.
   */
  claim(): OutboxRow | null {
    let row = this.takeQueued();
    if (!row) {
      // The answers so far must be on disk first, or an acknowledged head is read as pending.
      this.marks.flush();
      this.queue = pendingBatch(this.db, this.now(), this.fetchSize)
        .filter((r) => !this.keysInFlight.has(r.orderKey));
      row = this.takeQueued();
    }
    if (!row) return null;

    this.keysInFlight.add(row.orderKey);
    return row;
  }

  /** The row's attempt is over (marked, or abandoned on stop); its key is free again. */
  release(row: OutboxRow): void {
    this.keysInFlight.delete(row.orderKey);
  }

  private takeQueued(): OutboxRow | null {
    for (;;) {
      const row = this.queue.shift();
      if (!row) return null;
      if (!this.keysInFlight.has(row.orderKey)) return row;
    }
  }
}
