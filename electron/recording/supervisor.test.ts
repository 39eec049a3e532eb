// The supervisor's bookkeeping on a real SQLite file with a real ffmpeg that cannot reach its
// camera: which gap opens, with which cause, and what the statuses say.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { silentLogger } from '../log/logger.ts';
import { gapsInRange } from './gaps.ts';
import { insertSegment } from './segments.ts';
import { RecorderSupervisor } from './supervisor.ts';

let dir: string;
let db: Db;
let supervisor: RecorderSupervisor;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-supervisor-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  supervisor = new RecorderSupervisor({ db, ffmpeg: 'ffmpeg', ffprobe: 'ffprobe',
    segmentSeconds: 10, log: silentLogger() });
});

afterEach(async () => {
  await supervisor.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const allGaps = () => gapsInRange(db, { from: 0, to: Date.now() + 60_000 });

describe('the recorder supervisor', () => {
  it('opens a source-lost gap for a camera that refuses, and says it is reconnecting', async () => {
    const port = await closedPort();
    const before = Date.now();
    await supervisor.start({ id: 'cam-east', gateId: 'east', root: dir,
      rtspUrl: `rtsp://admin:Gate%40123@127.0.0.1:${port}/live`,
      dir: join(dir, 'recordings', 'cam-east'), shareLive: false });
    await until(() => supervisor.statuses()[0]!.restarts >= 1);

    const [status] = supervisor.statuses();
    expect(status).toMatchObject({ cameraId: 'cam-east', state: 'reconnecting', h265: false,
      streamUrl: `rtsp://***:***@127.0.0.1:${port}/live` });
    expect(status!.nextAttemptAt).toBeGreaterThan(before);
    const gaps = allGaps();
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ cameraId: 'cam-east', toAt: null, cause: 'source-lost' });
    expect(gaps[0]!.detail).toContain('Connection refused');
    expect(gaps[0]!.detail).not.toContain('Gate');
  });

  it('writes the time Gatehouse was not running as a host-down gap from the last footage',
    async () => {
      const lastEnd = Date.now() - 3_600_000;
      insertSegment(db, { cameraId: 'cam-east', path: join(dir, 'old.mp4'),
        startAt: lastEnd - 10_000, endAt: lastEnd, bytes: 1_000, codec: 'hevc', width: 1920,
        height: 1080 }, 'east');
      const port = await closedPort();
      await supervisor.start({ id: 'cam-east', gateId: 'east', root: dir,
        rtspUrl: `rtsp://127.0.0.1:${port}/live`, dir: join(dir, 'recordings', 'cam-east'),
        shareLive: false });
      await until(() => supervisor.statuses()[0]!.restarts >= 1);

      // The camera being unreachable too does not split the gap: one hole, its first cause.
      expect(allGaps()).toMatchObject([{ fromAt: lastEnd, toAt: null, cause: 'host-down' }]);
      expect(supervisor.statuses()[0]).toMatchObject({ codec: 'hevc', h265: true,
        openGap: { fromAt: lastEnd, cause: 'host-down' } });
    });

  it('moves no camera once it has stopped, so no recorder outlives the host', async () => {
    const port = await closedPort();
    await supervisor.start({ id: 'cam-east', gateId: 'east', root: dir,
      rtspUrl: `rtsp://127.0.0.1:${port}/live`, dir: join(dir, 'recordings', 'cam-east'),
      shareLive: false });
    const disk2 = join(dir, 'disk2');

    await supervisor.stop();

    expect(await supervisor.move('cam-east', disk2, join(disk2, 'cam-east'), 'disk full'))
      .toBe(false);
    expect(supervisor.roots().get('cam-east')).toBe(dir);
    expect(supervisor.statuses()[0]).toMatchObject({ state: 'stopped' });
  });

  it('keeps a start-failed gap open for a camera without a stream address', () => {
    supervisor.markFailed('cam-west', 'no stream address from ONVIF: timed out', 1_000);

    expect(allGaps()).toMatchObject([{ cameraId: 'cam-west', fromAt: 1_000, toAt: null,
      cause: 'start-failed', detail: 'no stream address from ONVIF: timed out' }]);
    expect(supervisor.statuses()[0]).toMatchObject({ cameraId: 'cam-west', state: 'failed' });
  });
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
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
