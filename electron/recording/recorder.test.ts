import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRootLogger, silentLogger } from '../log/logger.ts';
import { RESTART_LADDER_MS } from './restart-ladder.ts';
import {
  Recorder,
  type RecorderExit,
  type RecorderOptions,
} from './recorder.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-recorder-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function options(overrides: Partial<RecorderOptions>): RecorderOptions {
  return {
    cameraId: 'cam-east',
    rtspUrl: 'rtsp://127.0.0.1:1/live',
    dir: join(dir, 'rec'),
    segmentSeconds: 10,
    ffmpeg: 'ffmpeg',
    ffprobe: 'ffprobe',
    onSegment: () => undefined,
    log: silentLogger(),
    ...overrides,
  };
}

describe('the recorder', () => {
  it('refuses options that would record the wrong thing', () => {
    expect(() => new Recorder(options({ cameraId: 'Cam East' }))).toThrow(/camera id/);
    expect(() => new Recorder(options({ rtspUrl: 'http://cam/live' }))).toThrow(/rtsp/);
    expect(() => new Recorder(options({ segmentSeconds: 0 }))).toThrow(/segmentSeconds/);
    expect(() => new Recorder(options({ segmentSeconds: 2.5 }))).toThrow(/segmentSeconds/);
  });

  it('restarts ffmpeg on the ladder when the camera refuses, logging no password', async () => {
    const port = await closedPort();
    const logFile = join(dir, 'gatehouse.log');
    const log = createRootLogger({ file: logFile, level: 'debug' });
    const exits: (RecorderExit & { at: number })[] = [];
    const recorder = new Recorder(
      options({
        rtspUrl: `rtsp://admin:S3cret%40gate@127.0.0.1:${port}/live`,
        log,
        onExit: (exit) => exits.push({ ...exit, at: Date.now() }),
      }),
    );

    recorder.start();
    await until(() => exits.length >= 3, 30_000);
    await recorder.stop();

    expect(exits.length).toBeGreaterThanOrEqual(3);
    expect(exits[0]).toMatchObject({
      expected: false, cause: 'source-lost', lastFrameAt: null, restartInMs: RESTART_LADDER_MS[0],
    });
    expect(exits[1]).toMatchObject({ cause: 'source-lost', restartInMs: RESTART_LADDER_MS[1] });
    expect(exits[0]!.code).not.toBe(0);
    expect(exits[0]!.detail).toContain('Connection refused');
    expect(exits[0]!.detail).not.toContain('S3cret');
    expect(exits[1]!.at - exits[0]!.at).toBeGreaterThanOrEqual(RESTART_LADDER_MS[0]!);
    expect(exits[2]!.at - exits[1]!.at).toBeGreaterThanOrEqual(RESTART_LADDER_MS[1]!);

    const written = readFileSync(logFile, 'utf8');
    expect(written).toContain('ffmpeg run ended; restarting');
    expect(written).toContain(`rtsp://***:***@127.0.0.1:${port}/live`);
    expect(written).not.toMatch(/S3cret/);
  });

  it('gives up at once when the ffmpeg binary does not exist', async () => {
    const exits: RecorderExit[] = [];
    const recorder = new Recorder(
      options({ ffmpeg: join(dir, 'no-ffmpeg'), onExit: (exit) => exits.push(exit) }),
    );

    recorder.start();
    await until(() => exits.length >= 1, 2_000);
    await new Promise((resolve) => setTimeout(resolve, RESTART_LADDER_MS[0]! + 200));
    await recorder.stop();

    expect(exits).toEqual([
      {
        code: expect.any(Number),
        signal: null,
        expected: false,
        cause: 'start-failed',
        detail: expect.stringContaining('ENOENT'),
        lastFrameAt: null,
        restartInMs: null,
        error: expect.stringContaining('ENOENT'),
      },
    ]);
  });
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
