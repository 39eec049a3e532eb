// The simulated cameras' footage for the recorder bench: a 1080p H.264 clip encoded ONCE and
// cached under the OS temp folder, then served looped by stream copy. Encoding live would cost
// a third of a core per camera and measure the simulator, not the recorder. MPEG-TS with the
// parameter sets before every keyframe: RTP by stream copy carries them in-band, as cameras do,
// so the relay (and a recorder joining mid-stream) can start at any keyframe.
import { existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../../native/ffmpeg-process.ts';

/** What a gate camera's main stream carries: 1080p25, a keyframe every 2 s, about 4 Mbit/s. */
const WIDTH = 1920;
const HEIGHT = 1080;
const FPS = 25;
const GOP = 50;
const BITRATE = '4M';
const SECONDS = 20;

/** Bump when the encoding changes, so a stale cached clip is not reused. */
const VERSION = 2;

const ENCODE_TIMEOUT_MS = 600_000;

export async function cachedBenchClip(ffmpeg: string, note: (text: string) => void)
  : Promise<string> {
  const file = join(tmpdir(), `gatehouse-bench-1080p-v${VERSION}.ts`);
  if (existsSync(file)) return file;

  note(`encoding the 1080p bench clip once (${SECONDS} s) into ${file}`);
  const partial = `${file}.partial.ts`;
  const run = await runTool(ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=${WIDTH}x${HEIGHT}:rate=${FPS}`, '-t', String(SECONDS),
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
    '-g', String(GOP), '-keyint_min', String(GOP), '-sc_threshold', '0',
    '-x264-params', 'repeat-headers=1',
    '-b:v', BITRATE, '-maxrate', BITRATE, '-bufsize', '8M', '-f', 'mpegts', partial,
  ], ENCODE_TIMEOUT_MS);
  if (!run.ok) throw new Error(`could not encode the bench clip: ${run.error ?? run.stderr}`);

  renameSync(partial, file);
  return file;
}
