// What the demo camera needs from the machine: ffmpeg (the test source), ffprobe (to know when the
// stream is up) and Debian's python3 with the GStreamer RTSP server bindings (the relay). Where a
// piece is missing the simulator says which one, in words an installer can act on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { missingToolMessage, resolveFfmpeg, resolveFfprobe } from '../../native/ffmpeg.ts';
import { APP_ROOT } from '../config/paths.ts';

/** Debian's own python3 carries python3-gi; a python3 earlier on PATH (venv, conda) usually not. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** The relay's --check (import gi, init GStreamer) takes ~60 ms warm; generous for a cold disk. */
const RELAY_CHECK_TIMEOUT_MS = 15_000;

/** Found from the app root, so the bundled main process finds it too; python cannot read inside
 * app.asar, so a packaged app ships it unpacked (like ffmpeg-static). */
export const RELAY_SCRIPT = join(APP_ROOT, 'electron', 'sim', 'gst_rtsp_relay.py').replace(
  /([\\/])app\.asar([\\/])/,
  '$1app.asar.unpacked$2',
);

export interface CameraSimToolPaths {
  ffmpeg?: string;
  ffprobe?: string;
  python?: string;
}

export type CameraSimTools =
  | { ok: true; ffmpeg: string; ffprobe: string; python: string }
  | { ok: false; missing: string[] };

/** What the demo camera lacks on this machine, in installer's words; empty when it can run. */
export function checkCameraSimTools(paths: CameraSimToolPaths = {}): string[] {
  const found = findCameraSimTools(paths);
  return found.ok ? [] : found.missing;
}

/**
 * Finds every tool the demo camera needs, or lists what is missing (never throws). Synchronous:
 * it runs the relay's own --check once (tens of milliseconds) when a simulator starts.
 */
export function findCameraSimTools(paths: CameraSimToolPaths = {}): CameraSimTools {
  const missing: string[] = [];

  const ffmpeg = paths.ffmpeg ?? resolveFfmpeg()?.path;
  if (!ffmpeg) missing.push(missingToolMessage('ffmpeg'));

  const ffprobe = paths.ffprobe ?? resolveFfprobe()?.path;
  if (!ffprobe) missing.push(missingToolMessage('ffprobe'));

  const python = paths.python ?? SYSTEM_PYTHON;
  missing.push(...checkRelay(python));

  if (!ffmpeg || !ffprobe || missing.length > 0) return { ok: false, missing };
  return { ok: true, ffmpeg, ffprobe, python };
}

function checkRelay(python: string): string[] {
  if (!existsSync(python)) {
    return [
      `${python} was not found: the RTSP relay of the demo camera runs on Debian-family Linux ` +
        '(apt install python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good ' +
        'gstreamer1.0-plugins-bad)',
    ];
  }

  const run = spawnSync(python, [RELAY_SCRIPT, '--check'], {
    encoding: 'utf8',
    timeout: RELAY_CHECK_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const reported = parseMissing(run.stdout ?? '');
  if (reported === null) {
    const detail = (run.error?.message ?? run.stderr ?? '').trim().split('\n').at(-1) ?? '';
    return [`the RTSP relay check did not run: ${detail}`];
  }
  return reported.map((piece) => `${piece} (needed by the demo camera's RTSP relay)`);
}

function parseMissing(stdout: string): string[] | null {
  try {
    const parsed = JSON.parse(stdout.trim()) as { missing?: unknown };
    if (!Array.isArray(parsed.missing)) return null;
    return parsed.missing.map(String);
  } catch {
    return null;
  }
}
