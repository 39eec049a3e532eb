// The demo site's simulated world: the city platform, the relay board on a serial pty (or on
// Modbus TCP where no pty can be made) and the recording camera with its ONVIF service. Each
// piece that cannot run here is skipped with the reason, and the rest of the demo goes on.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log/logger.ts';
import type { BarrierConfig } from '../config/site.ts';
import type { DemoFlags } from './types.ts';
import { createPtyPair } from '../sim/pty.ts';
import { startModbusBoard } from '../sim/modbus-board.ts';
import { startPlatformSim } from '../sim/platform.ts';
import { checkCameraSimTools, startCameraSim } from '../sim/camera.ts';
import { startOnvifResponder } from '../sim/onvif-responder.ts';

/** The demo platform's shared secret; a real site gets its own from the city platform. */
export const DEMO_PLATFORM_SECRET = 'demo-shared-secret-not-for-production';
export const DEMO_ONVIF_USER = 'admin';
/** The relay board's address on the demo RS-485 bus and the coil wired to OPEN. */
export const DEMO_BOARD_SLAVE = 1;
export const DEMO_BOARD_COIL = 0;

export interface DemoWorld {
  lane1Barrier: BarrierConfig;
  platformUrl: string;
  onvif?: { url: string; username: string; password: string };
  /** Links that could not run here, with the reason. */
  skipped: Record<string, string>;
  stop(): Promise<void>;
}

export async function startDemoWorld(
  dataDir: string,
  flags: DemoFlags,
  pulseMs: number,
  log: Logger,
): Promise<DemoWorld> {
  const stops: Array<() => Promise<void>> = [];
  const skipped: Record<string, string> = {};
  const simDir = join(dataDir, 'sim');
  mkdirSync(simDir, { recursive: true });

  let platformUrl = flags.platformUrl;
  if (!platformUrl) {
    const sim = await startPlatformSim({
      appId: 'demo-enterprise', secret: DEMO_PLATFORM_SECRET, host: '127.0.0.1', port: 0,
      stateFile: join(simDir, 'platform-state.jsonl'), log,
    });
    stops.push(() => sim.stop());
    platformUrl = sim.url;
  }

  const lane1Barrier = await demoBoard(simDir, flags, pulseMs, log, stops, skipped);
  const onvif = flags.camera === false
    ? (skipped.recording = 'turned off with --no-camera', undefined)
    : await demoCamera(log, stops, skipped);

  return {
    lane1Barrier,
    platformUrl,
    onvif,
    skipped,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

async function demoBoard(
  simDir: string, flags: DemoFlags, pulseMs: number, log: Logger,
  stops: Array<() => Promise<void>>, skipped: Record<string, string>,
): Promise<BarrierConfig> {
  const common = { slave: DEMO_BOARD_SLAVE, coil: DEMO_BOARD_COIL, pulseMs, timeoutMs: 500 };
  if (flags.serial) return { kind: 'modbus-rtu', path: flags.serial, baudRate: 9600, ...common };
  if (flags.modbusTcpPort) {
    return { kind: 'modbus-tcp', host: '127.0.0.1', port: flags.modbusTcpPort, ...common };
  }

  const framesFile = join(simDir, 'board-frames.jsonl');
  try {
    const pty = await createPtyPair(join(simDir, 'pty'));
    stops.push(() => pty.close());
    const board = await startModbusBoard({ path: pty.b, slave: DEMO_BOARD_SLAVE, framesFile, log });
    stops.push(() => board.close());
    return { kind: 'modbus-rtu', path: pty.a, baudRate: 9600, ...common };
  } catch (err) {
    skipped.serialPty = `${(err as Error).message}; the relay board runs on Modbus TCP instead`;
    const board = await startModbusBoard({ tcpPort: 0, host: '127.0.0.1',
      slave: DEMO_BOARD_SLAVE, framesFile, log });
    stops.push(() => board.close());
    return { kind: 'modbus-tcp', host: '127.0.0.1', port: board.port!, ...common };
  }
}

async function demoCamera(
  log: Logger, stops: Array<() => Promise<void>>, skipped: Record<string, string>,
): Promise<DemoWorld['onvif']> {
  const missing = checkCameraSimTools();
  if (missing.length) {
    skipped.recording = `camera simulator needs ${missing.join(', ')}`;
    return undefined;
  }

  const camera = await startCameraSim({ mount: 'cam1', width: 1280, height: 720, fps: 25, log });
  stops.push(() => camera.stop());
  const password = randomBytes(9).toString('base64url');
  const onvif = await startOnvifResponder({
    port: 0, username: DEMO_ONVIF_USER, password, streamUri: camera.rtspUrl, log,
  });
  stops.push(() => onvif.stop());
  return { url: onvif.url, username: DEMO_ONVIF_USER, password };
}
