// Deleting footage, in the two ways the rules allow:
// - by age: footage past the retention (retention.ts) goes, oldest first, linked or not;
// - in an emergency: when a root's free space falls below the safety margin, footage goes
//   before its time so that recording can go on. Footage no passage points at goes first,
//   oldest first; footage of a truck only when nothing else is left. Nothing younger than
//   PURGE_FLOOR_MS is touched: deleting the last hour to record the next would trade evidence
//   for evidence. Each span deleted early is written down as a 'purged' gap.
//
// Order matters: the rows (and their passage links) are deleted in one transaction first, then
// the files. A crash in between leaves files without rows, which the orphan sweep re-indexes and
// the next purge deletes again; the reverse order would leave rows that point at nothing.
import { rm } from 'node:fs/promises';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log/logger.ts';
import { insertClosedGap } from '../recording/gaps.ts';
import {
  deleteSegmentRows, purgeCandidates, segmentsEndedBefore, type StoredSegment,
} from './footage-store.ts';

/** The emergency purge never deletes footage younger than this. */
export const PURGE_FLOOR_MS = 3_600_000;

/** Rows handled per transaction: a year of 10-s segments is 3 million rows per camera. */
const BATCH = 500;

export interface PurgeResult {
  segments: number;
  bytes: number;
  linked: number;
}

export async function expireByAge(db: Db, cutoff: number, log: Logger): Promise<PurgeResult> {
  const result: PurgeResult = { segments: 0, bytes: 0, linked: 0 };
  for (;;) {
    const batch = segmentsEndedBefore(db, cutoff, BATCH);
    if (batch.length === 0) break;
    await deleteSegments(db, batch, result, log);
    if (batch.length < BATCH) break;
  }
  if (result.segments) log.info({ ...result, cutoff }, 'footage past retention deleted');
  return result;
}

/** Deletes footage on `root` until `bytesToFree` are freed (or nothing old enough is left). */
export async function emergencyPurge(
  db: Db,
  o: { root: string; isFirstRoot: boolean; bytesToFree: number; now: number; log: Logger },
): Promise<PurgeResult> {
  const result: PurgeResult = { segments: 0, bytes: 0, linked: 0 };
  while (result.bytes < o.bytesToFree) {
    const candidates = purgeCandidates(db, { root: o.root, isFirstRoot: o.isFirstRoot,
      notAfter: o.now - PURGE_FLOOR_MS, limit: BATCH });
    if (candidates.length === 0) break;

    const chosen: StoredSegment[] = [];
    let bytes = result.bytes;
    for (const segment of candidates) {
      if (bytes >= o.bytesToFree) break;
      chosen.push(segment);
      bytes += segment.bytes;
    }
    recordPurgedSpans(db, chosen, o.now);
    await deleteSegments(db, chosen, result, o.log);
  }
  return result;
}

async function deleteSegments(
  db: Db,
  segments: StoredSegment[],
  result: PurgeResult,
  log: Logger,
): Promise<void> {
  deleteSegmentRows(db, segments.map((s) => s.id));
  for (const segment of segments) {
    try {
      await rm(segment.path, { force: true });
    } catch (err) {
      log.warn({ path: segment.path, err: (err as Error).message }, 'footage file not deleted');
    }
    result.segments += 1;
    result.bytes += segment.bytes;
    if (segment.linked) result.linked += 1;
  }
}

/** One gap per run of adjacent deleted segments of a camera. */
function recordPurgedSpans(db: Db, segments: StoredSegment[], now: number): void {
  const byCamera = new Map<string, StoredSegment[]>();
  for (const s of segments) byCamera.set(s.cameraId, [...(byCamera.get(s.cameraId) ?? []), s]);

  for (const [cameraId, list] of byCamera) {
    list.sort((a, b) => a.startAt - b.startAt);
    let span = { fromAt: list[0]!.startAt, toAt: list[0]!.endAt };
    const flush = () => insertClosedGap(db, { cameraId, ...span, cause: 'purged',
      detail: 'deleted early: free space below the safety margin' }, now);
    for (const s of list.slice(1)) {
      if (s.startAt - span.toAt > 1_000) {
        flush();
        span = { fromAt: s.startAt, toAt: s.endAt };
      } else {
        span.toAt = Math.max(span.toAt, s.endAt);
      }
    }
    flush();
  }
}
