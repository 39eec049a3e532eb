// The segment index: one row per closed recording segment, and the links that tie a passage to
// the footage of its gate. All SQL for `segments` and `passage_segments` lives here.
import type { Db } from '../db/database.ts';
import type { RecordedSegment } from './segment-report.ts';

export interface SegmentRow {
  id: number;
  cameraId: string;
  path: string;
  startAt: number;
  endAt: number;
  bytes: number;
  codec: string | null;
  width: number | null;
  height: number | null;
  createdAt: number;
}

const COLUMNS =
  's.id, s.camera_id AS cameraId, s.path, s.start_at AS startAt, s.end_at AS endAt, s.bytes, ' +
  's.codec, s.width, s.height, s.created_at AS createdAt';

/**
 * Indexes a closed segment of a camera that records `gateId`, and in the same transaction links
 * every passage of that gate captured within [startAt, endAt] to it: the row and its links
 * appear together or not at all. A passage is linked to the footage of every recording camera of
 * its gate. Passages written later than their segment closed (offline replays) are linked by
 * the writer of the passage, not here.
 */
export function insertSegment(
  db: Db,
  segment: RecordedSegment,
  gateId: string,
  root: string | null = null,
): number {
  const insert = db.transaction((createdAt: number): number => {
    const result = db
      .prepare(
        `INSERT INTO segments
           (camera_id, path, start_at, end_at, bytes, codec, width, height, created_at, root)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        segment.cameraId,
        segment.path,
        segment.startAt,
        segment.endAt,
        segment.bytes,
        segment.codec,
        segment.width,
        segment.height,
        createdAt,
        root,
      );
    const segmentId = Number(result.lastInsertRowid);

    db.prepare(
      `INSERT OR IGNORE INTO passage_segments (passage_id, segment_id)
       SELECT id, ? FROM passages WHERE gate_id = ? AND captured_at BETWEEN ? AND ?`,
    ).run(segmentId, gateId, segment.startAt, segment.endAt);
    return segmentId;
  });
  return insert(Date.now());
}

/** The footage of one passage, oldest first (and by camera for simultaneous segments). */
export function segmentsForPassage(db: Db, passageId: string): SegmentRow[] {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM passage_segments ps JOIN segments s ON s.id = ps.segment_id
       WHERE ps.passage_id = ? ORDER BY s.start_at, s.camera_id`,
    )
    .all(passageId) as SegmentRow[];
}

export function isIndexed(db: Db, path: string): boolean {
  return db.prepare('SELECT 1 FROM segments WHERE path = ?').get(path) !== undefined;
}

export function countSegments(db: Db): number {
  const row = db.prepare('SELECT count(*) AS n FROM segments').get() as { n: number };
  return row.n;
}

/**
 * The camera's segments that overlap [from, to) (UTC epoch ms), oldest first: what a timeline,
 * a clip or an export of that window is made of.
 */
export function segmentsInRange(
  db: Db,
  range: { cameraId: string; from: number; to: number },
): SegmentRow[] {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM segments s
       WHERE s.camera_id = ? AND s.start_at < ? AND s.end_at > ?
       ORDER BY s.start_at, s.id`,
    )
    .all(range.cameraId, range.to, range.from) as SegmentRow[];
}

/** The camera's newest segment, or null when it has none. */
export function lastSegmentOf(db: Db, cameraId: string): SegmentRow | null {
  const row = db
    .prepare(
      `SELECT ${COLUMNS} FROM segments s WHERE s.camera_id = ? ORDER BY s.end_at DESC LIMIT 1`,
    )
    .get(cameraId) as SegmentRow | undefined;
  return row ?? null;
}
