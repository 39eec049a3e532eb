// Packaging acceptance: the real build, then electron-builder's unpacked Linux app around a stub
// Electron (no binary can be downloaded here), then a look inside app.asar for what Electron
// will load and what it must not carry. Last, the main bundle runs in plain Node under a
// stand-in for the electron module, so its wiring to the core is proven without a binary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');
const BUILDER = join(REPO, 'node_modules', 'electron-builder', 'cli.js');

/** The build takes seconds and packaging about ten on a 2-core machine; 4 minutes is slack. */
const PACKAGING_TIMEOUT_MS = 240_000;

/**
 * Loaded with `node --require` before main.cjs: answers `require('electron')` with just enough
 * of app, BrowserWindow, ipcMain, session and dialog, reports what the shell does on stdout,
 * calls system.status through the registered IPC handler once the window exists, creates the
 * installer over IPC and asks the window's media server for a clip with and without the
 * token that login gave, then quits.
 */
const STAND_IN_ELECTRON = String.raw`
const Module = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const appDir = process.env.STAND_IN_APP_DIR;
const report = (kind, text) => process.stdout.write('stand-in ' + kind + ' ' + text + '\n');
const listeners = new Map();
const handlers = new Map();
const emit = (name, event) => (listeners.get(name) || []).forEach((fn) => fn(event));
const MEDIA_FLAG = '--gatehouse-media-origin=';
const CLIP = '/api/media/clip/0b6f3c1e-7d2a-4e4f-9c1a-5d0e8b7f6a21.mp4';
let mediaOrigin = null;

const app = {
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  getPath: () => process.env.STAND_IN_DATA_DIR,
  getAppPath: () => appDir,
  on(name, fn) {
    listeners.set(name, [...(listeners.get(name) || []), fn]);
    return app;
  },
  quit() {
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    emit('will-quit', event);
    if (event.prevented) return;
    process.stdout.write('stand-in quit\n');
    process.exit(0);
  },
  exit(code) {
    report('exit', String(code));
    process.exit(code);
  },
};

async function callStatus() {
  const sender = { id: 1, once() {}, isDestroyed: () => false, send() {} };
  const url = pathToFileURL(join(appDir, 'dist', 'renderer', 'index.html')).href;
  const call = handlers.get('gatehouse:call');
  const event = { sender, senderFrame: { parent: null, url } };
  report('status', JSON.stringify(await call(event, 'system.status', {})));
  await askForClip(call, event);
  app.quit();
}

async function askForClip(call, event) {
  const login = await call(event, 'auth.setupInstaller',
    { username: 'wang', displayName: 'Wang', password: 'chosen-by-wang-1' });
  const status = async (url) => (await fetch(url)).status;
  const clip = mediaOrigin + CLIP;
  report('media', JSON.stringify({ origin: mediaOrigin, anonymous: await status(clip),
    signedIn: await status(clip + '?token=' + login.value.token) }));
}

class BrowserWindow {
  constructor(options) {
    report('window', JSON.stringify(options.webPreferences));
    const named = options.webPreferences.additionalArguments.find((a) => a.startsWith(MEDIA_FLAG));
    mediaOrigin = named ? named.slice(MEDIA_FLAG.length) : null;
    this.webContents = { setWindowOpenHandler() {}, on() {} };
    setImmediate(callStatus);
  }
  once() {}
  on() {}
  show() {}
  loadFile(file) {
    report('load', file);
    return Promise.resolve();
  }
}

const electron = {
  app,
  BrowserWindow,
  dialog: { showErrorBox: (title, body) => report('error', body) },
  ipcMain: {
    handle: (channel, fn) => handlers.set(channel, fn),
    removeHandler: (channel) => handlers.delete(channel),
  },
  session: {
    defaultSession: { webRequest: { onHeadersReceived() {} }, setPermissionRequestHandler() {} },
  },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
`;

let output: string;
let asar: string;
let entries: string[];

function run(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' });
  if (result.status !== 0) {
    const said = `${result.stdout}\n${result.stderr}`;
    throw new Error(`${args.join(' ')} exited ${result.status}:\n${said}`);
  }
}

