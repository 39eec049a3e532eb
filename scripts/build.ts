// Builds what Electron loads: the renderer (vite → dist/renderer), the preload (one CommonJS
// file, since a sandboxed preload can load neither ES modules nor packages) and the main process
// (the shell and the whole core in one CommonJS file; native and heavy packages stay outside).
//   node scripts/build.ts                  everything
//   node scripts/build.ts --renderer-only  only the UI (what the headless demo serves)
//   node scripts/build.ts --if-missing     skip each output that already exists
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type BuildOptions } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');

/** Electron 45 runs Node 22 in its main process and Chromium 140 in the renderer. */
const MAIN_TARGET = 'node22';
const PRELOAD_TARGET = 'chrome140';

/**
 * Left to node_modules inside app.asar (production dependencies ship there either way):
 * native addons, whose .node files must be unpacked from the asar; packages that find their own
 * files at run time (pino starts transport workers by path, ffmpeg-static points at its binary);
 * onvif, a CommonJS package with its own xml2js tree that gains nothing from being inlined; and
 * electron, which the runtime provides.
 */
const MAIN_EXTERNALS = [
  'electron',
  'better-sqlite3',
  'serialport',
  '@serialport/*',
  'modbus-serial',
  '@node-rs/argon2',
  'onvif',
  'pino',
  'ffmpeg-static',
];

/**
 * `import.meta` is empty in CommonJS output. The core uses `import.meta.url` to find the app
 * root (electron/config/paths.ts) and to create a require; in the bundle they refer to
 * dist/main/main.cjs, which sits as deep below the root as the source modules do.
 */
const IMPORT_META_BANNER = [
  // The banner comes before esbuild's own directive, which would then no longer count.
  "'use strict';",
  "const __gatehouseImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
].join('\n');
const IMPORT_META_DEFINES = {
  'import.meta.url': '__gatehouseImportMetaUrl',
  'import.meta.dirname': '__dirname',
  'import.meta.filename': '__filename',
};

const OUTPUTS = {
  renderer: join(ROOT, 'dist', 'renderer', 'index.html'),
  preload: join(ROOT, 'dist', 'preload', 'preload.cjs'),
  main: join(ROOT, 'dist', 'main', 'main.cjs'),
};

const COMMON: BuildOptions = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  logLevel: 'warning',
  legalComments: 'none',
  // Readable stack traces in the gate-room log matter more than a few hundred kilobytes.
  minify: false,
};

export interface BuildFlags {
  rendererOnly: boolean;
  ifMissing: boolean;
}

export async function buildAll(options: BuildFlags): Promise<void> {
  const wanted = (output: string) => !(options.ifMissing && existsSync(output));

  if (wanted(OUTPUTS.renderer)) await buildRenderer();
  if (options.rendererOnly) return;

  if (wanted(OUTPUTS.preload)) await buildPreload();
  if (wanted(OUTPUTS.main)) await buildMain();
}

/**
 * vite build with the repository's vite.config.ts (root renderer/, outDir dist/renderer). Always
 * a production bundle: vite follows an inherited NODE_ENV, and one started from a test runner
 * (NODE_ENV=test) would otherwise ship React's and antd's development warnings.
 */
function buildRenderer(): Promise<void> {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`vite build exited with code ${code}`));
    });
  });
}

async function buildPreload(): Promise<void> {
  await build({
    ...COMMON,
    entryPoints: [join(ROOT, 'electron', 'preload.ts')],
    outfile: OUTPUTS.preload,
    target: PRELOAD_TARGET,
    external: ['electron'],
  });
}

async function buildMain(): Promise<void> {
  await build({
    ...COMMON,
    entryPoints: [join(ROOT, 'electron', 'main.ts')],
    outfile: OUTPUTS.main,
    target: MAIN_TARGET,
    external: MAIN_EXTERNALS,
    banner: { js: IMPORT_META_BANNER },
    define: IMPORT_META_DEFINES,
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'renderer-only': { type: 'boolean', default: false },
      'if-missing': { type: 'boolean', default: false },
    },
  });

  const started = Date.now();
  await buildAll({ rendererOnly: values['renderer-only'], ifMissing: values['if-missing'] });
  console.log(`build done in ${Date.now() - started} ms`);
}

if (import.meta.main) {
  main().catch((err: Error) => {
    console.error(`build failed: ${err.message}`);
    process.exitCode = 1;
  });
}
