import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cameraConfig, type CameraConfig } from '../../config/site.ts';
import { createRootLogger, LogRing } from '../../log/logger.ts';
import {
  buildHikvisionPush, buildMultipartPush, buildVzenithPush, loadDemoImages, sendPush,
  type Push,
} from '../../sim/lpr-sender.ts';
import {
  buildDahuaKeepAlive, buildDahuaTollgatePush, buildHuaxiaPush,
} from '../../sim/lpr-pushes.ts';
import { startLprListener, type LprListener } from './listener.ts';
import type { LaneVerdict, PlateRead } from './plate-read.ts';
import { vzenithReply } from './vzenith.ts';

const images = loadDemoImages();
const MAX_BODY_BYTES = 64 * 1024;
const WARN = 40;

const cameras: CameraConfig[] = [
  cameraConfig.parse({
    id: 'gate1-in', name: '1号门入口', vendor: 'hikvision', address: '127.0.0.1',
    serialNo: '00-00-5E-00-53-21',
  }),
  cameraConfig.parse({
    id: 'gate1-out', name: '1号门出口', vendor: 'vzenith', address: '::ffff:127.0.0.1',
    serialNo: 'demo-0001-0002',
  }),
  cameraConfig.parse({
    id: 'gate2-in', name: '2号门入口', vendor: 'dahua', address: '127.0.0.1',
    serialNo: 'dh-0001', timeZone: 'Asia/Shanghai',
  }),
  cameraConfig.parse({
    id: 'gate2-out', name: '2号门出口', vendor: 'huaxia', address: '127.0.0.1',
    serialNo: 'hx-0001',
  }),
];

const hikvisionPush = (over: Partial<Parameters<typeof buildHikvisionPush>[0]> = {}) =>
  buildHikvisionPush({
    plate: '粤B12345', color: 'yellow', uuid: 'uuid-1', dateTime: '2024-05-01T08:15:30+08:00',
    images, mac: '00:00:5e:00:53:21', ...over,
  });

const vzenithPush = (over: Partial<Parameters<typeof buildVzenithPush>[0]> = {}) =>
  buildVzenithPush({
    plate: '粤B12345D', colorType: 6, plateid: 1201, sec: 1_714_522_530,
    serialno: 'demo-0001-0002', isoffline: 0, images, ...over,
  });

let listener: LprListener;
let ring: LogRing;
let calls: { read: PlateRead; camera: CameraConfig }[];
let lane: (read: PlateRead) => Promise<LaneVerdict>;

const url = (path: string) => `http://127.0.0.1:${listener.port}${path}`;
const post = (path: string, push: Push, localAddress?: string) =>
  sendPush(url(path), push, { localAddress });
const warnings = () => ring.recent(WARN, 500).map((l) => l.msg);

beforeAll(async () => {
  ring = new LogRing(1000);
  listener = await startLprListener({
    host: '127.0.0.1',
    port: 0,
    cameras,
    maxBodyBytes: MAX_BODY_BYTES,
    log: createRootLogger({ ring, level: 'debug' }),
    onRead: (read, camera) => {
      calls.push({ read, camera });
      return lane(read);
    },
  });
});

afterAll(async () => {
  await listener.close();
});

beforeEach(() => {
  calls = [];
  lane = async () => ({ open: true, passageId: 'p-1' });
});

