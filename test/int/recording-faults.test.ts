// The recorder supervisor against real faults, on real processes: the demo camera (ffmpeg → RTP
// → GStreamer RTSP relay), the recorder's ffmpeg, a SQLite file. The picture freezes, the camera
// reboots, the recorder is killed mid-segment, the camera is moved to another disk: each time
// recording resumes within 10 s, the hole is a gap row with its cause, and no recorded second is
// lost.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { gapsInRange, type GapRow } from '../../electron/recording/gaps.ts';
import type { LiveEvent } from '../../electron/recording/live-source.ts';
import { segmentsInRange, type SegmentRow } from '../../electron/recording/segments.ts';
import { RecorderSupervisor } from '../../electron/recording/supervisor.ts';
import { startCameraSim, type CameraSim } from '../../electron/sim/camera.ts';
import { resolveFfmpeg, resolveFfprobe } from '../../native/ffmpeg.ts';
import { runTool } from '../../native/ffmpeg-process.ts';

const CAMERA = 'cam-east';
/** "Resumes within 10 s": from the camera being back to the first new frame recorded. */
const RESUME_LIMIT_MS = 10_000;
/** Bounded waits for things that take seconds on an idle machine. */
const WAIT_MS = 60_000;

let dir: string;
let db: Db;
let camera: CameraSim;
let supervisor: RecorderSupervisor;
let ffmpeg: string;
const live: LiveEvent[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-faults-'));
  ffmpeg = resolveFfmpeg()!.path;
  const log = silentLogger();
  camera = await startCameraSim({ mount: 'gate-east', width: 640, height: 360, fps: 25, log });
  db = openDatabase(join(dir, 'gatehouse.db'));

  supervisor = new RecorderSupervisor({
    db, ffmpeg, ffprobe: resolveFfprobe()!.path, segmentSeconds: 4, log,
  });
  await supervisor.start({
    id: CAMERA, gateId: 'east', rtspUrl: camera.rtspUrl, root: dir,
    dir: join(dir, 'recordings', CAMERA), shareLive: true,
  });
  supervisor.liveSources().get(CAMERA)!.subscribe((event) => live.push(event));
  await until(() => segments().length >= 1);
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await camera?.stop();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('recording through camera faults', () => {
  it('a frozen picture is a stall gap, and recording resumes when the picture does', async () => {
    const frozenAt = Date.now();
    camera.faults.pauseSource();
    await until(() => openGap()?.cause === 'stall');
    await sleep(3_000);
    const backAt = Date.now();
    camera.faults.resumeSource();
    const gap = await closedGap('stall', frozenAt);

    expect(gap.fromAt).toBeGreaterThanOrEqual(frozenAt - 2_000);
    expect(gap.fromAt).toBeLessThanOrEqual(frozenAt + 1_500);
    expect(gap.toAt! - backAt).toBeLessThanOrEqual(RESUME_LIMIT_MS);
    expect(gap.detail).toMatch(/no frame for \d+ ms/);

    // The live view was told, and got a fresh init segment when the picture came back.
    const at = (e: LiveEvent) => (e.kind === 'init' ? e.init.at : e.at);
    const kinds = live.filter((e) => at(e) >= frozenAt).map((e) => e.kind);
    expect(kinds).toContain('interrupted');
    expect(kinds.slice(kinds.indexOf('interrupted'))).toContain('init');
  }, 120_000);

  it('a camera reboot is a source-lost gap, closed within 10 s of its return', async () => {
    const downAt = Date.now();
    await camera.faults.restartRelay(3_000);
    const backAt = Date.now();
    const gap = await closedGap('source-lost', downAt);

    expect(gap.fromAt).toBeGreaterThanOrEqual(downAt - 2_000);
    expect(gap.toAt! - backAt).toBeLessThanOrEqual(RESUME_LIMIT_MS);
  }, 120_000);

  it('a recorder killed mid-segment keeps the footage up to the cut, playable', async () => {
    const before = segments().length;
    await until(() => segments().length > before);
    await sleep(2_500);
    const pid = recorderPid();
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    const gap = await closedGap('recorder-exit', killedAt - 1_000);
    expect(gap.toAt! - killedAt).toBeLessThanOrEqual(RESUME_LIMIT_MS);

    // The cut segment is indexed (by the sweep: ffmpeg never announced it) and ends at the cut.
    const cut = segments().find((s) => s.endAt > killedAt - 2_000 && s.endAt <= killedAt + 500);
    expect(cut).toBeDefined();
    expect(cut!.endAt - cut!.startAt).toBeGreaterThanOrEqual(1_000);
    const decode = await runTool(ffmpeg, ['-v', 'error', '-nostdin', '-i', cut!.path,
      '-f', 'null', '-'], 30_000);
    expect({ ok: decode.ok, stderr: decode.stderr }).toEqual({ ok: true, stderr: '' });
  }, 120_000);

  it('a camera moved off a filling root records on the new one after a gap that says why',
    async () => {
      const before = segments().length;
      await until(() => segments().length > before + 1);
      const hub = supervisor.liveSources().get(CAMERA);
      const disk2 = join(dir, 'disk2');
      const why = `storage root ${dir} below its safety margin; recording moved to ${disk2}`;
      const movedAt = Date.now();

      expect(await supervisor.move(CAMERA, disk2, join(disk2, 'recordings', CAMERA), why))
        .toBe(true);
      const gap = await closedGap('recorder-exit', movedAt);

      expect(gap.detail).toBe(why);
      expect(gap.toAt! - movedAt).toBeLessThanOrEqual(RESUME_LIMIT_MS);
      expect(supervisor.roots().get(CAMERA)).toBe(disk2);
      const after = segments().filter((s) => s.startAt >= gap.toAt! - 100);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((s) => s.path.startsWith(join(disk2, 'recordings', CAMERA)))).toBe(true);
      // The live view's hub is the same one: a guard watching the lane is not cut off for good.
      expect(supervisor.liveSources().get(CAMERA)).toBe(hub);
      expect(await supervisor.move(CAMERA, disk2, join(disk2, 'recordings', CAMERA), why))
        .toBe(false);
    }, 120_000);

  it('leaves footage and gaps that tile the timeline without overlap', () => {
    const rows = segments();
    const gaps = gapsInRange(db, { cameraId: CAMERA, from: 0, to: Date.now() + 60_000 });
    expect(gaps.map((g) => g.cause)).toEqual(['stall', 'source-lost', 'recorder-exit',
      'recorder-exit']);
    for (const gap of gaps) {
      const inside = rows.filter((s) => s.startAt > gap.fromAt + 500 && s.endAt < gap.toAt! - 500);
      expect(inside).toEqual([]);
    }
  });
});

