// Small helpers for the child processes Gatehouse runs (ffmpeg, ffprobe, the RTSP relay): run a
// tool to completion with a deadline, read a stream line by line, and stop a long-running child
// politely first and for certain after a grace period.
import { execFile, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface ToolRun {
  ok: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the tool could not start or was killed at the deadline. */
  error?: string;
}

/** Runs a short-lived tool (ffprobe, a decode check) and never throws. */
export function runTool(
  file: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve({ ok: true, code: 0, stdout, stderr });

        const e = err as NodeJS.ErrnoException & { code?: unknown; killed?: boolean;
          signal?: string | null };
        const code = typeof e.code === 'number' ? e.code : null;
        // Node's "Command failed: <the whole command line>" would carry a camera's RTSP
        // credentials into whatever logs or shows the error: say what happened instead.
        const reason = e.killed ? `timed out after ${timeoutMs} ms`
          : e.message.startsWith('Command failed') ? `exited with code ${code ?? e.signal}`
            : e.message;
        resolve({ ok: false, code, stdout, stderr, error: reason });
      },
    );
  });
}

/** Calls `onLine` for every complete line of a stream (stdout/stderr of a child). */
export function forEachLine(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', onLine);
}

/** A child with a promise that settles once it has exited and its stdio is closed. */
export interface TrackedChild {
  child: ChildProcess;
  closed: Promise<void>;
}

/** Call right after spawn, before any await, so no 'close' or 'error' event can be missed. */
export function trackChild(child: ChildProcess): TrackedChild {
  const closed = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', () => resolve());
  });
  return { child, closed };
}

/**
 * Sends `signal` (SIGINT lets ffmpeg close its file; SIGTERM for the rest), waits up to `graceMs`
 * for the child to close, then SIGKILLs it. Resolves when it is gone.
 */
export async function stopChild(
  tracked: TrackedChild,
  signal: NodeJS.Signals,
  graceMs: number,
): Promise<void> {
  const { child, closed } = tracked;
  const running = child.exitCode === null && child.signalCode === null && child.pid !== undefined;
  if (!running) {
    await closed;
    return;
  }

  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await closed;
  clearTimeout(timer);
}
