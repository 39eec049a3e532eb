// The world the push-to-relay measure runs in, started the way a user starts it: the relay
// board simulator on the far end of a socat pty (its own process), the city platform simulator
// (its own process: the real platform is not on the gate PC), and the demo CLI in a child
// process, headless, without scripted trucks, with the camera simulator and recorder running.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createPtyPair, type PtyPair } from '../../electron/sim/pty.ts';
import { DEMO_PLATFORM_SECRET } from '../../electron/host/demo-devices.ts';
import { REPO, startChild, type Child } from './children.ts';
import { onShutdown } from './shutdown.ts';

/** The demo builds a missing UI and starts ffmpeg, the RTSP camera and ONVIF before it is up. */
const DEMO_READY_TIMEOUT_MS = 120_000;
const SIM_READY_TIMEOUT_MS = 30_000;
const DEMO_APP_ID = 'demo-enterprise';

export interface DemoReady {
  ready: true;
  ui: string;
  lprPort: number;
  dataDir: string;
  skipped: Record<string, string>;
}

export interface Rig {
  dir: string;
  framesFile: string;
  demo: Child<DemoReady>;
  /** Stops everything started, newest first; removes the folder unless `keep`. */
  stop(keep: boolean): Promise<void>;
}

export interface RigOptions {
  pulseMs: number;
  note(text: string): void;
}

/**
 * The bench's folder sits under the repository's .gatehouse-data, beside the demo's own: the
 * same disk a user's data folder is on. A tmpfs /tmp would make every fsync free.
 */
export async function startRig(o: RigOptions): Promise<Rig> {
  const dir = join(REPO, '.gatehouse-data', `bench-${Date.now()}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const framesFile = join(dir, 'board-frames.jsonl');
  const stops: Array<() => Promise<void>> = [];
  let stopped = false;

  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  // Interrupted (Ctrl-C): nothing was measured, so nothing is kept.
  const unregister = onShutdown(async () => {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  try {
    const pty: PtyPair = await createPtyPair(join(dir, 'pty'));
    stops.push(() => pty.close());

    const board = await startChild<{ ready: true }>({
      label: 'relay board simulator', script: 'electron/sim/cli.ts',
      args: ['board', '--path', pty.b, '--slave', '1', '--frames', framesFile],
      readyTimeoutMs: SIM_READY_TIMEOUT_MS,
    });
    stops.push(() => board.stop());

    const platform = await startChild<{ ready: true; url: string }>({
      label: 'platform simulator', script: 'electron/sim/cli.ts',
      args: ['platform', '--app-id', DEMO_APP_ID, '--secret', DEMO_PLATFORM_SECRET,
        '--state', join(dir, 'platform.jsonl')],
      readyTimeoutMs: SIM_READY_TIMEOUT_MS,
    });
    stops.push(() => platform.stop());

    o.note('starting the demo site (headless, camera and recorder on, no scripted trucks)');
    const demo = await startChild<DemoReady>({
      label: 'demo', script: 'electron/cli.ts',
      args: ['--demo', '--headless', '--data', join(dir, 'data'), '--api-port', '0',
        '--lpr-port', '0', '--serial', pty.a, '--platform-url', platform.ready.url,
        '--no-trucks', '--pulse-ms', String(o.pulseMs)],
      readyTimeoutMs: DEMO_READY_TIMEOUT_MS,
      // The level a user's start has; a developer's GATEHOUSE_LOG_LEVEL=debug would add work.
      env: { GATEHOUSE_LOG_LEVEL: 'info' },
    });
    stops.push(() => demo.stop());

    return {
      dir, framesFile, demo,
      async stop(keep) {
        await stopAll();
        unregister();
        if (keep) o.note(`kept the bench folder for a look: ${dir}`);
        else rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopAll();
    unregister();
    o.note(`kept the bench folder for a look: ${dir}`);
    throw err;
  }
}
