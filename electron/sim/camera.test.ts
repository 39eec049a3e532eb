import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { checkCameraSimTools, startCameraSim } from './camera.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-camera-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A python3 without the GStreamer bindings, as the relay's --check reports it. */
function pythonWithoutGi(): string {
  const file = join(dir, 'python3');
  writeFileSync(file, '#!/bin/sh\necho \'{"missing": ["python3-gi"]}\'\nexit 1\n');
  chmodSync(file, 0o755);
  return file;
}

describe('the demo camera on this machine', () => {
  it('finds ffmpeg, ffprobe and the GStreamer RTSP relay', () => {
    expect(checkCameraSimTools()).toEqual([]);
  });

  it('names the missing GStreamer bindings', () => {
    expect(checkCameraSimTools({ python: pythonWithoutGi() })).toEqual([
      "python3-gi (needed by the demo camera's RTSP relay)",
    ]);
  });

  it('says the relay needs Debian-family Linux where there is no system python3', () => {
    const missing = checkCameraSimTools({ python: join(dir, 'no-python3') });

    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/no-python3 was not found.*Debian.*python3-gi/);
  });

  it('refuses to start without its tools, saying which are missing', async () => {
    const start = startCameraSim({
      mount: 'cam1',
      width: 1280,
      height: 720,
      fps: 25,
      python: pythonWithoutGi(),
      log: silentLogger(),
    });

    await expect(start).rejects.toThrow(/^The demo camera cannot start here: python3-gi/);
  });

  it('refuses a mount name that is not a plain path segment', async () => {
    const log = silentLogger();
    const start = startCameraSim({ mount: '../x', width: 1280, height: 720, fps: 25, log });

    await expect(start).rejects.toThrow(/bad mount name/);
  });
});
