import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log/logger.ts';
import { resourcePath } from '../../config/paths.ts';
import { startOnvifResponder, type OnvifResponder } from '../../sim/onvif-responder.ts';
import { probeCamera } from './camera-probe.ts';
import { captureSnapshot } from './snapshot.ts';
import { discoverCameras } from './discovery.ts';

const USER = 'admin';
const PASSWORD = 'Yard-cam#7';
const STREAM = 'rtsp://127.0.0.1:8554/cam1';
const SCENE = readFileSync(resourcePath('demo', 'scene.jpg'));
/** China Standard Time: the firmware that writes local time into UTCDateTime is 8 h ahead. */
const LOCAL_AS_UTC_MS = 8 * 3_600_000;
const MINUTE = 60_000;

const started: OnvifResponder[] = [];
const camera = async (extra: Partial<Parameters<typeof startOnvifResponder>[0]> = {}) => {
  const r = await startOnvifResponder({ username: USER, password: PASSWORD, streamUri: STREAM,
    snapshot: SCENE, log: silentLogger(), ...extra });
  started.push(r);
  return r;
};
const probe = (url: string, password = PASSWORD) =>
  probeCamera({ url, username: USER, password, timeoutMs: 8_000 });

let plain: OnvifResponder;

beforeAll(async () => {
  plain = await camera({ discovery: { port: 0 }, name: 'Gate 1 LPR' });
});

afterAll(async () => {
  for (const r of started) await r.stop();
});

describe('probing a camera the installer added by address', () => {
  it('reads maker, serial number, profiles and stream and snapshot addresses', async () => {
    const result = await probe(plain.url);

    expect(result).toMatchObject({
      ok: true, manufacturer: 'Gatehouse', model: 'Demo gate camera',
      serialNumber: 'GH-SIM-0001', streamUri: STREAM,
      profiles: [{ token: 'main', width: 1280, height: 720 },
        { token: 'sub', width: 640, height: 360 }],
    });
    expect(result.ok && result.snapshotUri)
      .toMatch(/^http:\/\/127\.0\.0\.1:\d+\/onvif\/snapshot\.jpg$/);
    expect(result.ok && Math.abs(result.clockOffsetMs)).toBeLessThan(MINUTE);
  });

  it('authenticates with a camera at 1970 and says how far off its clock is', async () => {
    const r = await camera({ clockOffsetMs: -Date.now() + 3_600_000 });
    const result = await probe(r.url);

    expect(result.ok).toBe(true);
    expect(result.ok && result.clockOffsetMs).toBeLessThan(-50 * 365 * 86_400_000);
  });

  it('authenticates with a camera that reports local time as UTC', async () => {
    const r = await camera({ clockOffsetMs: LOCAL_AS_UTC_MS });
    const result = await probe(r.url);

    expect(result.ok).toBe(true);
    expect(result.ok && Math.abs(result.clockOffsetMs - LOCAL_AS_UTC_MS)).toBeLessThan(MINUTE);
  });

  it('falls back to HTTP Digest on firmware that refuses WS-Security', async () => {
    const r = await camera({ auth: 'digest' });
    expect(await probe(r.url)).toMatchObject({ ok: true, serialNumber: 'GH-SIM-0001' });
  });

  it('says the password is wrong, in words, without repeating it', async () => {
    const result = await probe(plain.url, 'not-the-password');

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/refused the user name or password/);
    expect(JSON.stringify(result)).not.toContain('not-the-password');
  });
});

describe('a snapshot for a camera without LPR pictures', () => {
  it('fetches the JPEG behind the camera’s Digest challenge', async () => {
    const info = await probe(plain.url);
    if (!info.ok) throw new Error(info.error);
    const shot = await captureSnapshot({ snapshotUri: info.snapshotUri, streamUri: null,
      username: USER, password: PASSWORD, timeoutMs: 8_000 });

    expect(shot).toMatchObject({ ok: true, mime: 'image/jpeg', via: 'http' });
    expect(shot.ok && shot.bytes.equals(SCENE)).toBe(true);
  });

  it('reports refused credentials instead of a picture', async () => {
    const info = await probe(plain.url);
    if (!info.ok) throw new Error(info.error);
    const shot = await captureSnapshot({ snapshotUri: info.snapshotUri, streamUri: null,
      username: USER, password: 'wrong', timeoutMs: 8_000 });

    expect(shot).toEqual({ ok: false,
      error: 'The camera refused the user name or password for its snapshot' });
  });
});

describe('WS-Discovery', () => {
  it('finds the camera by a directed probe and names the device service', async () => {
    const found = await discoverCameras({ timeoutMs: 1_000, localAddresses: [],
      unicast: [`127.0.0.1:${plain.discoveryPort}`] });

    expect(found).toEqual([{ url: plain.url, address: '127.0.0.1', via: 'unicast',
      name: 'Gate 1 LPR', hardware: 'GH-SIM' }]);
  });

  it('probes from every interface address it is given and survives one that fails', async () => {
    const found = await discoverCameras({ timeoutMs: 500, localAddresses: ['192.0.2.77'],
      unicast: [`127.0.0.1:${plain.discoveryPort}`] });

    expect(found.map((c) => c.url)).toEqual([plain.url]);
  });
});
