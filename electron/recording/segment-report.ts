// Turns a closed segment file into the row the index keeps: its size from the file system, its
// codec, picture size and duration from ffprobe. A file without readable video is not a segment.
import { stat } from 'node:fs/promises';
import { probeVideo } from './probe.ts';

export interface RecordedSegment {
  cameraId: string;
  path: string;
  /** UTC epoch ms. */
  startAt: number;
  endAt: number;
  bytes: number;
  codec: string;
  width: number;
  height: number;
}

export interface ProbedFile {
  bytes: number;
  mtimeMs: number;
  codec: string;
  width: number;
  height: number;
  /** Seconds; null when ffprobe could not tell. */
  duration: number | null;
}

/** Null when the file is gone or holds no readable video. */
export async function probeSegmentFile(ffprobe: string, path: string): Promise<ProbedFile | null> {
  try {
    const [info, probe] = await Promise.all([stat(path), probeVideo(ffprobe, path)]);
    if (!probe) return null;
    return {
      bytes: info.size,
      mtimeMs: info.mtimeMs,
      codec: probe.codec,
      width: probe.width,
      height: probe.height,
      duration: probe.duration,
    };
  } catch {
    return null;
  }
}