beforeAll(() => {
  output = mkdtempSync(join(tmpdir(), 'gatehouse-release-'));
  // `npm test` builds first, and the end-to-end tests serve dist/renderer while this file runs:
  // rebuilding it here would pull the UI from under them. Alone, it builds what is missing.
  run([join(REPO, 'scripts', 'build.ts'), '--if-missing']);
  run([
    BUILDER, '--linux', '--dir',
    '-c.electronDist=build/electron-stub',
    `-c.directories.output=${output}`,
  ]);
  asar = join(output, 'linux-unpacked', 'resources', 'app.asar');
  entries = listPackage(asar, { isPack: false });
}, PACKAGING_TIMEOUT_MS);

afterAll(() => {
  rmSync(output, { recursive: true, force: true });
});

describe('the packaged desktop app', () => {
  it('holds the main bundle, the preload bundle and the built renderer', () => {
    expect(entries).toContain('/dist/main/main.cjs');
    expect(entries).toContain('/dist/preload/preload.cjs');
    expect(entries).toContain('/dist/renderer/index.html');
    expect(entries).toContain('/package.json');
  });

  it('has a launcher named after the product', () => {
    expect(existsSync(join(output, 'linux-unpacked', 'gatehouse'))).toBe(true);
  });

  it('carries the production dependencies, not Electron or the renderer libraries', () => {
    expect(entries).toContain('/node_modules/better-sqlite3/package.json');
    expect(entries).toContain('/node_modules/pino/package.json');
    expect(entries.some((e) => e.startsWith('/node_modules/electron/'))).toBe(false);
    expect(entries.some((e) => e.startsWith('/node_modules/react/'))).toBe(false);
    expect(entries.some((e) => e.startsWith('/node_modules/vite/'))).toBe(false);
  });

  it('unpacks the native SQLite addon so Electron can load it from disk', () => {
    const unpacked = join(output, 'linux-unpacked', 'resources', 'app.asar.unpacked');
    const addon = join(unpacked, 'node_modules', 'better-sqlite3', 'prebuilds', 'linux-x64.node');

    expect(existsSync(addon)).toBe(true);
  });

  it('ships a main bundle that is CommonJS throughout and loads Electron from the runtime', () => {
    const main = extractFile(asar, 'dist/main/main.cjs').toString('utf8');

    expect(main).not.toMatch(/\bimport\.meta\b/);
    expect(main).toContain('require("electron")');
    // The core loads it through createRequire, which esbuild renames but leaves external.
    expect(main).toMatch(/require\d*\("better-sqlite3"\)/);
  });

  it('ships a preload that requires nothing but electron, as a sandboxed preload must', () => {
    const preload = extractFile(asar, 'dist/preload/preload.cjs').toString('utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);

    expect(required).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("gatehouse"');
  });
});

describe('the main bundle in a stand-in Electron', () => {
  it('starts the core, opens the fenced window, answers over IPC and media, closes on quit', () => {
    const standIn = join(output, 'stand-in-electron.cjs');
    const dataDir = join(output, 'user-data');
    writeFileSync(standIn, STAND_IN_ELECTRON);

    const main = join(REPO, 'dist', 'main', 'main.cjs');
    const run = spawnSync(process.execPath, ['--require', standIn, main], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, STAND_IN_APP_DIR: REPO, STAND_IN_DATA_DIR: dataDir },
    });
    const reports = run.stdout.split('\n').filter((line) => line.startsWith('stand-in '));
    const report = (kind: string) => reports.find((line) => line.startsWith(`stand-in ${kind} `));

    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(report('window')?.slice('stand-in window '.length) ?? '{}')).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false,
      preload: join(REPO, 'dist/preload/preload.cjs'),
    });
    expect(report('load')).toBe(`stand-in load ${join(REPO, 'dist/renderer/index.html')}`);
    expect(JSON.parse(report('status')?.slice('stand-in status '.length) ?? '{}')).toMatchObject({
      ok: true, value: { needsSetup: true, demo: false },
    });
    // The window's media server answers on loopback: not without the IPC login's token, and
    // with it the request reaches the video endpoints (this new site has no footage: 404).
    expect(JSON.parse(report('media')?.slice('stand-in media '.length) ?? '{}')).toEqual({
      origin: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), anonymous: 401, signedIn: 404,
    });
    expect(reports.at(-1)).toBe('stand-in quit');
    expect(existsSync(join(dataDir, 'gatehouse.db'))).toBe(true);
  }, 90_000);
});
