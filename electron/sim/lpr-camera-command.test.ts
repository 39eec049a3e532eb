// `sim lpr-camera` for every vendor against the real LPR listener, and in stream mode against
// Gatehouse's event stream: a line `read PLATE` on its stdin becomes a read at the lane.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { CameraConfig } from '../config/site.ts';
import { startLprListener } from '../devices/lpr/listener.ts';
import { startLprStreams } from '../devices/lpr/lpr-streams.ts';
import type { LprVendorName, PlateRead } from '../devices/lpr/plate-read.ts';
import { silentLogger } from '../log/logger.ts';
import { waitFor } from '../../test/support/processes.ts';
import { runLprCameraCommand } from './lpr-camera-command.ts';

const log = silentLogger();
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const camera = (vendor: LprVendorName, extra: Partial<CameraConfig> = {}): CameraConfig => ({
  id: `cam-${vendor}`, name: vendor, vendor, address: '127.0.0.1', serialNo: `sn-${vendor}`,
  record: false, ...extra,
});

async function listener(reads: PlateRead[]) {
  const cameras = (['hikvision', 'vzenith', 'dahua', 'huaxia'] as const).map((v) => camera(v));
  const l = await startLprListener({ host: '127.0.0.1', port: 0, cameras, log,
    onRead: async (read) => {
      reads.push(read);
      return { open: false, passageId: null };
    } });
  closers.push(() => l.close());
  return l;
}

async function command(args: string[]) {
  const stdin = new PassThrough();
  const out: string[] = [];
  const sim = await runLprCameraCommand(args, { stdout: { write: (t: string) => out.push(t) },
    stdin, log });
  closers.push(() => sim.close());
  return { stdin, ready: JSON.parse(out[0]!) as Record<string, unknown> };
}

describe('sim lpr-camera', () => {
  it.each(['hikvision', 'vzenith', 'dahua', 'huaxia'] as const)(
    'pushes %s reads the listener accepts', async (vendor) => {
      const reads: PlateRead[] = [];
      const l = await listener(reads);
      const target = `http://127.0.0.1:${l.port}/lpr/${vendor}/cam-${vendor}`;
      const { stdin, ready } = await command(['--vendor', vendor, '--every-ms', '0',
        '--serial', `sn-${vendor}`, '--target', target]);
      expect(ready).toMatchObject({ ready: true, vendor, mode: 'push' });

      stdin.write('read 豫A01234D\n');
      const [read] = await waitFor('the read', () => (reads.length ? reads : undefined));
      expect(read).toMatchObject({ vendor, cameraId: `cam-${vendor}`, plate: '豫A01234D',
        plateColor: 'yellowGreen' });
      expect(read!.images.length).toBeGreaterThan(0);
    });

  it('sends the Hikvision Metadata variant when asked, pushed and streamed', async () => {
    const reads: PlateRead[] = [];
    const l = await listener(reads);
    const target = `http://127.0.0.1:${l.port}/lpr/hikvision/cam-hikvision`;
    const pushed = await command(['--vendor', 'hikvision', '--every-ms', '0', '--metadata',
      '--serial', 'sn-hikvision', '--target', target]);
    pushed.stdin.write('read 豫A12345\n');
    await waitFor('the pushed read', () => (reads.length ? reads : undefined));

    const served = await command(['--vendor', 'hikvision', '--serve', '--every-ms', '0',
      '--metadata', '--password', 'pw-1', '--heartbeat-ms', '200']);
    const streams = startLprStreams({ log, cameras: [camera('hikvision', { serialNo: undefined,
      stream: { url: String(served.ready.streamUrl), username: 'admin', password: 'pw-1' } })],
      onRead: async (r) => reads.push(r) });
    closers.push(() => streams.close());
    await waitFor('the stream', () => (streams.states().get('cam-hikvision') ? true : undefined));
    served.stdin.write('read 豫A01234D\n');
    await waitFor('the streamed read', () => (reads.length >= 2 ? true : undefined));

    expect(reads.map((r) => [r.vendor, r.plate, r.plateColor, r.confidence])).toEqual([
      ['hikvision', '豫A12345', 'yellow', 96], ['hikvision', '豫A01234D', 'yellowGreen', 95]]);
  });

  it('serves a Dahua attach stream Gatehouse reads from', async () => {
    const { stdin, ready } = await command(['--vendor', 'dahua', '--serve', '--every-ms', '0',
      '--password', 'pw-1', '--heartbeat-ms', '200']);
    const reads: PlateRead[] = [];
    const streams = startLprStreams({ log, cameras: [camera('dahua', { serialNo: undefined,
      stream: { url: String(ready.streamUrl), username: 'admin', password: 'pw-1' } })],
      onRead: async (r) => reads.push(r) });
    closers.push(() => streams.close());
    await waitFor('the stream', () => (streams.states().get('cam-dahua') ? true : undefined));

    stdin.write('read 豫A12345\n');
    const [read] = await waitFor('the read', () => (reads.length ? reads : undefined));
    expect(read).toMatchObject({ vendor: 'dahua', plate: '豫A12345', plateColor: 'yellow' });
  });

  it('refuses a stream for a vendor that only pushes, and runs as its own process', async () => {
    await expect(runLprCameraCommand(['--vendor', 'huaxia', '--serve'], {
      stdout: { write: () => true }, log })).rejects.toThrow(/usage: sim lpr-camera/);

    const child = spawn(process.execPath, [join(import.meta.dirname, 'cli.ts'), 'lpr-camera',
      '--vendor', 'hikvision', '--serve', '--every-ms', '0'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout! }).once('line', resolve));
    const ready = JSON.parse(first) as { streamUrl: string };
    expect(ready).toMatchObject({ ready: true, vendor: 'hikvision', mode: 'stream' });
    const bare = await fetch(ready.streamUrl);
    expect([bare.status, bare.headers.get('www-authenticate')?.startsWith('Digest ')])
      .toEqual([401, true]);
    const closed = new Promise((r) => child.once('close', r));
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
  });
});
