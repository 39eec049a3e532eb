// Event streams against the simulated cameras on loopback: Digest, heartbeats, reads with their
// pictures reaching the lane, a camera that drops the stream and is reopened, a wrong password.
import { afterEach, describe, expect, it } from 'vitest';
import type { CameraConfig } from '../../config/site.ts';
import { silentLogger } from '../../log/logger.ts';
import { loadDemoImages } from '../../sim/lpr-sender.ts';
import { startStreamCamera, type StreamCamera } from '../../sim/lpr-stream-camera.ts';
import { waitFor } from '../../../test/support/processes.ts';
import { openEventStream } from './event-stream.ts';
import { HikvisionStreamInterpreter } from './hikvision-stream.ts';
import { startLprStreams, type LprStreams } from './lpr-streams.ts';
import type { PlateRead } from './plate-read.ts';
import type { PushResult } from './push-result.ts';

const images = loadDemoImages();
const log = silentLogger();
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function camera(vendor: 'hikvision' | 'dahua', heartbeatMs = 200): Promise<StreamCamera> {
  const cam = await startStreamCamera({ vendor, username: 'admin', password: 'pw-12345',
    heartbeatMs, log });
  closers.push(() => cam.close());
  return cam;
}

function streams(configs: CameraConfig[], reads: PlateRead[], seen: string[]): LprStreams {
  const s = startLprStreams({
    cameras: configs, log,
    onRead: async (read) => {
      reads.push(read);
    },
    onAlive: (c) => seen.push(c.id),
  });
  closers.push(() => s.close());
  return s;
}

const config = (id: string, vendor: 'hikvision' | 'dahua', url: string,
  password = 'pw-12345'): CameraConfig => ({
  id, name: id, vendor, address: '127.0.0.1', record: false,
  stream: { url, username: 'admin', password },
});

describe('event streams held open to the camera', () => {
  it('a Hikvision alertStream brings heartbeats and reads with both pictures', async () => {
    const cam = await camera('hikvision');
    const reads: PlateRead[] = [];
    const seen: string[] = [];
    const s = streams([config('cam-h', 'hikvision', cam.streamUrl)], reads, seen);

    await waitFor('the stream to open', () => (cam.openStreams() === 1 ? true : undefined));
    await waitFor('a heartbeat', () => (seen.length > 0 ? true : undefined));
    expect(s.states().get('cam-h')).toBe(true);

    cam.read({ plate: '豫A12345', color: 'yellow', images });
    const [read] = await waitFor('the read', () => (reads.length ? reads : undefined));
    expect(read).toMatchObject({ cameraId: 'cam-h', vendor: 'hikvision', plate: '豫A12345',
      plateColor: 'yellow' });
    expect(read!.images.map((i) => i.kind)).toEqual(['plate', 'scene']);
    expect(read!.images[1]!.bytes.equals(images.scene)).toBe(true);
  });

  it('a Dahua snapManager stream brings the read with its picture at true UTC', async () => {
    const cam = await camera('dahua');
    const reads: PlateRead[] = [];
    streams([config('cam-d', 'dahua', cam.streamUrl)], reads, []);
    await waitFor('the stream to open', () => (cam.openStreams() === 1 ? true : undefined));

    // The camera writes this moment as Beijing wall-clock seconds (+120 ms in UTCMS).
    const at = Math.floor(Date.now() / 1000) * 1000 - 5_000;
    cam.read({ plate: '豫A54321', color: 'Yellow', images, at });
    const [read] = await waitFor('the read', () => (reads.length ? reads : undefined));
    expect(read).toMatchObject({ vendor: 'dahua', plate: '豫A54321', plateColor: 'yellow',
      capturedAt: at + 120 });
    expect(read!.images).toHaveLength(1);
    expect(read!.vendorEventId).toMatch(/^group-\d+$/);
  });

  it('reopens a stream the camera dropped, and reads arrive again', async () => {
    const cam = await camera('hikvision');
    const results: PushResult[] = [];
    const stream = openEventStream({
      url: cam.streamUrl, username: 'admin', password: 'pw-12345', log,
      interpreter: new HikvisionStreamInterpreter('cam-h'), ladderMs: [50],
      onResult: (r) => results.push(r),
    });
    closers.push(() => stream.close());

    await waitFor('the stream to open', () => (cam.openStreams() === 1 ? true : undefined));
    cam.dropStreams();
    await waitFor('the stream to reopen', () => (cam.openStreams() === 1 ? true : undefined),
      20_000);
    cam.read({ plate: '豫A12345', color: 'yellow', images });
    await waitFor('the read', () => results.find((r) => r.kind === 'read'));
  });

  it('gives up on a stream that falls silent and opens a new one', async () => {
    const cam = await camera('hikvision', 60_000);
    const stream = openEventStream({
      url: cam.streamUrl, username: 'admin', password: 'pw-12345', log,
      interpreter: new HikvisionStreamInterpreter('cam-h'), ladderMs: [50], idleMs: 300,
      onResult: () => undefined,
    });
    closers.push(() => stream.close());

    await waitFor('a second stream after the silence', () =>
      (cam.streamsOpened() >= 2 ? true : undefined), 20_000);
  });

  it('with a wrong password opens no stream', async () => {
    const cam = await camera('hikvision');
    const reads: PlateRead[] = [];
    const s = streams([config('cam-h', 'hikvision', cam.streamUrl, 'wrong')], reads, []);
    await new Promise((r) => setTimeout(r, 300));
    expect(cam.openStreams()).toBe(0);
    expect(s.states().get('cam-h')).toBe(false);
  });

  it('polls a Hikvision camera for its plates, each read once', async () => {
    const cam = await camera('hikvision');
    const reads: PlateRead[] = [];
    streams([config('cam-p', 'hikvision', cam.pollUrl)], reads, []);

    cam.read({ plate: '豫A12345', color: 'yellow', images });
    cam.read({ plate: '豫A01234D', color: 'yellowGreen', images });
    await waitFor('both reads', () => (reads.length >= 2 ? true : undefined), 15_000);
    // Later polls return the same last second again; the poller must not pass them on twice.
    await new Promise((r) => setTimeout(r, 2_500));

    expect(reads.map((r) => [r.plate, r.plateColor])).toEqual([
      ['豫A12345', 'yellow'], ['豫A01234D', 'yellowGreen']]);
    expect(new Set(reads.map((r) => r.vendorEventId)).size).toBe(2);

    // Each read carries the picture the camera serves under its picName.
    expect(reads.map((r) => r.images.map((i) => [i.kind, i.mime]))).toEqual([
      [['scene', 'image/jpeg']], [['scene', 'image/jpeg']]]);
    expect(reads[0]!.images[0]!.bytes.equals(images.scene)).toBe(true);
  });

  it('keeps a polled read whose picture the camera no longer has', async () => {
    const cam = await camera('hikvision');
    const reads: PlateRead[] = [];
    streams([config('cam-p', 'hikvision', cam.pollUrl)], reads, []);

    cam.read({ plate: '豫A54321', color: 'yellow', images: {} });
    await waitFor('the read', () => (reads.length >= 1 ? true : undefined), 15_000);

    expect(reads[0]).toMatchObject({ plate: '豫A54321', images: [] });
  });

  it('refuses to stream from a vendor that only pushes', () => {
    const s = streams([{ ...config('cam-v', 'hikvision', 'http://127.0.0.1:1/'),
      vendor: 'vzenith' }], [], []);
    expect(s.states().size).toBe(0);
  });
});
