// Periodic still pictures for a camera whose stream the browser cannot play (H.265 without a
// hardware decoder, the usual gate PC): every interval ffmpeg opens the stream, decodes one
// frame and hands it over as a JPEG. Decoding costs CPU, so this runs only while watched and
// never faster than the interval, and one grab at a time.
import { spawn } from 'node:child_process';
import { redactUrlCredentials, type Logger } from '../log/logger.ts';

/** A picture every two seconds: enough to see which truck is at the barrier. */
export const SNAPSHOT_INTERVAL_MS = 2_000;

/** Opening an RTSP session and waiting for a keyframe; a camera slower than this is stuck. */
const GRAB_TIMEOUT_MS = 10_000;

/** A 1080p JPEG at -q:v 5 is well under this. */
const MAX_JPEG_BYTES = 4 * 1024 * 1024;

export interface SnapshotLoopOptions {
  ffmpeg: string;
  /** The stream (carries credentials), or any ffmpeg input (tests use a file). */
  input: string;
  inputArgs?: readonly string[];
  log: Logger;
  onPicture(jpeg: Buffer): void;
}

export function startSnapshotLoop(o: SnapshotLoopOptions): { intervalMs: number; stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const loop = async () => {
    if (stopped) return;
    const jpeg = await grabJpeg(o.ffmpeg, o.input, o.inputArgs ?? []);
    if (stopped) return;
    if (jpeg) o.onPicture(jpeg);
    else o.log.warn({ input: redactUrlCredentials(o.input) }, 'snapshot failed');
    timer = setTimeout(() => void loop(), SNAPSHOT_INTERVAL_MS);
  };
  void loop();

  return {
    intervalMs: SNAPSHOT_INTERVAL_MS,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** One decoded frame as JPEG bytes, or null. */
export function grabJpeg(
  ffmpeg: string, input: string, inputArgs: readonly string[],
): Promise<Buffer | null> {
  const rtsp = /^rtsps?:/i.test(input) ? ['-rtsp_transport', 'tcp'] : [];
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', ...rtsp, ...inputArgs];
  args.push('-i', input, '-frames:v', '1', '-q:v', '5', '-f', 'image2pipe', '-c:v', 'mjpeg');
  args.push('pipe:1');

  return new Promise((resolve) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), GRAB_TIMEOUT_MS);

    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_JPEG_BYTES) child.kill('SIGKILL');
      else chunks.push(chunk);
    });
    child.once('error', () => undefined);
    child.once('close', (code) => {
      clearTimeout(timer);
      const jpeg = Buffer.concat(chunks);
      const isJpeg = jpeg.length > 2 && jpeg[0] === 0xff && jpeg[1] === 0xd8;
      resolve(code === 0 && isJpeg ? jpeg : null);
    });
  });
}
