// A pair of connected serial ptys made by socat: the app opens one end as if it were the
// RS-485 adapter, a simulated device owns the other. Linux only (socat); on Windows the
// simulators fall back to Modbus TCP on loopback.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** socat creates both links within a few milliseconds; 5 s covers a loaded CI machine. */
const PTY_READY_TIMEOUT_MS = 5_000;
const PTY_POLL_MS = 20;
/** socat exits at once on SIGTERM; after this it is killed outright. */
const SOCAT_EXIT_TIMEOUT_MS = 2_000;

export interface PtyPair {
  /** Link to the first end (the app's side by convention). Stable across socat restarts. */
  a: string;
  /** Link to the second end (the simulated device's side). */
  b: string;
  pid: number;
  close(): Promise<void>;
}

/** Starts `socat` with two raw ptys linked as `<dir>/a` and `<dir>/b`, ready once both exist. */
export async function createPtyPair(dir: string): Promise<PtyPair> {
  mkdirSync(dir, { recursive: true });
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  rmSync(a, { force: true }); // a link left by a killed socat would look ready at once
  rmSync(b, { force: true });

  const socat = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );

  let stderr = '';
  socat.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => socat.once('close', () => resolve()));
  let failure: Error | null = null;
  socat.once('error', (err: NodeJS.ErrnoException) => {
    failure = err.code === 'ENOENT'
      ? new Error('socat is not installed (Debian: apt-get install socat); no serial pty possible')
      : new Error(`socat could not start: ${err.message}`);
  });
  socat.once('exit', (code, signal) => {
    failure ??= new Error(`socat exited (${signal ?? code}) before the ptys were ready: ${stderr}`);
  });

  // socat must not outlive its owner (a crashed host, a hung test): it would hold the links.
  const killOnExit = () => socat.kill('SIGTERM');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  const close = async () => {
    if (socat.exitCode !== null || socat.signalCode !== null || socat.pid === undefined) return;
    socat.kill('SIGTERM');
    const killer = setTimeout(() => socat.kill('SIGKILL'), SOCAT_EXIT_TIMEOUT_MS);
    await exited;
    clearTimeout(killer);
  };

  const deadline = Date.now() + PTY_READY_TIMEOUT_MS;
  while (!(existsSync(a) && existsSync(b))) {
    if (failure) throw failure;
    if (Date.now() > deadline) {
      await close();
      throw new Error(`socat did not create ${a} and ${b} within ${PTY_READY_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, PTY_POLL_MS));
  }

  return { a, b, pid: socat.pid ?? -1, close };
}
