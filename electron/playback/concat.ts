// Joins a clip plan's segments into one MP4 by stream copy: ffmpeg's concat demuxer over an
// ffconcat list, `-c copy` (no decode, seconds for an hour of footage), `+faststart` so a browser
// or a desktop player can start and seek at once. Progress comes from `-progress pipe:1`
// (`out_time_us=` lines) against the plan's duration. The file appears under its final name only
// when ffmpeg succeeded: a half-written export is never offered for download.
import { spawn } from 'node:child_process';
import { access, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { forEachLine, trackChild } from '../../native/ffmpeg-process.ts';
import { ffconcatList, type ClipPlan } from './clip-plan.ts';

export interface ConcatOptions {
  ffmpeg: string;
  plan: ClipPlan;
  /** The MP4 to write. */
  out: string;
  /** 0…1, at most a few times a second. */
  onProgress?: (ratio: number) => void;
  /** Aborts the join (the partial file is removed). */
  signal?: AbortSignal;
}

/** Why a join failed, as a code the export words for the UI, and the English for the log. */
export type ConcatFailure = {
  ok: false;
  code: 'segment-missing' | 'join-failed' | 'stopped';
  values: Record<string, string>;
  error: string;
};
export type ConcatResult = { ok: true; path: string } | ConcatFailure;

const STDERR_KEEP = 8;

export async function concatClip(o: ConcatOptions): Promise<ConcatResult> {
  // The concat demuxer ends quietly (exit 0) at a file it cannot open: check them all first,
  // or a missing segment would cut the export short without a word.
  for (const piece of o.plan.pieces) {
    const readable = await access(piece.segment.path).then(() => true, () => false);
    if (!readable) {
      return { ok: false, code: 'segment-missing', values: { file: basename(piece.segment.path) },
        error: `segment file missing: ${piece.segment.path}` };
    }
  }

  const list = `${o.out}.ffconcat`;
  const partial = `${o.out}.partial.mp4`;
  await writeFile(list, ffconcatList(o.plan));

  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];
  args.push('-f', 'concat', '-safe', '0', '-i', list);
  args.push('-map', '0:v:0', '-c', 'copy', '-movflags', '+faststart');
  args.push('-progress', 'pipe:1', '-nostats', partial);

  const child = spawn(o.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true,
    signal: o.signal });
  const tracked = trackChild(child);
  const errors: string[] = [];
  let spawnError: string | null = null;
  let aborted = false;
  child.once('error', (err) => {
    aborted = err.name === 'AbortError';
    spawnError = aborted ? 'aborted' : err.message;
  });

  const total = o.plan.duration;
  forEachLine(child.stdout, (line) => {
    const match = /^out_time_us=(\d+)$/.exec(line);
    if (match && total > 0) o.onProgress?.(Math.min(1, Number(match[1]) / 1e6 / total));
  });
  forEachLine(child.stderr, (line) => {
    errors.push(line);
    if (errors.length > STDERR_KEEP) errors.shift();
  });

  await tracked.closed;
  await rm(list, { force: true });
  if (spawnError || child.exitCode !== 0) {
    await rm(partial, { force: true });
    const why = spawnError ?? (errors.join(' | ') || `ffmpeg exit ${child.exitCode}`);
    return { ok: false, code: aborted ? 'stopped' : 'join-failed', values: {}, error: why };
  }

  await rename(partial, o.out);
  o.onProgress?.(1);
  return { ok: true, path: o.out };
}
