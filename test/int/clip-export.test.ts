// Clips and exports on real footage: segments written the way the recorder writes them
// (fragmented MP4 by ffmpeg's segment muxer, H.264, one keyframe a second), joined by stream copy
// through the concat demuxer, and the result checked with ffprobe: one H.264 file of the
// window's length, with the holes of the footage reported and skipped.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg, resolveFfprobe } from '../../native/ffmpeg.ts';
import { runTool } from '../../native/ffmpeg-process.ts';
import { probeVideo } from '../../electron/recording/probe.ts';
import { planClip, type SegmentSpan } from '../../electron/playback/clip-plan.ts';
import { concatClip } from '../../electron/playback/concat.ts';
import { ExportJobs } from '../../electron/playback/exports.ts';
import { mediaRoutes } from '../../electron/playback/media-routes.ts';
import type { PlaybackService } from '../../electron/playback/playback-service.ts';
import type { ExportJobView, Role } from '../../electron/api/contract.ts';
import { openDatabase } from '../../electron/db/database.ts';
import { recentAudit } from '../../electron/db/audit.ts';
import { silentLogger } from '../../electron/log/logger.ts';

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
    expect(result).toMatchObject({ ok: false, code: 'segment-missing',
      values: { file: 'gone.mp4' } });
    expect(!result.ok && result.error).toMatch(/gone\.mp4|No such file/);
    expect(() => statSync(out)).toThrow(/ENOENT/);
    expect(readdirSync(dir).filter((f) => f.startsWith('broken'))).toEqual([]);
  }, 60_000);
});

describe('an export for an inspector', () => {
  it('reports progress, is audited, and downloads in ranges to the right people only', async () => {
    const db = openDatabase(join(dir, 'gatehouse.db'));
    const events: ExportJobView[] = [];
    const jobs = new ExportJobs({ dir: join(dir, 'exports'), ffmpeg, db, log: silentLogger(),
      onChange: (job) => events.push(job) });
    const plan = planClip(segments, { from: T0, to: T0 + 8_000 }, 'export');

    const started = jobs.start({ cameraId: 'cam-east', cameraName: 'East gate', from: T0,
      to: T0 + 8_000, plan, user: 'officer' });
    expect(started).toMatchObject({ state: 'running', ratio: 0, url: null });
    await waitUntil(() => events.some((e) => e.state !== 'running'));

    const done = events.at(-1)!;
    expect(done).toMatchObject({ exportId: started.exportId, state: 'done', ratio: 1,
      error: null, url: `/api/media/export/${started.exportId}.mp4` });
    expect(events.map((e) => e.ratio).every((r, i, all) => i === 0 || r >= all[i - 1]!))
      .toBe(true);
    expect(recentAudit(db, 'video.export', 5)[0]).toMatchObject({ actor: 'officer',
      subject: 'cam-east', detail: { exportId: started.exportId, from: T0, to: T0 + 8_000 } });
    const probe = await probeVideo(ffprobe, jobs.pathOf(started.exportId)!);
    expect(probe?.codec).toBe('h264');
    expect(probe!.duration!).toBeCloseTo(8, 0);

    const routes = mediaRoutes(() => ({ exports: jobs,
      clips: { pathOf: () => null } }) as unknown as PlaybackService);
    const server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://localhost');
      const role = url.searchParams.get('role') as Role | null;
      const user = role ? { id: 1, username: role, displayName: role, role } : null;
      void Promise.resolve(routes.request!(req, res, url, { user, token: null, remote: '' }))
        .then((answered) => answered || res.writeHead(404).end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${base}${done.url}${query}`, { headers });

    try {
      expect((await get('')).status).toBe(401);
      expect((await get('?role=guard')).status).toBe(403);
      const whole = await get('?role=officer&download=1');
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-disposition')).toContain('attachment');
      expect((await whole.arrayBuffer()).byteLength).toBe(done.bytes);

      const part = await get('?role=manager', { range: 'bytes=0-99' });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 0-99/${done.bytes}`);
      expect(Buffer.from(await part.arrayBuffer()).subarray(4, 8).toString()).toBe('ftyp');
      expect((await get('?role=officer', { range: `bytes=${done.bytes}-` })).status).toBe(416);
      const unknown = await fetch(`${base}/api/media/export/${'0'.repeat(36)}.mp4?role=officer`);
      expect(unknown.status).toBe(404);
    } finally {
      server.close();
      db.close();
    }
  }, 60_000);
});

describe('an export that fails, with a code the officer\'s page words', () => {
  const startJob = (o: { ffmpeg: string | null; plan: ReturnType<typeof planClip>;
    db: ReturnType<typeof openDatabase>; events: ExportJobView[]; name: string }) => {
    const jobs = new ExportJobs({ dir: join(dir, o.name), ffmpeg: o.ffmpeg, db: o.db,
      log: silentLogger(), onChange: (job) => o.events.push(job) });
    const job = jobs.start({ cameraId: 'cam-east', cameraName: 'East gate', from: T0,
      to: T0 + 6_000, plan: o.plan, user: 'officer' });
    return { jobs, job };
  };

  it('fails at once without footage or without ffmpeg, the English kept as detail', () => {
    const db = openDatabase(join(dir, 'failures.db'));
    const events: ExportJobView[] = [];
    try {
      const plan = planClip(segments, { from: T0, to: T0 + 6_000 }, 'export');
      const empty = startJob({ ffmpeg, plan: null, db, events, name: 'empty' }).job;
      const bare = startJob({ ffmpeg: null, plan, db, events, name: 'bare' }).job;

      expect(empty).toMatchObject({ state: 'failed', cameraName: 'East gate', error: {
        code: 'no-footage', values: {}, detail: 'no footage of this camera in that range' } });
      expect(bare).toMatchObject({ state: 'failed', error: { code: 'no-ffmpeg',
        detail: 'ffmpeg was not found on this PC' } });
      expect(events.map((e) => e.error?.code)).toEqual(['no-footage', 'no-ffmpeg']);
    } finally {
      db.close();
    }
  });

  it('ends as stopped when the host closes during the join, leaving no file', async () => {
    const db = openDatabase(join(dir, 'stopped.db'));
    const events: ExportJobView[] = [];
    try {
      const plan = planClip(segments, { from: T0, to: T0 + 6_000 }, 'export');
      const { jobs, job } = startJob({ ffmpeg, plan, db, events, name: 'stopped' });
      jobs.close();
      await waitUntil(() => events.some((e) => e.state !== 'running'));

      expect(events.at(-1)).toMatchObject({ exportId: job.exportId, state: 'failed',
        error: { code: 'stopped', detail: 'aborted' } });
      expect(readdirSync(join(dir, 'stopped'))).toEqual([]);
    } finally {
      db.close();
    }
  }, 60_000);
});

async function waitUntil(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