function segments(): SegmentRow[] {
  return segmentsInRange(db, { cameraId: CAMERA, from: 0, to: Date.now() + 60_000 });
}

function openGap(): GapRow | null {
  const gaps = gapsInRange(db, { cameraId: CAMERA, from: 0, to: Date.now() + 60_000 });
  return gaps.find((g) => g.toAt === null) ?? null;
}

/**
 * The gap of that cause once recording has resumed and the first segment after it is indexed:
 * the gap ends where that segment's footage begins.
 */
async function closedGap(cause: string, after: number): Promise<GapRow> {
  const find = () => gapsInRange(db, { cameraId: CAMERA, from: after, to: Date.now() + 60_000 })
    .find((g) => g.cause === cause && g.toAt !== null);
  await until(() => {
    const gap = find();
    return gap !== undefined && segments().some((s) => s.endAt > gap.toAt! + 500);
  });
  const gap = find();
  expect(gap, `a closed ${cause} gap`).toBeDefined();

  const next = segments().find((s) => s.endAt > gap!.toAt! + 500);
  expect(next!.startAt).toBeGreaterThanOrEqual(gap!.toAt! - 100);
  expect(next!.startAt - gap!.toAt!).toBeLessThan(1_500);
  return gap!;
}

/** The recorder's ffmpeg: the one process whose command line names this test's folder. */
function recorderPid(): number {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const ours = out.split('\n').filter((l) => l.includes(join(dir, 'recordings', CAMERA)));
  expect(ours).toHaveLength(1);
  return Number(ours[0]!.trim().split(/\s+/)[0]);
}

async function until(condition: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await sleep(100);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
