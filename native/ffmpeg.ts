// Finds the ffmpeg and ffprobe binaries the recorder and the camera simulator run. Order for
// ffmpeg: the installer's configured path, then the optional `ffmpeg-static` package, then
// `ffmpeg` on PATH. ffprobe: the configured folder (the one holding the configured ffmpeg), then
// PATH (`ffmpeg-static` ships no ffprobe). Both take the site's `ffmpegPath` as it is. Nothing
// here throws: a missing tool is `null`, and `missingToolMessage` says what to install.
//
// A configured path that does not exist falls through to the next candidate; the returned
// `source` tells the caller, which should warn when it asked for 'config' and got something else.
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export type ToolName = 'ffmpeg' | 'ffprobe';
export type ToolSource = 'config' | 'ffmpeg-static' | 'path';

export interface ResolvedTool {
  path: string;
  source: ToolSource;
}

export interface LookupEnvironment {
  /** Defaults to process.env; only PATH (Path on Windows) and PATHEXT are read. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to process.platform. */
  platform?: NodeJS.Platform;
}

export interface ResolveFfmpegOptions extends LookupEnvironment {
  /** The site configuration's `ffmpegPath`. */
  configuredPath?: string;
  /** Defaults to `loadFfmpegStaticPath`; tests pass their own. */
  loadFfmpegStatic?: () => string | null;
}

export interface ResolveFfprobeOptions extends LookupEnvironment {
  /** The configured ffmpeg (or its folder): every build we know ships ffprobe beside it. */
  configuredPath?: string;
}

const require = createRequire(import.meta.url);

// electron-builder packs node_modules into app.asar, which child_process cannot execute from;
// the ffmpeg-static binary is listed in asarUnpack and lives in the sibling unpacked folder.
const ASAR_SEGMENT = /([\\/])app\.asar([\\/])/;

/** `configured` is the site's `ffmpegPath`, or options for tests. */
export function resolveFfmpeg(configured?: string | ResolveFfmpegOptions): ResolvedTool | null {
  const options: ResolveFfmpegOptions = asOptions(configured);
  const platform = options.platform ?? process.platform;

  const path = options.configuredPath;
  if (path && isExecutable(path, platform)) return { path, source: 'config' };

  const load = options.loadFfmpegStatic ?? loadFfmpegStaticPath;
  const bundled = safeCall(load);
  if (bundled) {
    const unpacked = bundled.replace(ASAR_SEGMENT, '$1app.asar.unpacked$2');
    if (isExecutable(unpacked, platform)) return { path: unpacked, source: 'ffmpeg-static' };
  }

  const onPath = findOnPath('ffmpeg', options.env ?? process.env, platform);
  return onPath ? { path: onPath, source: 'path' } : null;
}

/** `configured` is the site's `ffmpegPath` (ffprobe is looked for beside it), or options. */
export function resolveFfprobe(configured?: string | ResolveFfprobeOptions): ResolvedTool | null {
  const options: ResolveFfprobeOptions = asOptions(configured);
  const platform = options.platform ?? process.platform;

  if (options.configuredPath) {
    const dir = isDirectory(options.configuredPath)
      ? options.configuredPath
      : dirname(options.configuredPath);
    const beside = join(dir, executableName('ffprobe', platform));
    if (isExecutable(beside, platform)) return { path: beside, source: 'config' };
  }

  const onPath = findOnPath('ffprobe', options.env ?? process.env, platform);
  return onPath ? { path: onPath, source: 'path' } : null;
}

/** The path `ffmpeg-static` reports, or null when the optional package is absent or unsupported. */
export function loadFfmpegStaticPath(): string | null {
  try {
    const exported: unknown = require('ffmpeg-static');
    return typeof exported === 'string' && exported.length > 0 ? exported : null;
  } catch {
    return null;
  }
}

/** A sentence for the installer (and the log) when a tool could not be found. */
export function missingToolMessage(tool: ToolName): string {
  const where =
    tool === 'ffmpeg'
      ? 'Set "ffmpegPath" in the site configuration, install the ffmpeg-static package, or put'
      : 'Place ffprobe beside the configured ffmpeg, or put';
  return (
    `${tool} was not found. ${where} ${tool} on PATH ` +
    `(Debian/UOS/Kylin: apt install ffmpeg; Windows: an ffmpeg build's bin folder).`
  );
}

function asOptions<T extends { configuredPath?: string }>(configured: string | T | undefined): T {
  if (typeof configured === 'string') return { configuredPath: configured } as T;
  return configured ?? ({} as T);
}

function findOnPath(
  tool: ToolName,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): string | null {
  const pathValue = readEnv(env, 'PATH', platform);
  if (!pathValue) return null;

  const separator = platform === 'win32' ? ';' : delimiter;
  const names = candidateNames(tool, env, platform);
  for (const dir of pathValue.split(separator)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir.replace(/^"(.*)"$/, '$1'), name);
      if (isExecutable(candidate, platform)) return candidate;
    }
  }
  return null;
}

function candidateNames(
  tool: ToolName,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): string[] {
  if (platform !== 'win32') return [tool];

  const pathext = readEnv(env, 'PATHEXT', platform) ?? '.EXE;.CMD;.BAT;.COM';
  const extensions = pathext.split(';').filter(Boolean);
  return extensions.map((ext) => tool + ext.toLowerCase());
}

function executableName(tool: ToolName, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${tool}.exe` : tool;
}

/** Windows environment names are case-insensitive (`Path`); POSIX ones are not. */
function readEnv(
  env: NodeJS.ProcessEnv,
  name: string,
  platform: NodeJS.Platform,
): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function safeCall(load: () => string | null): string | null {
  try {
    return load();
  } catch {
    return null;
  }
}
