// Starts the desktop window from the plain-Node CLI by spawning the Electron binary of the
// `electron` npm package. It never imports electron (it runs in the core's process), so it
// lives outside electron/shell/ and the boundary check holds it to the core's rule.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { APP_ROOT } from '../config/paths.ts';
import type { Logger } from '../log/logger.ts';

export type LaunchResult = { ok: true; child: ChildProcess } | { ok: false; why: string };

export interface LaunchOptions {
  /** The app folder Electron opens (its package.json names dist/main/main.cjs). */
  appDir?: string;
  env?: NodeJS.ProcessEnv;
  /** How long Electron must stay up to count as started. */
  earlyExitMs?: number;
}

/** A window that has not died within this long started: missing libraries fail in ~1 s. */
const EARLY_EXIT_MS = 5_000;

/** The first run of the electron package downloads its binary (~100 MB): give it time. */
const RESOLVE_BUDGET_MS = 180_000;

/** Lines of Electron's output kept to explain an early exit. */
const TAIL_LINES = 12;

const BUNDLES = [join('dist', 'main', 'main.cjs'), join('dist', 'preload', 'preload.cjs')];
const PATH_MARKER = '@@electron-path@@';

/** True where a window can be shown: always on Windows and macOS, with X11/Wayland on Linux. */
export function hasDisplay(env = process.env, platform = process.platform): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export async function tryStartElectron(
  args: string[],
  log: Logger,
  options: LaunchOptions = {},
): Promise<LaunchResult> {
  const appDir = options.appDir ?? APP_ROOT;
  const env = options.env ?? process.env;

  const missing = BUNDLES.find((bundle) => !existsSync(join(appDir, bundle)));
  if (missing) return { ok: false, why: `${missing} is missing: run npm run build` };

  const binary = await resolveElectronBinary(env);
  if (!binary.ok) return binary;

  // The app folder, not main.cjs itself: Electron then reads package.json, so the app's name,
  // its user-data folder and app.getAppPath() are the same as in the installed app.
  log.info({ binary: binary.path, args }, 'starting the desktop window');
  const started = await spawnAndWatch(binary.path, [appDir, ...args], env, options);
  if (!started.ok) log.warn({ why: started.why }, 'the desktop window did not start');
  return started;
}

/**
 * Asks the electron package for its binary in a child Node: `require('electron')` returns the
 * path, downloading the binary first when it is missing (and throwing when that fails). In a
 * child the download cannot block our event loop, and a hung download is cut off.
 */
async function resolveElectronBinary(
  env: NodeJS.ProcessEnv,
): Promise<{ ok: true; path: string } | { ok: false; why: string }> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('electron');
  } catch {
    return { ok: false, why: 'the electron package is not installed (a devDependency)' };
  }

  const script = [
    'try {',
    `  process.stdout.write(${JSON.stringify(PATH_MARKER)} + require(${JSON.stringify(entry)}));`,
    '} catch (err) { process.stderr.write(String(err.message)); process.exit(1); }',
  ].join('\n');
  const run = await new Promise<{ failed: boolean; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, ['-e', script], { env, timeout: RESOLVE_BUDGET_MS },
      (err, stdout, stderr) => done({ failed: err !== null, stdout, stderr }));
  });

  if (run.failed) return { ok: false, why: lastLine(run.stderr) || 'resolving electron failed' };
  const path = run.stdout.split(PATH_MARKER)[1] ?? '';
  if (!path || !existsSync(path)) return { ok: false, why: `no Electron binary at ${path}` };
  return { ok: true, path };
}

function spawnAndWatch(
  binary: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: LaunchOptions,
): Promise<LaunchResult> {
  const earlyExitMs = options.earlyExitMs ?? EARLY_EXIT_MS;
  const tail: string[] = [];
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });

  // Electron's own output reaches the terminal unchanged; the tail explains an early death.
  const forward = (to: NodeJS.WriteStream) => (chunk: Buffer) => {
    to.write(chunk);
    tail.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim()));
    tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
  };
  child.stdout?.on('data', forward(process.stdout));
  child.stderr?.on('data', forward(process.stderr));

  return new Promise((done) => {
    let settled = false;
    const settle = (result: LaunchResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(result);
    };

    const timer = setTimeout(() => settle({ ok: true, child }), earlyExitMs);
    child.once('error', (err) => {
      settle({ ok: false, why: `could not run ${binary}: ${err.message}` });
    });
    child.once('exit', (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      const said = tail.length ? `: ${tail.join(' | ')}` : '';
      settle({ ok: false, why: `Electron exited within ${earlyExitMs / 1000} s (${how})${said}` });
    });
  });
}

function lastLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).at(-1) ?? '';
}
