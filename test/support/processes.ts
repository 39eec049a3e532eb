// Starting the product and its simulators the way a user does: the same CLIs, in child
// processes, each announcing itself with one JSON line on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface Started<T> {
  child: ChildProcess;
  ready: T;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Spawns `node <script> args` and resolves with the first JSON line that has `ready: true`. */
export function startNode<T extends { ready: true }>(
  script: string,
  args: string[],
  timeoutMs = 60_000,
): Promise<Started<T>> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GATEHOUSE_LOG_LEVEL: 'info' },
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`${script} not ready in ${timeoutMs} ms:\n${output.join('\n')}`));
    }, timeoutMs);
    createInterface({ input: child.stderr! }).on('line', (l) => output.push(`[err] ${l}`));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (!line.startsWith('{')) return;
      try {
        const j = JSON.parse(line) as T;
        if (j.ready === true) {
          clearTimeout(timer);
          resolve({ child, ready: j, output, stop });
        }
      } catch {
        // not the ready line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before ready:\n${output.join('\n')}`));
    });
  });
}

export interface DemoReady {
  ready: true;
  ui: string;
  lprPort: number;
  dataDir: string;
  skipped: Record<string, string>;
}

export const startDemo = (args: string[]) =>
  startNode<DemoReady>('electron/cli.ts', ['--headless', '--api-port', '0', '--lpr-port', '0',
    ...args], 120_000);

export const startSim = <T extends { ready: true }>(kind: string, args: string[]) =>
  startNode<T>('electron/sim/cli.ts', [kind, ...args]);

/** Polls until `probe` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  everyMs = 25,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
