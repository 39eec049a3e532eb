// The SQL the storage side needs over the segment index: what is past retention, what may go
// first when the disk is full, how much each root and camera holds and records per hour.
import type { Db } from '../db/database.ts';

export interface StoredSegment {
  id: number;
  cameraId: string;
  path: string;
  root: string | null;
  startAt: number;
  endAt: number;
  bytes: number;
  /** True when a passage points at this footage (evidence of a truck). */
  linked: boolean;
}

const COLUMNS = `s.id, s.camera_id AS cameraId, s.path, s.root, s.start_at AS startAt,
  s.end_at AS endAt, s.bytes,
  EXISTS (SELECT 1 FROM passage_segments ps WHERE ps.segment_id = s.id) AS linked`;

function rows(list: unknown[]): StoredSegment[] {
  return (list as (Omit<StoredSegment, 'linked'> & { linked: number })[]).map((r) => ({
    ...r, linked: Boolean(r.linked),
  }));
}

/** Segments that ended before `cutoff`, oldest first. */
export function segmentsEndedBefore(db: Db, cutoff: number, limit: number): StoredSegment[] {
  return rows(db.prepare(
    `SELECT ${COLUMNS} FROM segments s WHERE s.end_at < ? ORDER BY s.start_at, s.id LIMIT ?`,
  ).all(cutoff, limit));
}

/**
 * A root's segments in emergency purge order: footage no passage points at first, oldest first;
 * then linked footage, oldest first. Segments that ended after `notAfter` are never offered.
 * Segments indexed before roots were recorded (root NULL) count as the first root's.
 */
export function purgeCandidates(
  db: Db,
  o: { root: string; isFirstRoot: boolean; notAfter: number; limit: number },
): StoredSegment[] {
  const onRoot = o.isFirstRoot ? '(s.root = ? OR s.root IS NULL)' : 's.root = ?';
  return rows(db.prepare(
    `SELECT ${COLUMNS} FROM segments s WHERE ${onRoot} AND s.end_at <= ?
     ORDER BY linked, s.start_at, s.id LIMIT ?`,
  ).all(o.root, o.notAfter, o.limit));
}

/** Removes the rows and their passage links; the caller deletes the files after this commits. */
export function deleteSegmentRows(db: Db, ids: readonly number[]): void {
  const unlink = db.prepare('DELETE FROM passage_segments WHERE segment_id = ?');
  const remove = db.prepare('DELETE FROM segments WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) {
      unlink.run(id);
      remove.run(id);
    }
  })();
}

export function footageBytesOnRoot(db: Db, root: string, isFirstRoot: boolean): number {
  const onRoot = isFirstRoot ? '(root = ? OR root IS NULL)' : 'root = ?';
  const row = db.prepare(`SELECT coalesce(sum(bytes), 0) AS n FROM segments WHERE ${onRoot}`)
    .get(root) as { n: number };
  return row.n;
}

export interface MeasuredRate {
  cameraId: string;
  bytes: number;
  /** Milliseconds of footage the bytes cover. */
  coveredMs: number;
}

/** Bytes and footage time per camera over segments that ended after `since`. */
export function measuredRates(db: Db, since: number): MeasuredRate[] {
  return db.prepare(
    `SELECT camera_id AS cameraId, sum(bytes) AS bytes, sum(end_at - start_at) AS coveredMs
     FROM segments WHERE end_at > ? GROUP BY camera_id ORDER BY camera_id`,
  ).all(since) as MeasuredRate[];
}
