// The processes a measure starts: the product's CLI and the simulators, each a `node <script>`
// child that announces itself with one `{"ready":true,...}` JSON line on stdout. The bench
// reaches them only through that line, their sockets, the pty and their files.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The last lines of a child's output kept for the error message when it fails. */
const OUTPUT_LINES_KEPT = 200;

/** A clean shutdown (recorder's last segment, outbox, database) takes a few seconds at most. */
const STOP_TIMEOUT_MS = 15_000;

export interface Child<T> {
  label: string;
  ready: T;
  process: ChildProcess;
  /** Recent stdout and stderr lines, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; resolves once the process has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  label: string;
  script: string;
  args: string[];
  readyTimeoutMs: number;
  env?: Record<string, string>;
}

export function startChild<T extends { ready: true }>(o: StartOptions): Promise<Child<T>> {
  const child = spawn(process.execPath, [o.script, ...o.args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...o.env },
  });
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > OUTPUT_LINES_KEPT) lines.shift();
  };
  const output = () => lines.join('\n');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => stopChild(child, exited);

  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${o.label} ${why}:\n${output()}`)));
    };
    const timer = setTimeout(() => fail(`not ready in ${o.readyTimeoutMs} ms`),
      o.readyTimeoutMs);
    const onError = (err: Error) => fail(`could not start (${err.message})`);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited (${signal ?? code}) before it was ready`);
    child.once('error', onError);
    child.once('exit', onExit);

    createInterface({ input: child.stderr! }).on('line', (l) => keep(`[stderr] ${l}`));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      const ready = readyLine<T>(line);
      if (!ready) return;

      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', onError);
      resolve({ label: o.label, ready, process: child, output, stop });
    });
  });
}

function readyLine<T extends { ready: true }>(line: string): T | null {
  if (!line.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(line) as { ready?: unknown };
    return parsed.ready === true ? (parsed as T) : null;
  } catch {
    return null;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(killer);
}
