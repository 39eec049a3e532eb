// The gap index: one row per hole in a camera's footage, with its cause. A gap opens when the
// recorder loses its picture (from the end of the last indexed segment) and closes when the
// next segment starts. At most one gap per camera is open (the migration enforces it). All SQL
// for `recording_gaps` lives here.
import type { Db } from '../db/database.ts';

/**
 * Why footage is missing:
 * - stall: ffmpeg ran but wrote nothing (the source paused); the watchdog restarted it.
 * - source-lost: the camera refused or dropped the RTSP session (reboot, network, password).
 * - recorder-exit: ffmpeg ended for another reason (crash, disk error).
 * - start-failed: no recorder could be started (no stream address, no ffmpeg).
 * - host-down: Gatehouse itself was not running (found at start from the last segment's end).
 * - purged: footage deleted early by the emergency purge to keep the disk from filling.
 */
export const GAP_CAUSES = [
  'stall', 'source-lost', 'recorder-exit', 'start-failed', 'host-down', 'purged',
] as const;
export type GapCause = (typeof GAP_CAUSES)[number];

export interface GapRow {
  id: number;
  cameraId: string;
  /** UTC epoch ms. */
  fromAt: number;
  /** null while the gap is still open (the camera is not recording now). */
  toAt: number | null;
  cause: GapCause;
  /** A line for the installer (ffmpeg's last error, redacted), or null. */
  detail: string | null;
}

const COLUMNS =
  'id, camera_id AS cameraId, from_at AS fromAt, to_at AS toAt, cause, detail';

/** Opens a gap unless one is already open for the camera; returns the open gap's id. */
export function openGap(
  db: Db,
  gap: { cameraId: string; fromAt: number; cause: GapCause; detail?: string | null },
  now: number,
): number {
  const open = openGapOf(db, gap.cameraId);
  if (open) return open.id;

  const result = db
    .prepare(
      `INSERT INTO recording_gaps (camera_id, from_at, to_at, cause, detail, created_at)
       VALUES (?, ?, NULL, ?, ?, ?)`,
    )
    .run(gap.cameraId, gap.fromAt, gap.cause, gap.detail ?? null, now);
  return Number(result.lastInsertRowid);
}

/** Closes the camera's open gap at `toAt` (the start of the first new segment); a no-op when
 * none is open. A closing time before the opening one (clock step) closes it empty. */
export function closeGap(db: Db, cameraId: string, toAt: number): GapRow | null {
  const open = openGapOf(db, cameraId);
  if (!open) return null;

  const end = Math.max(toAt, open.fromAt);
  db.prepare('UPDATE recording_gaps SET to_at = ? WHERE id = ?').run(end, open.id);
  return { ...open, toAt: end };
}

/**
 * Pulls the end of the camera's latest closed gap back to `startAt` when the first segment after
 * it starts earlier: a camera that comes back delivers what it buffered in a burst, so the
 * footage can begin before the first frame arrived. The gap then ends where the footage begins.
 */
export function trimGapEnd(db: Db, cameraId: string, span: { startAt: number; endAt: number })
  : void {
  // Only a segment that reaches past the gap's end is footage after it (not an older orphan).
  db.prepare(
    `UPDATE recording_gaps SET to_at = MAX(from_at, ?)
     WHERE id = (SELECT id FROM recording_gaps WHERE camera_id = ? AND to_at IS NOT NULL
                 ORDER BY to_at DESC LIMIT 1)
       AND to_at > ? AND to_at < ?`,
  ).run(span.startAt, cameraId, span.startAt, span.endAt);
}

/** Records a gap that is already over (host-down found at start, a purged span). */
export function insertClosedGap(
  db: Db,
  gap: { cameraId: string; fromAt: number; toAt: number; cause: GapCause; detail?: string },
  now: number,
): number {
  const result = db
    .prepare(
      `INSERT INTO recording_gaps (camera_id, from_at, to_at, cause, detail, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(gap.cameraId, gap.fromAt, Math.max(gap.toAt, gap.fromAt), gap.cause,
      gap.detail ?? null, now);
  return Number(result.lastInsertRowid);
}

export function openGapOf(db: Db, cameraId: string): GapRow | null {
  const row = db
    .prepare(`SELECT ${COLUMNS} FROM recording_gaps WHERE camera_id = ? AND to_at IS NULL`)
    .get(cameraId) as GapRow | undefined;
  return row ?? null;
}

/**
 * The camera's gaps that overlap [from, to) (UTC epoch ms), oldest first. An open gap overlaps
 * everything after its start. With no camera, every camera's gaps.
 */
export function gapsInRange(
  db: Db,
  range: { cameraId?: string; from: number; to: number },
): GapRow[] {
  const where = 'from_at < ? AND (to_at IS NULL OR to_at > ?)';
  if (range.cameraId === undefined) {
    return db
      .prepare(`SELECT ${COLUMNS} FROM recording_gaps WHERE ${where} ORDER BY from_at, id`)
      .all(range.to, range.from) as GapRow[];
  }
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM recording_gaps WHERE camera_id = ? AND ${where}
       ORDER BY from_at, id`,
    )
    .all(range.cameraId, range.to, range.from) as GapRow[];
}
