// Starts one simulator as its own process: `node electron/sim/cli.ts <simulator> [flags]`.
// End-to-end tests, the bench and the installer's training mode start and kill them one by one.
// Each simulator prints one JSON line `{"ready":true,...}` on stdout when it listens, logs to
// stderr, and exits cleanly on SIGTERM or SIGINT. A new simulator is one entry in SIMULATORS.
import { runBoardCommand } from './board-command.ts';
import { runLprCameraCommand } from './lpr-camera-command.ts';
import { runPlatformCommand } from './platform-command.ts';
import { runOnvifCommand } from './onvif-command.ts';
import {
  runCameraRelayCommand, runDisplayBoardCommand, runSerialGateCommand,
} from './device-commands.ts';

type RunSimulator = (args: string[]) => Promise<{ close(): Promise<void> }>;

const SIMULATORS: Record<string, RunSimulator> = {
  board: (args) => runBoardCommand(args),
  'lpr-camera': (args) => runLprCameraCommand(args),
  platform: (args) => runPlatformCommand(args),
  onvif: (args) => runOnvifCommand(args),
  'camera-relay': (args) => runCameraRelayCommand(args),
  'serial-gate': (args) => runSerialGateCommand(args),
  'display-board': (args) => runDisplayBoardCommand(args),
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const run = name === undefined ? undefined : SIMULATORS[name];
  if (!run) {
    process.stderr.write(`usage: sim <${Object.keys(SIMULATORS).join('|')}> [flags]\n`);
    process.exitCode = 2;
    return;
  }

  let sim: { close(): Promise<void> };
  try {
    sim = await run(args);
  } catch (err) {
    process.stderr.write(`sim ${name}: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await sim.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

await main(process.argv.slice(2));
