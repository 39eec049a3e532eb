// Fits a JPEG under a platform's inline size limit by re-encoding it with ffmpeg, bytes in
// through stdin and out through stdout: nothing is written to disk, and the evidence in the
// media root stays the original. Quality goes down first (the picture keeps its size, which
// matters for reading a plate), then the width shrinks in steps at the lowest quality.
import { spawn } from 'node:child_process';
import { resolveFfmpeg, missingToolMessage } from '../../../native/ffmpeg.ts';
import { stopChild, trackChild } from '../../../native/ffmpeg-process.ts';
import type { Logger } from '../../log/logger.ts';

/** Re-encoded bytes no larger than `maxBytes`, or null when the photo cannot be made to fit. */
export type PhotoFitter = (jpeg: Buffer, maxBytes: number) => Promise<Buffer | null>;

export interface PhotoFitOptions {
  log: Logger;
  /** The site's `ffmpegPath`; without it ffmpeg-static, then PATH. */
  ffmpegPath?: string;
}

/**
 * ffmpeg's JPEG quality scale (`-q:v`, 2 best … 31 worst). 5 is hardly distinguishable from a
 * camera's own output, 10 and 20 keep a plate readable at full size, 31 is the encoder's floor.
 */
export const FIT_QUALITIES: readonly number[] = [5, 10, 20, 31];

/** Each width step keeps three quarters of the previous width (height follows the aspect). */
export const FIT_WIDTH_FACTOR = 0.75;

/**
 * Width steps after the qualities: six steps leave 0.75^6 ≈ 18% of the width (a 1920 px
 * overview becomes ~340 px). Below that a plate is no longer evidence, so the photo goes as
 * missing instead.
 */
export const FIT_WIDTH_STEPS = 6;

/** One re-encode of a camera snapshot takes well under a second; more means ffmpeg is stuck. */
export const FIT_RUN_TIMEOUT_MS = 10_000;

/** A JPEG starts with the SOI marker; anything else (a PNG) is not ours to re-encode. */
const JPEG_SOI = Buffer.from([0xff, 0xd8]);

/** The fitter a profile uses. ffmpeg is looked up once; its absence is logged once. */
export function createPhotoFitter(options: PhotoFitOptions): PhotoFitter {
  const tool = resolveFfmpeg(options.ffmpegPath);
  const warned = new Set<string>();
  const warnOnce = (key: string, message: string, fields: Record<string, unknown> = {}) => {
    if (warned.has(key)) return;
    warned.add(key);
    options.log.warn(fields, message);
  };

  return async (jpeg, maxBytes) => {
    if (!jpeg.subarray(0, 2).equals(JPEG_SOI)) {
      warnOnce('not-jpeg', 'a photo above the platform limit is not a JPEG; sent as missing');
      return null;
    }
    if (!tool) {
      warnOnce('no-ffmpeg', `photos above the platform limit go as missing: ${
        missingToolMessage('ffmpeg')}`);
      return null;
    }

    const fitted = await fitJpeg(tool.path, jpeg, maxBytes);
    if (!fitted) {
      warnOnce('no-fit', 'a photo could not be re-encoded under the platform limit; '
        + 'sent as missing', { maxBytes, bytes: jpeg.length });
    }
    return fitted;
  };
}

/** Walks the ladder (qualities, then widths) and returns the first result that fits. */
export async function fitJpeg(
  ffmpeg: string, jpeg: Buffer, maxBytes: number,
): Promise<Buffer | null> {
  for (const quality of FIT_QUALITIES) {
    const out = await reencode(ffmpeg, jpeg, quality, 1);
    if (out === null) return null;
    if (out.length <= maxBytes) return out;
  }

  const lowest = FIT_QUALITIES[FIT_QUALITIES.length - 1] ?? 31;
  for (let step = 1; step <= FIT_WIDTH_STEPS; step++) {
    const out = await reencode(ffmpeg, jpeg, lowest, FIT_WIDTH_FACTOR ** step);
    if (out === null) return null;
    if (out.length <= maxBytes) return out;
  }
  return null;
}

/** One ffmpeg run, JPEG in on stdin and out on stdout; null when ffmpeg fails or stalls. */
async function reencode(
  ffmpeg: string, jpeg: Buffer, quality: number, widthFactor: number,
): Promise<Buffer | null> {
  // Even dimensions: the 4:2:0 chroma of a JPEG needs them.
  const scale = widthFactor < 1
    ? ['-vf', `scale=trunc(iw*${widthFactor.toFixed(6)}/2)*2:-2`] : [];
  const args = ['-hide_banner', '-loglevel', 'error', '-f', 'image2pipe', '-c:v', 'mjpeg',
    '-i', 'pipe:0', ...scale, '-q:v', String(quality), '-frames:v', '1',
    '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'];

  const tracked = trackChild(spawn(ffmpeg, args, { stdio: ['pipe', 'pipe', 'ignore'],
    windowsHide: true }));
  const { child } = tracked;
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  // ffmpeg may exit before reading all of stdin (a broken input): that is its failure, not ours.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(jpeg);

  const timer = setTimeout(() => void stopChild(tracked, 'SIGKILL', 0), FIT_RUN_TIMEOUT_MS);
  await tracked.closed;
  clearTimeout(timer);

  const out = Buffer.concat(chunks);
  const ok = child.exitCode === 0 && out.subarray(0, 2).equals(JPEG_SOI);
  return ok ? out : null;
}
