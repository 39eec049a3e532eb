// Clips and exports on real footage: segments written the way the recorder writes them
// (fragmented MP4 by ffmpeg's segment muxer, H.264, one keyframe a second), joined by stream copy
// through the concat demuxer, and the result checked with ffprobe: one H.264 file of the
// window's length, with the holes of the footage reported and skipped.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg, resolveFfprobe } from '../../native/ffmpeg.ts';
import { runTool } from '../../native/ffmpeg-process.ts';
import { probeVideo } from '../../electron/recording/probe.ts';
import { planClip, type SegmentSpan } from '../../electron/playback/clip-plan.ts';
import { concatClip } from '../../electron/playback/concat.ts';

const SEGMENT_SECONDS = 2;
const SEGMENTS = 4;
/** 10:00:00 in Shanghai on 15 January 2026. */
const T0 = Date.UTC(2026, 0, 15, 2, 0, 0);

let dir: string;
let ffmpeg: string;
let ffprobe: string;
let segments: SegmentSpan[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-clips-'));
  ffmpeg = resolveFfmpeg()!.path;
  ffprobe = resolveFfprobe()!.path;

  // What the recorder writes: 2-s fragmented-MP4 segments of a 25 fps H.264 camera.
  const seconds = SEGMENT_SECONDS * SEGMENTS;
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-f', 'lavfi'];
  args.push('-i', `testsrc=size=320x240:rate=25:duration=${seconds}`);
  args.push('-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25');
  args.push('-f', 'segment', '-segment_time', String(SEGMENT_SECONDS), '-reset_timestamps', '1');
  args.push('-segment_format', 'mp4');
  args.push('-segment_format_options', 'movflags=+frag_keyframe+empty_moov+default_base_moof');
  args.push(join(dir, 'cam-east-%03d.mp4'));
  const run = await runTool(ffmpeg, args, 60_000);
  expect(run.error ?? '').toBe('');

  const files = readdirSync(dir).filter((f) => f.endsWith('.mp4')).sort();
  expect(files).toHaveLength(SEGMENTS);
  segments = files.map((name, i) => ({
    id: i + 1,
    path: join(dir, name),
    startAt: T0 + i * SEGMENT_SECONDS * 1000,
    endAt: T0 + (i + 1) * SEGMENT_SECONDS * 1000,
  }));
}, 90_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('exporting a time range by stream copy', () => {
  it('joins the segments of a window into one H.264 file of that length', async () => {
    const plan = planClip(segments, { from: T0 + 1_000, to: T0 + 7_000 }, 'export')!;
    expect(plan.pieces.map((p) => p.segment.id)).toEqual([1, 2, 3, 4]);
    expect(plan.duration).toBe(6);

    const out = join(dir, 'export-window.mp4');
    const ratios: number[] = [];
    const result = await concatClip({ ffmpeg, plan, out, onProgress: (r) => ratios.push(r) });
    expect(result).toEqual({ ok: true, path: out });

    const probe = await probeVideo(ffprobe, out);
    expect(probe?.codec).toBe('h264');
    expect(probe?.width).toBe(320);
    // Stream copy cuts on keyframes (one a second here): within a GOP of the 6 s asked for.
    expect(probe!.duration!).toBeGreaterThanOrEqual(5.9);
    expect(probe!.duration!).toBeLessThanOrEqual(7.1);
    expect(ratios.at(-1)).toBe(1);
    expect(ratios.every((r, i) => i === 0 || r >= ratios[i - 1]!)).toBe(true);
  }, 60_000);

  it('skips a lost segment: the clip is shorter and the hole is reported', async () => {
    const withHole = segments.filter((s) => s.id !== 2);
    const plan = planClip(withHole, { from: T0, to: T0 + 8_000 }, 'watch')!;
    expect(plan.holes).toEqual([{ fromAt: T0 + 2_000, toAt: T0 + 4_000 }]);
    expect(plan.pieces.map((p) => [p.segment.id, p.offset])).toEqual([[1, 0], [3, 2], [4, 4]]);

    const out = join(dir, 'watch-hole.mp4');
    expect((await concatClip({ ffmpeg, plan, out })).ok).toBe(true);
    const probe = await probeVideo(ffprobe, out);
    expect(probe?.codec).toBe('h264');
    expect(probe!.duration!).toBeGreaterThanOrEqual(5.9);
    expect(probe!.duration!).toBeLessThanOrEqual(6.1);
  }, 60_000);

  it('leaves no file behind when a segment file is missing', async () => {
    const broken = [...segments.slice(0, 2), { ...segments[2]!, path: join(dir, 'gone.mp4') }];
    const plan = planClip(broken, { from: T0, to: T0 + 6_000 }, 'export')!;
    const out = join(dir, 'broken.mp4');

    const result = await concatClip({ ffmpeg, plan, out });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/gone\.mp4|No such file/);
    expect(() => statSync(out)).toThrow(/ENOENT/);
    expect(readdirSync(dir).filter((f) => f.startsWith('broken'))).toEqual([]);
  }, 60_000);
});
