// The demo camera: an ffmpeg test pattern with a burned-in clock and frame number, encoded the way
// gate cameras send it (H.264 baseline, yuv420p), pushed as RTP to a loopback UDP port, and served
// as RTSP over TCP by the GStreamer relay (gst_rtsp_relay.py). The demo site, training mode and
// the recording tests all watch this camera.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import type { Logger } from '../log/logger.ts';
import {
  forEachLine,
  runTool,
  stopChild,
  trackChild,
  type TrackedChild,
} from '../../native/ffmpeg-process.ts';
import { findCameraSimTools, RELAY_SCRIPT, type CameraSimToolPaths } from './camera-tools.ts';

export { checkCameraSimTools } from './camera-tools.ts';

export interface CameraSimOptions extends CameraSimToolPaths {
  /** RTSP port of the relay; 0 (the default) picks a free one. */
  rtspPort?: number;
  mount: string;
  width: number;
  height: number;
  fps: number;
  /** Serve this H.264 clip looped by stream copy instead of encoding a test pattern live: a
   * live encoder costs a third of a core, too much for a rig of eight cameras. */
  clip?: string;
  log: Logger;
}

export interface CameraSim {
  rtspUrl: string;
  stop(): Promise<void>;
  /** Faults a real camera has, for training mode and the recorder's tests (POSIX only). */
  faults: CameraFaults;
}

export interface CameraFaults {
  /** The picture freezes: the RTSP session stays up and no frame comes (SIGSTOP). */
  pauseSource(): void;
  resumeSource(): void;
  /** The camera reboots: its RTSP server goes away and comes back on the same port. */
  restartRelay(downMs: number): Promise<void>;
}

const FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/** One keyframe a second: recorder segments cut on keyframes, so short test segments stay close
 * to their nominal length, and a late joiner waits at most a second for a picture. */
const GOP_SECONDS = 1;

/** About what a 720p gate camera's main stream carries. */
const SOURCE_BITRATE = '2M';

/** Importing gi and starting GStreamer; generous for a busy CI machine. */
const RELAY_READY_TIMEOUT_MS = 15_000;

/** From spawning the source until an RTSP client sees H.264 (about 1–2 s when idle). */
const STREAM_READY_TIMEOUT_MS = 20_000;
const STREAM_PROBE_TIMEOUT_MS = 5_000;
const STREAM_PROBE_INTERVAL_MS = 250;

/** ffmpeg and the relay both exit on SIGTERM at once; SIGKILL after this. */
const STOP_GRACE_MS = 3_000;

export async function startCameraSim(options: CameraSimOptions): Promise<CameraSim> {
  const { mount, width, height, fps, log } = options;
  if (!/^[A-Za-z0-9_-]+$/.test(mount)) throw new Error(`camera sim: bad mount name "${mount}"`);
  if (!(width > 0 && height > 0 && fps > 0)) throw new Error('camera sim: bad width/height/fps');

  const tools = findCameraSimTools(options);
  if (!tools.ok) {
    throw new Error(`The demo camera cannot start here: ${tools.missing.join('; ')}`);
  }

  const children: TrackedChild[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(children.map((c) => stopChild(c, 'SIGTERM', STOP_GRACE_MS)));
  };

  try {
    const rtpPort = await freeUdpPort();
    const relay = spawnRelay(tools.python, rtpPort, options.rtspPort ?? 0, mount, log);
    children.push(relay.tracked);
    const rtspPort = await relay.ready;

    const source = spawnSource(tools.ffmpeg, rtpPort, options, log);
    children.push(source);

    const rtspUrl = `rtsp://127.0.0.1:${rtspPort}/${mount}`;
    await waitForStream(tools.ffprobe, rtspUrl, children);
    log.info({ rtspUrl, width, height, fps }, 'demo camera streaming');

    const faults: CameraFaults = {
      pauseSource: () => void source.child.kill('SIGSTOP'),
      resumeSource: () => void source.child.kill('SIGCONT'),
      restartRelay: async (downMs) => {
        const old = children.indexOf(relay.tracked);
        await stopChild(relay.tracked, 'SIGTERM', STOP_GRACE_MS);
        await new Promise((resolve) => setTimeout(resolve, downMs));
        const again = spawnRelay(tools.python, rtpPort, rtspPort, mount, log);
        children[old] = again.tracked;
        relay.tracked = again.tracked;
        await again.ready;
      },
    };
    return { rtspUrl, stop, faults };
  } catch (err) {
    await stop();
    throw err;
  }
}

