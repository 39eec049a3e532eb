// The simulator CLI as end-to-end tests and the bench use it: started as its own process,
// ready line on stdout, frame record in a file, clean exit on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RelayBoard } from '../devices/barrier/modbus-board.ts';
import { ModbusBus, type ModbusTransport } from '../devices/barrier/modbus-bus.ts';
import { silentLogger } from '../log/logger.ts';
import type { Frame } from './modbus-board.ts';
import { createPtyPair, type PtyPair } from './pty.ts';

const CLI = join(import.meta.dirname, 'cli.ts');
const log = silentLogger();

let dir: string;
let pty: PtyPair | undefined;
let child: ChildProcess | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-sim-cli-'));
});

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('close', resolve));
  }
  await pty?.close();
  child = pty = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the CLI and resolves with its first stdout line, parsed. */
async function startSim(args: string[]): Promise<Record<string, unknown>> {
  child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child!.once('close', (code) => reject(new Error(`sim exited with ${code} before ready`)));
  });
  return JSON.parse(first) as Record<string, unknown>;
}

async function pulseThrough(transport: ModbusTransport): Promise<void> {
  const bus = new ModbusBus(transport, log);
  await new RelayBoard(bus, { timeoutMs: 500, log }).pulse(1, 0, 200);
  await bus.close();
}

async function stopSim(): Promise<number | null> {
  const closed = new Promise<number | null>((resolve) => child!.once('close', resolve));
  child!.kill('SIGTERM');
  return closed;
}

function readFrames(file: string): Frame[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Frame);
}

describe('sim board', () => {
  it('runs the relay board on a pty, records frames to the file and exits on SIGTERM', async () => {
    pty = await createPtyPair(dir);
    const frames = join(dir, 'frames.jsonl');

    const ready = await startSim(['board', '--path', pty.b, '--slave', '1', '--frames', frames]);
    await pulseThrough({ kind: 'rtu', path: pty.a, baudRate: 9600 });

    expect(ready).toMatchObject({ ready: true, path: pty.b, slave: [1] });
    const recorded = readFrames(frames);
    expect(recorded.map((f) => f.hex)).toEqual(['01050000ff008c3a', '010500000000cdca']);
    expect(recorded[1].at - recorded[0].at).toBeGreaterThanOrEqual(200);
    expect(await stopSim()).toBe(0);
  });

  it('runs the relay board on Modbus TCP and says which port it took', async () => {
    const frames = join(dir, 'frames.jsonl');

    const ready = await startSim(['board', '--tcp-port', '0', '--frames', frames]);
    const port = ready.port as number;
    await pulseThrough({ kind: 'tcp', host: '127.0.0.1', port });

    expect(port).toBeGreaterThan(0);
    expect(readFrames(frames).map((f) => [f.transport, f.coil, f.value])).toEqual([
      ['tcp', 0, true], ['tcp', 0, false],
    ]);
    expect(await stopSim()).toBe(0);
  });

  it('refuses to start without a port, with the usage on stderr', async () => {
    child = spawn(process.execPath, [CLI, 'board', '--slave', '1'], { stdio: 'pipe' });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));

    const code = await new Promise((resolve) => child!.once('close', resolve));

    expect(code).toBe(1);
    expect(stderr).toMatch(/usage: sim board/);
  });
});
