// Starting the desktop window from the CLI, with stand-in Electron binaries (no real one can be
// downloaded here) handed to the electron package through its ELECTRON_OVERRIDE_DIST_PATH.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { hasDisplay, tryStartElectron } from './launch.ts';

let scratch: string;
let appDir: string;
let electronDir: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gatehouse-launch-'));
  appDir = join(scratch, 'app');
  electronDir = join(scratch, 'electron-dist');
  for (const bundle of ['dist/main/main.cjs', 'dist/preload/preload.cjs']) {
    mkdirSync(join(appDir, bundle, '..'), { recursive: true });
    writeFileSync(join(appDir, bundle), '// bundle');
  }
  mkdirSync(electronDir);
});

afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function standInElectron(script: string, mode = 0o755): void {
  writeFileSync(join(electronDir, 'electron'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(electronDir, 'electron'), mode);
}

const env = () => ({ ...process.env, ELECTRON_OVERRIDE_DIST_PATH: electronDir });
const log = silentLogger();

describe('hasDisplay', () => {
  it('finds a display on Linux only through X11 or Wayland', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
});

describe('tryStartElectron', () => {
  it('asks for a build when the main bundle is missing', async () => {
    rmSync(join(appDir, 'dist', 'main'), { recursive: true });

    const result = await tryStartElectron([], log, { appDir, env: env() });

    expect(result).toEqual({ ok: false, why: 'dist/main/main.cjs is missing: run npm run build' });
  });

  it('says where it looked when the electron package has no binary', async () => {
    const result = await tryStartElectron([], log, { appDir, env: env() });

    expect(result).toEqual({ ok: false, why: `no Electron binary at ${electronDir}/electron` });
  });

  it('reports an Electron that dies at start with its exit code and last words', async () => {
    standInElectron('echo "error while loading shared libraries: libnss3.so" >&2\nexit 127');

    const options = { appDir, env: env(), earlyExitMs: 3000 };
    const result = await tryStartElectron(['--demo'], log, options);

    expect(result).toEqual({
      ok: false,
      why: 'Electron exited within 3 s (code 127): ' +
        'error while loading shared libraries: libnss3.so',
    });
  });

  it('reports a binary that cannot be run', async () => {
    standInElectron('exit 0', 0o644);

    const result = await tryStartElectron([], log, { appDir, env: env() });

    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.why).toMatch(/^could not run .*electron: spawn .* EACCES$/);
  });

  it('hands back the running child with the app folder and the arguments', async () => {
    const argsFile = join(scratch, 'args.txt');
    standInElectron(`printf '%s\\n' "$@" > ${argsFile}\nexec sleep 30`);

    const result = await tryStartElectron(['--demo', '--data=/srv/gate'], log, {
      appDir, env: env(), earlyExitMs: 500,
    });
    if (!result.ok) throw new Error(result.why);
    const exited = new Promise((resolve) => result.child.once('exit', resolve));
    result.child.kill();
    await exited;

    const seen = readFileSync(argsFile, 'utf8').split('\n');
    expect(seen).toEqual([appDir, '--demo', '--data=/srv/gate', '']);
  });
});
