// recorder_cpu_pct_per_camera_1, _4, _8: the CPU the recording costs per 1080p camera, in % of
// one core (goal ≤ 1.5). The real recorder supervisor records N simulated cameras (the demo
// camera's RTSP relay serving a cached 1080p clip looped by stream copy: no live encoder) into a
// real SQLite index. Measured over MEASURE_MS after every camera has written its first segment:
// the recorder ffmpeg processes' user + system time from /proc/<pid>/stat, the ffprobe runs that
// check each segment, plus this process's own process.cpuUsage (the supervisor, the index
// writes), divided by N and by the wall time. The simulators' processes are not counted: they
// stand in for cameras.
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../electron/db/database.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { countSegments } from '../../electron/recording/segments.ts';
import { RecorderSupervisor } from '../../electron/recording/supervisor.ts';
import { startCameraSim, type CameraSim } from '../../electron/sim/camera.ts';
import { resolveFfmpeg, resolveFfprobe } from '../../native/ffmpeg.ts';
import { cachedBenchClip } from './recorder-clip.ts';
import { onShutdown } from './shutdown.ts';
import { round2 } from './stats.ts';
import type { BenchContext, Measure, MeasureGroup } from './registry.ts';

const CAMERA_COUNTS = [1, 4, 8] as const;
const NAME = (n: number) => `recorder_cpu_pct_per_camera_${n}`;

/** Long enough to span several segments of every camera (10-s segments, as on site). */
const MEASURE_MS = 30_000;
const SEGMENT_SECONDS = 10;
/** Until every camera's first segment is indexed (the relay and the first GOP, on a busy PC). */
const WARM_UP_TIMEOUT_MS = 90_000;

export const recorderCpu: MeasureGroup = {
  id: 'recorder-cpu',
  names: CAMERA_COUNTS.map(NAME),
  run,
};

async function run(ctx: BenchContext): Promise<Measure[]> {
  const ffmpeg = resolveFfmpeg()?.path;
  const ffprobe = resolveFfprobe()?.path;
  if (!ffmpeg || !ffprobe) throw new Error('the recorder bench needs ffmpeg and ffprobe');
  const clip = await cachedBenchClip(ffmpeg, ctx.note);

  const measures: Measure[] = [];
  for (const n of CAMERA_COUNTS) {
    const pct = await measureCameras(n, { ffmpeg, ffprobe, clip }, ctx);
    measures.push({ name: NAME(n), value: round2(pct), unit: '%' });
  }
  return measures;
}

async function measureCameras(
  n: number,
  tools: { ffmpeg: string; ffprobe: string; clip: string },
  ctx: BenchContext,
): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-recorder-'));
  const log = silentLogger();
  const cameras: CameraSim[] = [];
  const db = openDatabase(join(dir, 'gatehouse.db'));
  const supervisor = new RecorderSupervisor({ db, ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe,
    segmentSeconds: SEGMENT_SECONDS, log });
  const stop = async () => {
    await supervisor.stop();
    await Promise.all(cameras.map((c) => c.stop()));
  };
  const unregister = onShutdown(stop);

  try {
    ctx.note(`recorder bench: starting ${n} simulated 1080p camera(s)`);
    for (let k = 0; k < n; k++) {
      cameras.push(await startCameraSim({ mount: `cam${k}`, width: 1920, height: 1080, fps: 25,
        clip: tools.clip, log }));
    }
    const recordings = join(dir, 'recordings');
    for (const [k, camera] of cameras.entries()) {
      await supervisor.start({ id: `cam-${k}`, gateId: 'east', rtspUrl: camera.rtspUrl,
        root: dir, dir: join(recordings, `cam-${k}`), shareLive: false });
    }

    const deadline = Date.now() + WARM_UP_TIMEOUT_MS;
    while (countSegments(db) < n && Date.now() < deadline) await sleep(250);
    if (countSegments(db) < n) throw new Error(`${n} cameras: no segment from every camera`);

    const pids = recorderPids(recordings);
    if (pids.length !== n) {
      throw new Error(`expected ${n} recorder processes, found ${pids.length}`);
    }
    const ticks = clockTicks();
    const before = { procs: cpuTicks(pids), self: process.cpuUsage(), at: performance.now() };
    await sleep(MEASURE_MS);
    const procsS = (cpuTicks(pids) - before.procs) / ticks;
    const self = process.cpuUsage(before.self);
    const wallS = (performance.now() - before.at) / 1000;

    const selfS = (self.user + self.system) / 1e6;
    const pct = ((procsS + selfS) / wallS / n) * 100;
    ctx.note(`recorder bench: ${n} camera(s): ffmpeg ${round2(procsS)} s + supervisor ` +
      `${round2(selfS)} s over ${round2(wallS)} s → ${round2(pct)} % of a core per camera`);
    return pct;
  } finally {
    await stop();
    unregister();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The recorder ffmpeg children of this process: those writing under `recordings`. */
function recorderPids(recordings: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (comm === 'ffmpeg' && cmdline.includes(recordings)) pids.push(Number(entry));
    } catch {
      // A process that ended while we looked.
    }
  }
  return pids;
}

/**
 * utime + stime of the recorder processes (fields 14 and 15 of /proc/<pid>/stat), plus this
 * process's cutime + cstime (16, 17): the children it has reaped, which during the measurement
 * are only the ffprobe runs that check each closed segment. In clock ticks.
 */
function cpuTicks(pids: readonly number[]): number {
  let sum = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    sum += Number(fields[11]) + Number(fields[12]);
  }
  const self = statFields('self');
  return sum + Number(self[13]) + Number(self[14]);
}

/** The fields after the command name, which may hold spaces: field 3 is index 0. */
function statFields(pid: number | 'self'): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function clockTicks(): number {
  return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
}
