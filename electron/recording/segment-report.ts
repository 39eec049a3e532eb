// Turns a closed segment file into the row the index keeps: its size from the file system, its
// codec, picture size and duration from ffprobe. A file without readable video is not a segment.
//
// A segment the recorder just closed is read more cheaply: ffmpeg wrote it with an empty moov at
// its head (fragmented MP4), which names the codec and picture size, and the segment list gave
// its duration. Reading 64 kB saves an ffprobe process per segment, which on a site of eight
// cameras cut every 10 s is most of the recording's CPU after ffmpeg itself.
import { open, stat } from 'node:fs/promises';
import { readTrackInfo } from './mp4-boxes.ts';
import { probeVideo } from './probe.ts';

/** The moov of an ffmpeg fMP4 segment is about 1 kB, right after the 36-byte ftyp. */
const HEAD_BYTES = 64 * 1024;

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

/**
 * Size, codec and picture size of a closed fMP4 segment from its head; null when the head holds
 * no readable video track (then ffprobe must decide).
 */
export async function readSegmentHead(path: string)
  : Promise<{ bytes: number; codec: string; width: number; height: number } | null> {
  let handle;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    const head = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
    await handle.read(head, 0, head.length, 0);

    const moov = head.indexOf('moov', 0, 'latin1');
    if (moov < 4) return null;
    const track = readTrackInfo(head.subarray(moov - 4));
    if (track.codec === 'unknown' || !track.width || !track.height) return null;
    return { bytes: info.size, codec: track.codec, width: track.width, height: track.height };
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}
