// Segments nobody reported. ffmpeg writes a segment's list line only when it closes the file; a
// recorder killed mid-write (a hung ffmpeg after the watchdog's grace, a crash, Windows where
// SIGINT ends ffmpeg at once, a power cut) leaves a file that is fragmented and so playable up
// to its last fragment, but that no list line announced. The sweep finds such files in the
// camera's folder, probes them and places them on the wall clock by their last write: the
// file's mtime is when its last fragment was flushed, which is where its footage ends.
import { readdir, readFile, rm, stat, truncate, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log/logger.ts';
import { wholeFragmentsLength } from './mp4-boxes.ts';
import { probeSegmentFile, type RecordedSegment } from './segment-report.ts';

export interface OrphanSweep {
  cameraId: string;
  dir: string;
  ffprobe: string;
  /** True when the file (full path) is already in the index or reported. */
  isKnown: (path: string) => boolean;
  log: Logger;
}

/** The orphaned segments of the camera's folder, oldest first. Empty files are removed. */
export async function sweepOrphans(o: OrphanSweep): Promise<RecordedSegment[]> {
  let names: string[];
  try {
    names = await readdir(o.dir);
  } catch {
    return [];
  }

  const found: RecordedSegment[] = [];
  for (const name of names) {
    if (!name.startsWith(`${o.cameraId}-`) || !name.endsWith('.mp4')) continue;
    const path = join(o.dir, name);
    if (o.isKnown(path)) continue;

    await cutToWholeFragments(path, o.log);
    const probed = await probeSegmentFile(o.ffprobe, path);
    if (!probed || !probed.duration || probed.duration <= 0) {
      // An ffmpeg killed before its first fragment leaves only a header: no footage to keep.
      await removeIfEmpty(path, o.log);
      continue;
    }

    const endAt = Math.round(probed.mtimeMs);
    found.push({
      cameraId: o.cameraId,
      path,
      startAt: endAt - Math.round(probed.duration * 1000),
      endAt,
      bytes: probed.bytes,
      codec: probed.codec,
      width: probed.width,
      height: probed.height,
    });
  }

  found.sort((a, b) => a.startAt - b.startAt);
  return found;
}

/** Drops the partial fragment a kill left at the end, keeping the file's mtime (its footage's
 * end on the wall clock, which the sweep reads). */
async function cutToWholeFragments(path: string, log: Logger): Promise<void> {
  try {
    const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
    const keep = wholeFragmentsLength(bytes);
    if (keep === bytes.length || keep === 0) return;

    await truncate(path, keep);
    await utimes(path, info.atime, info.mtime);
    log.info({ path, dropped: bytes.length - keep }, 'partial fragment cut off a killed segment');
  } catch {
    // Unreadable: the probe that follows decides.
  }
}

/** Header-only files (ftyp + moov, about 1 kB) are removed; anything larger is left for a
 * person to look at, since it may hold footage ffprobe could not read. */
const HEADER_ONLY_BYTES = 4_096;

async function removeIfEmpty(path: string, log: Logger): Promise<void> {
  try {
    const info = await stat(path);
    if (info.size > HEADER_ONLY_BYTES) {
      log.warn({ path, bytes: info.size }, 'unreadable segment left on disk, not indexed');
      return;
    }
    await rm(path, { force: true });
  } catch {
    // Gone already.
  }
}
