// The recorder's ffmpeg command line. One input (the camera's RTSP over TCP), copied without
// decoding into short fragmented-MP4 segments, and, when the live view shares this session, a
// second copy as one endless fragmented MP4 on a pipe (fd 3).
//
// stdout carries two line-based reports: the segment list (a CSV line per closed segment) and
// the progress blocks (`key=value`) the watchdog reads. Every stderr line is tagged with its
// level (`level+warning`) so warnings can be told from errors.
import { join } from 'node:path';

/** Socket I/O timeout (µs) for RTSP: without it ffmpeg can wait forever on a dead TCP peer. */
export const RTSP_IO_TIMEOUT_US = 10_000_000;

/** How much of the stream ffmpeg reads before writing anything (µs). Its default (5 s) is
 * footage held back at every (re)start; the SDP already names the codec, and one GOP of a gate
 * camera (1–2 s) shows the rest. */
const ANALYZE_US = 2_000_000;

/** The progress report's period (s): the watchdog's resolution. */
const PROGRESS_PERIOD_S = 1;

/** Fragmented: a killed recorder or a power cut leaves every completed fragment playable. */
const FRAGMENTED = 'frag_keyframe+empty_moov+default_base_moof';

/** The file descriptor of the live output; the recorder opens it as a pipe.
 * TODO(#6): proven on Linux only; on Windows libuv hands fd 3 to the child through the CRT's
 * inherited-handle table, which ffmpeg's `pipe:3` should read: check on a Windows gate PC. */
export const LIVE_FD = 3;

export interface RecorderArgs {
  cameraId: string;
  rtspUrl: string;
  dir: string;
  segmentSeconds: number;
  live: boolean;
}

export function recorderArgs(o: RecorderArgs): string[] {
  const pattern = join(o.dir.replace(/%/g, '%%'), `${o.cameraId}-%Y%m%d%H%M%S.mp4`);
  const args = ['-hide_banner', '-loglevel', 'level+warning', '-nostdin'];
  args.push('-progress', 'pipe:1', '-stats_period', String(PROGRESS_PERIOD_S));
  args.push('-rtsp_transport', 'tcp', '-timeout', String(RTSP_IO_TIMEOUT_US));
  args.push('-analyzeduration', String(ANALYZE_US));
  args.push('-i', o.rtspUrl);

  args.push('-map', '0:v:0', '-c', 'copy', '-an');
  args.push('-f', 'segment', '-segment_time', String(o.segmentSeconds));
  args.push('-reset_timestamps', '1', '-strftime', '1');
  args.push('-segment_format', 'mp4', '-segment_format_options', `movflags=+${FRAGMENTED}`);
  args.push('-segment_list', 'pipe:1', '-segment_list_type', 'csv', pattern);

  if (o.live) {
    args.push('-map', '0:v:0', '-c', 'copy', '-an');
    args.push('-f', 'mp4', '-movflags', FRAGMENTED, `pipe:${LIVE_FD}`);
  }
  return args;
}