function spawnRelay(
  python: string,
  rtpPort: number,
  rtspPort: number,
  mount: string,
  log: Logger,
): { tracked: TrackedChild; ready: Promise<number> } {
  const args = [RELAY_SCRIPT, '--rtp-port', String(rtpPort), '--rtsp-port', String(rtspPort)];
  args.push('--mount', mount);
  const child = spawn(python, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  const tracked = trackChild(child);

  const stderr: string[] = [];
  forEachLine(child.stderr, (line) => {
    stderr.push(line);
    log.warn({ line }, 'rtsp relay');
  });

  const ready = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the RTSP relay did not start within ${RELAY_READY_TIMEOUT_MS} ms`));
    }, RELAY_READY_TIMEOUT_MS);

    forEachLine(child.stdout, (line) => {
      const match = /^READY (\d+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });

    void tracked.closed.then(() => {
      clearTimeout(timer);
      const why = stderr.slice(-3).join(' | ') || `exit code ${child.exitCode}`;
      reject(new Error(`the RTSP relay exited: ${why}`));
    });
  });
  return { tracked, ready };
}

function spawnSource(
  ffmpeg: string,
  rtpPort: number,
  options: CameraSimOptions,
  log: Logger,
): TrackedChild {
  const { width, height, fps } = options;
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-re'];
  if (options.clip) {
    args.push('-stream_loop', '-1', '-i', options.clip, '-map', '0:v:0', '-c', 'copy');
    args.push('-f', 'rtp', `rtp://127.0.0.1:${rtpPort}?pkt_size=1200`);
    const looped = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    forEachLine(looped.stderr, (line) => log.warn({ line }, 'camera source'));
    return trackChild(looped);
  }
  args.push('-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=${fps}`);

  const clock = clockFilter(height);
  if (clock) args.push('-vf', clock);
  else log.warn({ font: FONT_FILE }, 'no font for the burned-in clock; the picture has none');

  args.push('-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast');
  args.push('-tune', 'zerolatency', '-profile:v', 'baseline');
  args.push('-g', String(Math.max(1, Math.round(fps * GOP_SECONDS))), '-b:v', SOURCE_BITRATE);
  args.push('-f', 'rtp', `rtp://127.0.0.1:${rtpPort}?pkt_size=1200`);

  // stdout carries only the SDP ffmpeg prints for RTP output; the relay has its own caps.
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
  forEachLine(child.stderr, (line) => log.warn({ line }, 'camera source'));
  return trackChild(child);
}

/** Local wall-clock time and frame number, top left, so a recording can be checked by eye. */
function clockFilter(height: number): string | null {
  if (!existsSync(FONT_FILE)) return null;

  const size = Math.max(12, Math.round(height / 18));
  return (
    `drawtext=fontfile=${FONT_FILE}:text='%{localtime} f%{n}':fontsize=${size}` +
    ':fontcolor=white:box=1:boxcolor=black@0.6:x=20:y=20'
  );
}

async function waitForStream(
  ffprobe: string,
  rtspUrl: string,
  children: TrackedChild[],
): Promise<void> {
  const deadline = Date.now() + STREAM_READY_TIMEOUT_MS;
  const args = ['-v', 'error', '-rtsp_transport', 'tcp', '-select_streams', 'v:0'];
  args.push('-show_entries', 'stream=codec_name', '-of', 'csv=p=0', rtspUrl);

  let last = '';
  while (Date.now() < deadline) {
    const dead = children.find((c) => c.child.exitCode !== null || c.child.signalCode !== null);
    if (dead) throw new Error(`the demo camera's ${dead.child.spawnfile} exited while starting`);

    const run = await runTool(ffprobe, args, STREAM_PROBE_TIMEOUT_MS);
    if (run.stdout.trim() === 'h264') return;
    last = (run.error ?? run.stderr).trim();
    await new Promise((resolve) => setTimeout(resolve, STREAM_PROBE_INTERVAL_MS));
  }
  throw new Error(`no H.264 on ${rtspUrl} after ${STREAM_READY_TIMEOUT_MS} ms: ${last}`);
}

/** A UDP port nobody is using now; the relay binds it when its first RTSP client arrives. */
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
