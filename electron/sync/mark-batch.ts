// The drainer's bookkeeping of answers (acked, retry, rejected), committed in groups: before the
// next heads are read and at the end of every pass. One fsync per answer would cap a backlog at
// the disk's sync rate; losing a group to a crash only means its rows are sent again, and the
// platform answers those as duplicates (the message id is the idempotency key).
import type { Db } from '../db/database.ts';

export class MarkBatch {
  private readonly db: Db;
  private marks: Array<() => void> = [];

  constructor(db: Db) {
    this.db = db;
  }

  get size(): number {
    return this.marks.length;
  }

  /** Records a mark; it reaches the database at the next flush(). */
  add(mark: () => void): void {
    this.marks.push(mark);
  }

  /** Commits every recorded mark in one transaction. */
  flush(): void {
    if (this.marks.length === 0) return;

    const marks = this.marks;
    this.marks = [];
    this.db.transaction(() => {
      for (const mark of marks) mark();
    })();
  }
}
