// The live-latency bench's camera: a live encoder whose every frame carries the wall-clock
// millisecond it was made, drawn as black and white blocks (40 bits, read back from pixels in
// Chromium; no OCR). Node draws each frame at its moment and pipes it raw to ffmpeg, which
// encodes it the way a gate camera's sub-stream is sent (H.264 baseline, no B-frames, one
// keyframe a second) as RTP into the GStreamer relay that serves it over RTSP.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createSocket } from 'node:dgram';
import { findCameraSimTools, RELAY_SCRIPT } from '../../electron/sim/camera-tools.ts';
import { stopChild, trackChild, type TrackedChild } from '../../native/ffmpeg-process.ts';

/** The frame and its bit blocks; live-latency.ts reads the picture with the same layout. */
export const CLOCK_LAYOUT = { width: 320, height: 240, cols: 8, rows: 5, bits: 40 } as const;
export const CLOCK_FPS = 25;

const RELAY_READY_MS = 15_000;

export interface ClockCamera {
  rtspUrl: string;
  stop(): Promise<void>;
}

/** Gray frame (one byte a pixel) showing `at` (ms) in its blocks: bit i, block i, row by row. */
export function drawClockFrame(at: number): Buffer {
  const { width, height, cols, rows, bits } = CLOCK_LAYOUT;
  const frame = Buffer.alloc(width * height);
  const bw = width / cols;
  const bh = height / rows;
  let value = BigInt(at) & ((1n << BigInt(bits)) - 1n);
  for (let i = 0; i < bits; i++) {
    const on = (value & 1n) === 1n;
    value >>= 1n;
    if (!on) continue;
    const x0 = (i % cols) * bw;
    const y0 = Math.floor(i / cols) * bh;
    for (let y = y0; y < y0 + bh; y++) frame.fill(255, y * width + x0, y * width + x0 + bw);
  }
  return frame;
}

export async function startClockCamera(): Promise<ClockCamera> {
  const tools = findCameraSimTools();
  if (!tools.ok) throw new Error(`the clock camera needs ${tools.missing.join('; ')}`);

  const children: TrackedChild[] = [];
  let ticking: NodeJS.Timeout | null = null;
  const stop = async () => {
    if (ticking) clearTimeout(ticking);
    await Promise.all(children.map((c) => stopChild(c, 'SIGTERM', 3_000)));
  };

  try {
    const rtpPort = await freeUdpPort();
    const relay = spawn(tools.python, [RELAY_SCRIPT, '--rtp-port', String(rtpPort),
      '--rtsp-port', '0', '--mount', 'clock'], { stdio: ['pipe', 'pipe', 'ignore'] });
    children.push(trackChild(relay));
    const rtspPort = await readyPort(relay.stdout!);

    const { width, height } = CLOCK_LAYOUT;
    const args = ['-hide_banner', '-loglevel', 'error', '-use_wallclock_as_timestamps', '1'];
    args.push('-f', 'rawvideo', '-pix_fmt', 'gray', '-s', `${width}x${height}`);
    args.push('-framerate', String(CLOCK_FPS), '-i', 'pipe:0');
    args.push('-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast');
    args.push('-tune', 'zerolatency', '-profile:v', 'baseline', '-g', String(CLOCK_FPS));
    args.push('-f', 'rtp', `rtp://127.0.0.1:${rtpPort}?pkt_size=1200`);
    const encoder = spawn(tools.ffmpeg, args, { stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(trackChild(encoder));
    encoder.stdin.on('error', () => undefined);

    // Frames on a fixed 40-ms grid, each showing the moment it is handed to the encoder.
    const started = Date.now();
    let n = 0;
    const tick = () => {
      encoder.stdin.write(drawClockFrame(Date.now()));
      n += 1;
      ticking = setTimeout(tick, Math.max(0, started + (n * 1000) / CLOCK_FPS - Date.now()));
    };
    tick();

    return { rtspUrl: `rtsp://127.0.0.1:${rtspPort}/clock`, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function readyPort(stdout: NodeJS.ReadableStream): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the RTSP relay did not start')),
      RELAY_READY_MS);
    createInterface({ input: stdout }).on('line', (line) => {
      const match = /^READY (\d+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });
  });
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
