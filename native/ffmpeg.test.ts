import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadFfmpegStaticPath,
  missingToolMessage,
  resolveFfmpeg,
  resolveFfprobe,
} from './ffmpeg.ts';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gatehouse-ffmpeg-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function fakeTool(dir: string, name: string, executable = true): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, executable ? 0o755 : 0o644);
  return file;
}

const noStatic = () => null;

describe('resolving ffmpeg', () => {
  it('prefers the path the installer configured', () => {
    const configured = fakeTool(join(root, 'opt'), 'ffmpeg');
    const onPath = join(root, 'bin');
    fakeTool(onPath, 'ffmpeg');

    const found = resolveFfmpeg({
      configuredPath: configured,
      env: { PATH: onPath },
      loadFfmpegStatic: () => fakeTool(join(root, 'static'), 'ffmpeg'),
    });

    expect(found).toEqual({ path: configured, source: 'config' });
  });

  it('falls through to ffmpeg-static when the configured file does not exist', () => {
    const bundled = fakeTool(join(root, 'node_modules', 'ffmpeg-static'), 'ffmpeg');

    const found = resolveFfmpeg({
      configuredPath: join(root, 'missing', 'ffmpeg'),
      env: { PATH: '' },
      loadFfmpegStatic: () => bundled,
    });

    expect(found).toEqual({ path: bundled, source: 'ffmpeg-static' });
  });

  it('rewrites an ffmpeg-static path inside app.asar to the unpacked copy', () => {
    const resources = join(root, 'resources');
    const unpacked = fakeTool(
      join(resources, 'app.asar.unpacked', 'node_modules', 'ffmpeg-static'),
      'ffmpeg',
    );
    const reported = join(resources, 'app.asar', 'node_modules', 'ffmpeg-static', 'ffmpeg');

    const found = resolveFfmpeg({ env: {}, loadFfmpegStatic: () => reported });

    expect(found).toEqual({ path: unpacked, source: 'ffmpeg-static' });
  });

  it('tolerates an ffmpeg-static that throws and uses ffmpeg on PATH', () => {
    const bin = join(root, 'bin');
    const onPath = fakeTool(bin, 'ffmpeg');

    const found = resolveFfmpeg({
      env: { PATH: [join(root, 'empty'), bin].join(':') },
      platform: 'linux',
      loadFfmpegStatic: () => {
        throw new Error("Cannot find module 'ffmpeg-static'");
      },
    });

    expect(found).toEqual({ path: onPath, source: 'path' });
  });

  it('skips a file on PATH that is not executable', () => {
    const first = join(root, 'first');
    const second = join(root, 'second');
    fakeTool(first, 'ffmpeg', false);
    const good = fakeTool(second, 'ffmpeg');

    const found = resolveFfmpeg({
      env: { PATH: `${first}:${second}` },
      platform: 'linux',
      loadFfmpegStatic: noStatic,
    });

    expect(found?.path).toBe(good);
  });

  it('finds ffmpeg.exe through Path and PATHEXT on Windows', () => {
    const bin = join(root, 'ffmpeg', 'bin');
    const exe = fakeTool(bin, 'ffmpeg.exe');

    const found = resolveFfmpeg({
      env: { Path: `${join(root, 'nothing')};"${bin}"`, PATHEXT: '.COM;.EXE;.BAT' },
      platform: 'win32',
      loadFfmpegStatic: noStatic,
    });

    expect(found).toEqual({ path: exe, source: 'path' });
  });

  it('returns null, without throwing, when there is no ffmpeg anywhere', () => {
    const found = resolveFfmpeg({ env: { PATH: join(root, 'bin') }, loadFfmpegStatic: noStatic });

    expect(found).toBeNull();
  });

  it('loads the optional ffmpeg-static package without throwing when it is absent', () => {
    const reported = loadFfmpegStaticPath();

    expect(reported === null || typeof reported === 'string').toBe(true);
  });
});

describe('resolving ffprobe', () => {
  it('takes ffprobe from beside the configured ffmpeg', () => {
    const dir = join(root, 'ffmpeg-7', 'bin');
    const configured = fakeTool(dir, 'ffmpeg');
    const probe = fakeTool(dir, 'ffprobe');
    fakeTool(join(root, 'bin'), 'ffprobe');

    const found = resolveFfprobe({ configuredPath: configured, env: { PATH: join(root, 'bin') } });

    expect(found).toEqual({ path: probe, source: 'config' });
    expect(resolveFfprobe({ configuredPath: dir, env: {} })).toEqual(found);
  });

  it('takes the site configuration value as it is', () => {
    const configured = fakeTool(join(root, 'opt'), 'ffmpeg');
    const probe = fakeTool(join(root, 'opt'), 'ffprobe');

    expect(resolveFfmpeg(configured)).toEqual({ path: configured, source: 'config' });
    expect(resolveFfprobe(configured)).toEqual({ path: probe, source: 'config' });
  });

  it('falls back to ffprobe on PATH', () => {
    const onPath = fakeTool(join(root, 'bin'), 'ffprobe');

    const found = resolveFfprobe({
      configuredPath: join(root, 'nowhere', 'ffmpeg'),
      env: { PATH: join(root, 'bin') },
      platform: 'linux',
    });

    expect(found).toEqual({ path: onPath, source: 'path' });
  });

  it('returns null when ffprobe is missing', () => {
    expect(resolveFfprobe({ env: { PATH: join(root, 'bin') } })).toBeNull();
  });

  it('finds the real tools of this machine on PATH', () => {
    expect(resolveFfprobe()?.path).toMatch(/ffprobe$/);
    expect(resolveFfmpeg({ loadFfmpegStatic: noStatic })?.source).toBe('path');
  });
});

describe('the missing-tool message', () => {
  it('names the tool and says where to put it', () => {
    expect(missingToolMessage('ffmpeg')).toMatch(/^ffmpeg was not found\..*ffmpegPath.*PATH/);
    expect(missingToolMessage('ffprobe')).toMatch(/^ffprobe was not found\..*beside.*PATH/);
  });
});