describe('LPR listener: Dahua and Huaxia', () => {
  it('routes Dahua ITSAPI endpoints under the camera URL, acknowledging with Result', async () => {
    // A minute ago, written as the camera's Beijing wall-clock time.
    const at = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    const beijing = new Date(at + 8 * 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
    const push = buildDahuaTollgatePush({ plate: '豫A12345', color: 'Yellow',
      accurateTime: beijing, deviceId: 'dh-0001', snapId: 7, images });
    const read = await post('/lpr/dahua/gate2-in/NotificationInfo/TollgateInfo', push);
    const alive = await post('/lpr/dahua/gate2-in/NotificationInfo/KeepAlive',
      buildDahuaKeepAlive('dh-0001'));

    expect([read.status, read.body, alive.status, alive.body])
      .toEqual([200, '{"Result":true}', 200, '{"Result":true}']);
    expect(calls.map((c) => [c.camera.id, c.read.plate, c.read.capturedAt]))
      .toEqual([['gate2-in', '豫A12345', at]]);
  });

  it('gives a Huaxia camera the relay-open reply when the lane opens', async () => {
    const res = await post('/lpr/huaxia/gate2-out', buildHuaxiaPush({ plate: '豫A12345',
      color: '黄色', startTime: 1_714_522_530, camId: 'hx-0001', type: 'online', images }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ error_num: 0, error_str: 'noerror',
      gpio_data: [{ ionum: 'io1', action: 'on' }] });
    expect(calls[0]!.read).toMatchObject({ vendor: 'huaxia', plate: '豫A12345',
      plateColor: 'yellow' });
  });

  it('takes sub-paths only from Dahua, whose firmware appends them', async () => {
    const res = await post('/lpr/huaxia/gate2-out/NotificationInfo/TollgateInfo',
      buildHuaxiaPush({ plate: '豫A12345', color: '黄色', startTime: 1_714_522_530,
        camId: 'hx-0001', type: 'online', images: {} }));
    expect(res.status).toBe(404);
    expect(calls).toHaveLength(0);
  });
});

describe('LPR listener: reads', () => {
  it('hands a Hikvision read to the lane with byte-identical pictures, answers 200', async () => {
    const res = await post('/lpr/hikvision/gate1-in', hikvisionPush());

    expect([res.status, res.body]).toEqual([200, 'OK']);
    expect(calls).toHaveLength(1);
    const { read, camera } = calls[0]!;
    expect(camera.id).toBe('gate1-in');
    expect([read.plate, read.plateColor, read.vendorEventId])
      .toEqual(['粤B12345', 'yellow', 'uuid-1']);
    expect(read.images.map((i) => i.kind)).toEqual(['plate', 'scene']);
    expect(read.images[0]!.bytes.equals(images.plate)).toBe(true);
    expect(read.images[1]!.bytes.equals(images.scene)).toBe(true);
  });

  it('answers a Vzenith camera with info ok when the lane opens', async () => {
    const res = await post('/lpr/vzenith/gate1-out', vzenithPush());

    expect(res.status).toBe(200);
    expect(res.body).toBe(vzenithReply(true, 1201));
    expect(calls[0]!.read.images[1]!.bytes.equals(images.scene)).toBe(true);
  });

  it('places a read whose camera clock is absurd at its arrival time, and says so', async () => {
    const before = Date.now();
    const res = await post('/lpr/vzenith/gate1-out', vzenithPush({ sec: 1e300 }));

    expect(res.status).toBe(200);
    expect(calls[0]!.read.capturedAt).toBeGreaterThanOrEqual(before);
    expect(calls[0]!.read.capturedAt).toBeLessThanOrEqual(Date.now());
    expect(warnings())
      .toContain('camera clock implausible; the read is placed at its arrival time');
  });

  it('answers a Vzenith camera with info no when the lane denies', async () => {
    lane = async () => ({ open: false, passageId: 'p-2' });
    const res = await post('/lpr/vzenith/gate1-out', vzenithPush({ plateid: 1202 }));
    expect(res.body)
      .toBe('{"Response_AlarmInfoPlate":{"info":"no","plateid":1202,"channelNum":0}}');
  });

  it('passes an offline replay to the lane flagged as such', async () => {
    await post('/lpr/vzenith/gate1-out', vzenithPush({ isoffline: 1 }));
    expect(calls[0]!.read.isOfflineReplay).toBe(true);
  });

  it('answers a heartbeat with 200 without asking the lane', async () => {
    const res = await post('/lpr/hikvision/gate1-in', hikvisionPush({ eventState: 'inactive' }));
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(0);
  });

  it('answers a read without a plate with 200 and a warning, without asking the lane', async () => {
    const res = await post('/lpr/vzenith/gate1-out', vzenithPush({ plate: '_无_', plateid: 9 }));

    expect(res.body).toBe(vzenithReply(false, 9));
    expect(calls).toHaveLength(0);
    expect(warnings()).toContain('vehicle seen without a readable plate');
  });

  it('answers 500 when the lane fails, and logs it', async () => {
    lane = async () => {
      throw new Error('database is locked');
    };
    const res = await post('/lpr/vzenith/gate1-out', vzenithPush());
    expect(res.status).toBe(500);
    expect(ring.recent(50, 500).map((l) => l.msg)).toContain('lane failed to handle the read');
  });

  it('warns when the reply took longer than the reply budget', async () => {
    const slowVerdict = { open: true, passageId: null };
    lane = () => new Promise((resolve) => setTimeout(() => resolve(slowVerdict), 600));
    const res = await post('/lpr/vzenith/gate1-out', vzenithPush());
    expect(res.status).toBe(200);
    expect(warnings()).toContain('slow reply');
  });
});

describe('LPR listener: refusals', () => {
  afterEach(async () => {
    // Whatever the last push did, the next camera must still be served.
    const res = await post('/lpr/vzenith/gate1-out', vzenithPush({ plateid: 4242 }));
    expect(res.body).toBe(vzenithReply(true, 4242));
  });

  it('refuses a plate of five thousand characters with 400', async () => {
    const res = await post('/lpr/vzenith/gate1-out', vzenithPush({ plate: 'A'.repeat(5000) }));
    expect(res.status).toBe(400);
    expect(res.body).toBe('not a plate: plate of 5000 characters');
    expect(calls).toHaveLength(0);
  });

  it('refuses a plate with control characters with 400', async () => {
    const plate = '豫A\u0000\u001b[31m12';
    const res = await post('/lpr/vzenith/gate1-out', vzenithPush({ plate }));
    expect(res.status).toBe(400);
    expect(res.body).toBe('not a plate: plate with control characters');
    expect(calls).toHaveLength(0);
  });

  it('refuses a truncated multipart body with 400', async () => {
    const push = hikvisionPush();
    const cut = push.body.subarray(0, push.body.length - 300);
    const res = await post('/lpr/hikvision/gate1-in', {
      headers: { ...push.headers, 'content-length': String(cut.length) },
      body: cut,
    });
    expect(res.status).toBe(400);
    expect(calls).toHaveLength(0);
  });

  it('refuses an anpr.xml part that is not XML with 400', async () => {
    const push = buildMultipartPush([
      { name: 'anpr.xml', type: 'application/xml', bytes: Buffer.from('GIF89a not xml') },
    ]);
    const res = await post('/lpr/hikvision/gate1-in', push);
    expect([res.status, res.body]).toEqual([400, 'anpr.xml part is not XML']);
  });

  it('refuses a body over the cap with 413 when its length is declared', async () => {
    const big = Buffer.alloc(4 * MAX_BODY_BYTES, 0xab);
    const res = await post('/lpr/hikvision/gate1-in', hikvisionPush({ images: { scene: big } }));
    expect([res.status, res.body]).toEqual([413, 'body too large']);
  });

  it('refuses a chunked body with 413 once it passes the cap', async () => {
    const big = Buffer.alloc(4 * MAX_BODY_BYTES, 0xab);
    const push = hikvisionPush({ images: { scene: big } });
    const { 'content-length': _, ...rest } = push.headers;
    const chunked = { ...rest, 'transfer-encoding': 'chunked' };
    const res = await post('/lpr/hikvision/gate1-in', { headers: chunked, body: push.body });
    expect([res.status, res.body]).toEqual([413, `body exceeds ${MAX_BODY_BYTES} bytes`]);
  });

  it('answers 404 for a camera that is not configured', async () => {
    expect((await post('/lpr/hikvision/gate9-in', hikvisionPush())).status).toBe(404);
    expect((await post('/lpr/dahua/gate1-in', hikvisionPush())).status).toBe(404);
    expect((await post('/lpr/vzenith/gate1-in', vzenithPush())).status).toBe(404);
    expect((await post('/', vzenithPush())).status).toBe(404);
  });

  it('refuses anything but POST with 405', async () => {
    const res = await fetch(url('/lpr/vzenith/gate1-out'));
    expect(res.status).toBe(405);
  });

  it('refuses a Vzenith body that is not JSON with 400', async () => {
    const body = Buffer.from('{"AlarmInfoPlate":{"result"');
    const res = await post('/lpr/vzenith/gate1-out', {
      headers: { 'content-type': 'application/json' }, body,
    });
    expect([res.status, res.body]).toEqual([400, 'body is not JSON']);
  });

  it('refuses a push from an address that is not the camera with 403', async () => {
    const res = await post('/lpr/vzenith/gate1-out', vzenithPush(), '127.0.0.2');
    expect([res.status, res.body]).toEqual([403, 'push from an address that is not the camera']);
    expect(calls).toHaveLength(0);
  });

  it('refuses a push whose serial is not the camera\'s with 403', async () => {
    const vz = await post('/lpr/vzenith/gate1-out', vzenithPush({ serialno: 'other-camera' }));
    const hik = await post('/lpr/hikvision/gate1-in', hikvisionPush({ mac: '00:00:5e:00:53:99' }));
    expect([vz.status, hik.status]).toEqual([403, 403]);
    expect(hik.body).toBe('serial does not match the camera');
    expect(calls).toHaveLength(0);
  });
});
