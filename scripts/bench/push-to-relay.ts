// push_to_relay_ms_p50 / _p99: how long after a camera's push starts to leave does the relay
// board receive the command that opens the barrier. From the first byte of the HTTP push (the
// bench's clock) to the arrival of the coil-ON frame at the board simulator (its clock, stamped
// on arrival); both are epoch ms from performance.timeOrigin + performance.now() on one machine.
// Pushes go one after another, each once the previous pulse has ended (its coil-OFF arrived).
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildHikvisionPush, loadDemoImages } from '../../electron/sim/lpr-sender.ts';
import { DEMO_CAMERA_1_MAC, DEMO_FLEET_SIZE } from '../../electron/config/demo-site.ts';
import { FramesTail, type BoardFrame } from './frames-tail.ts';
import { uniquePictures } from './pictures.ts';
import { startRig, type Rig } from './rig.ts';
import { percentile, round2 } from './stats.ts';
import { sendTimedPush } from './timed-push.ts';
import type { BenchContext, Measure, MeasureGroup } from './registry.ts';

export const P50 = 'push_to_relay_ms_p50';
export const P99 = 'push_to_relay_ms_p99';

/** 500 samples put five behind the p99, so one slow push cannot make the p99 alone. */
const DEFAULT_PUSHES = 500;

/** A short pulse so 500 pushes take about a minute; the pulse is not part of what is timed. */
const PULSE_MS = 100;

/** Modbus write coil 0 of slave 1, ON and OFF, with their CRCs: what the board receives. */
const COIL_ON = '01050000ff008c3a';
const COIL_OFF = '010500000000cdca';

/** Far above any healthy pulse (ON, 100 ms, OFF): past this the chain is broken, not slow. */
const FRAME_TIMEOUT_MS = 5_000;
const REPLY_TIMEOUT_MS = 10_000;

/** The recorder closes its first 10 s segment some seconds after the camera starts. */
const RECORDING_TIMEOUT_MS = 90_000;
const HEALTH_POLL_MS = 500;

const PROGRESS_EVERY = 100;

interface Sample {
  relayMs: number;
  replyMs: number;
}

export const pushToRelay: MeasureGroup = {
  id: 'push-to-relay',
  names: [P50, P99],
  run,
};

async function run(ctx: BenchContext): Promise<Measure[]> {
  const pushes = ctx.pushes ?? DEFAULT_PUSHES;
  if (!Number.isInteger(pushes) || pushes < 1 || pushes > DEMO_FLEET_SIZE) {
    throw new Error(`--pushes must be 1..${DEMO_FLEET_SIZE} (one fleet plate each)`);
  }

  const rig = await startRig({ pulseMs: PULSE_MS, note: ctx.note });
  let ok = false;
  try {
    await waitForRecording(rig, ctx);
    const load = loadavg();
    const samples = await pushOneByOne(rig, pushes, ctx);
    ok = true;
    return summarise(samples, [load, loadavg()], ctx);
  } finally {
    await rig.stop(!ok);
  }
}

/** Recording must really be going (a segment indexed), as it is at a working gate. */
async function waitForRecording(rig: Rig, ctx: BenchContext): Promise<void> {
  const skipped = rig.demo.ready.skipped;
  if (skipped.recording) throw new Error(`the demo is not recording: ${skipped.recording}`);

  ctx.note('waiting for the first recorded segment');
  const health = new URL('api/health', rig.demo.ready.ui);
  const deadline = Date.now() + RECORDING_TIMEOUT_MS;
  for (;;) {
    const body = (await (await fetch(health)).json()) as { segments?: number };
    if ((body.segments ?? 0) >= 1) return;
    if (Date.now() > deadline) {
      throw new Error(`no recorded segment within ${RECORDING_TIMEOUT_MS} ms`);
    }
    await sleep(HEALTH_POLL_MS);
  }
}

async function pushOneByOne(rig: Rig, pushes: number, ctx: BenchContext): Promise<Sample[]> {
  const url = `http://127.0.0.1:${rig.demo.ready.lprPort}/lpr/hikvision/cam-1`;
  const images = loadDemoImages();
  const tail = new FramesTail(rig.framesFile);
  const samples: Sample[] = [];

  try {
    if (tail.pending() > 0) throw new Error('the board received frames before the first push');
    ctx.note(`sending ${pushes} pushes of distinct fleet plates to ${url}`);

    for (let n = 0; n < pushes; n++) {
      const plate = `豫B${String(n).padStart(5, '0')}`;
      const eventId = randomUUID();
      const push = buildHikvisionPush({ plate, color: 'yellow', uuid: eventId,
        dateTime: new Date().toISOString(), images: uniquePictures(images, eventId),
        mac: DEMO_CAMERA_1_MAC });

      const replying = sendTimedPush(url, push, REPLY_TIMEOUT_MS);
      replying.catch(() => undefined); // a frame timeout below is the error to report

      const on = await nextFrame(tail, COIL_ON, plate, ctx);
      await nextFrame(tail, COIL_OFF, plate, ctx);
      const reply = await replying;
      if (reply.status !== 200) {
        throw new Error(`push of ${plate} answered ${reply.status}: ${reply.body}`);
      }

      samples.push({ relayMs: on.at - reply.sentAt, replyMs: reply.repliedAt - reply.sentAt });
      if ((n + 1) % PROGRESS_EVERY === 0) ctx.note(`${n + 1} pushes done`);
    }
    return samples;
  } finally {
    tail.close();
  }
}

/** The next frame with this content; any other frame on the way is noted and passed over. */
async function nextFrame(
  tail: FramesTail, hex: string, plate: string, ctx: BenchContext,
): Promise<BoardFrame> {
  for (;;) {
    let frame: BoardFrame;
    try {
      frame = await tail.next(FRAME_TIMEOUT_MS);
    } catch (err) {
      const what = hex === COIL_ON ? 'coil ON' : 'coil OFF';
      throw new Error(`push of ${plate}: ${what} never came (${(err as Error).message})`);
    }
    if (frame.hex === hex) return frame;
    ctx.note(`push of ${plate}: unexpected frame ${frame.hex} while waiting for ${hex}`);
  }
}

function summarise(samples: Sample[], loads: number[][], ctx: BenchContext): Measure[] {
  const relay = samples.map((s) => s.relayMs);
  const reply = samples.map((s) => s.replyMs);
  const ms = (v: number) => `${round2(v)} ms`;
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');

  ctx.note(`push → relay ON over ${samples.length} pushes: min ${ms(Math.min(...relay))}, ` +
    `p50 ${ms(percentile(relay, 50))}, p90 ${ms(percentile(relay, 90))}, ` +
    `p99 ${ms(percentile(relay, 99))}, max ${ms(Math.max(...relay))}`);
  ctx.note(`push → reply: p50 ${ms(percentile(reply, 50))}, p99 ${ms(percentile(reply, 99))}, ` +
    `max ${ms(Math.max(...reply))}`);
  ctx.note(`load average (1, 5, 15 min) before: ${load(loads[0]!)}; after: ${load(loads[1]!)}`);

  return [
    { name: P50, value: round2(percentile(relay, 50)), unit: 'ms' },
    { name: P99, value: round2(percentile(relay, 99)), unit: 'ms' },
  ];
}
