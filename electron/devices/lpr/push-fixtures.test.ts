// Every vendor's push, byte for byte as the camera sends it, parsed whole and one byte at a
// time: the reads must be identical. GBK and UTF-8 bodies must give the same plate, and each
// camera must get the reply its firmware reads.
import { describe, expect, it } from 'vitest';
import { encodeGb18030 } from './charset.ts';
import {
  buildHikvisionPush, buildMultipartPush, buildVzenithPush, loadDemoImages, type Push,
  type VzenithPushInput,
} from '../../sim/lpr-sender.ts';
import {
  buildDahuaKeepAlive, buildDahuaTollgatePush, buildHuaxiaHeartbeat, buildHuaxiaPush,
  buildVzenithGbkPush, buildVzenithHeartbeat,
} from '../../sim/lpr-pushes.ts';
import { ADAPTERS } from './adapters.ts';
import type { LprVendor } from './colors.ts';
import type { PlateRead } from './plate-read.ts';
import type { PushResult } from './push-result.ts';

const images = loadDemoImages();
const RECEIVED_AT = Date.UTC(2024, 4, 1, 0, 16);
const SEC = Date.UTC(2024, 4, 1, 0, 15, 30) / 1000;

function parse(vendor: LprVendor, push: Push, chunks: Buffer[], subPath?: string) {
  return ADAPTERS[vendor].parse(push.headers, chunks, {
    cameraId: 'cam-x', receivedAt: RECEIVED_AT, maxBodyBytes: 4 * 1024 * 1024, subPath,
    timeZone: 'Asia/Shanghai',
  });
}

function bytesOf(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < body.length; i++) out.push(body.subarray(i, i + 1));
  return out;
}

/** Parses whole and one byte at a time, expects the same result, returns it. */
async function both(vendor: LprVendor, push: Push, subPath?: string): Promise<PushResult> {
  const whole = await parse(vendor, push, [push.body], subPath);
  const byByte = await parse(vendor, push, bytesOf(push.body), subPath);
  expect(byByte).toEqual(whole);
  return whole;
}

function readOf(result: PushResult): PlateRead {
  if (result.kind !== 'read') throw new Error(`expected a read, got ${JSON.stringify(result)}`);
  return result.read;
}

const vz: VzenithPushInput = {
  plate: '粤B12345', colorType: 2, plateid: 4401, sec: SEC, serialno: 'vz-01',
  isoffline: 0, images: { plate: images.plate, scene: images.scene },
};

describe('the same read whole or one byte at a time', () => {
  it('Hikvision multipart with both namespaces and three pictures', async () => {
    for (const namespace of ['http://www.isapi.org/ver20/XMLSchema',
      'http://www.hikvision.com/ver20/XMLSchema']) {
      const read = readOf(await both('hikvision', buildHikvisionPush({
        plate: '豫A12345', color: 'yellow', uuid: 'u-1', namespace,
        dateTime: '2024-05-01T08:15:30+08:00',
        images: { plate: images.plate, scene: images.scene, vehicle: images.scene },
      })));
      expect(read).toMatchObject({ plate: '豫A12345', plateColor: 'yellow', vendorEventId: 'u-1',
        capturedAt: SEC * 1000 });
      expect(read.images.map((i) => i.kind)).toEqual(['plate', 'scene', 'vehicle']);
    }
  });

  it('Vzenith AlarmInfoPlate with base64 pictures', async () => {
    const read = readOf(await both('vzenith', buildVzenithPush(vz)));
    expect(read).toMatchObject({ plate: '粤B12345', plateColor: 'yellow', vendorEventId: '4401' });
    expect(read.images[0]!.bytes.equals(images.plate)).toBe(true);
  });

  it('Dahua TollgateInfo with its local AccurateTime made UTC', async () => {
    const push = buildDahuaTollgatePush({ plate: '豫A12345', color: 'Yellow',
      accurateTime: '2024-05-01 08:15:30.250', deviceId: 'dh-01', snapId: 9001,
      images: { plate: images.plate, scene: images.scene } });
    const read = readOf(await both('dahua', push, '/NotificationInfo/TollgateInfo'));
    expect(read).toMatchObject({ vendor: 'dahua', plate: '豫A12345', plateColor: 'yellow',
      rawPlateColor: 'Yellow', confidence: 91, vendorEventId: '9001', deviceSerial: 'dh-01',
      capturedAt: SEC * 1000 + 250 });
    expect(read.images.map((i) => [i.kind, i.bytes.length]))
      .toEqual([['plate', images.plate.length], ['scene', images.scene.length]]);
  });

  it('Huaxia mode 5 form with URL-safe base64 pictures', async () => {
    const push = buildHuaxiaPush({ plate: '豫A12345', color: '黄色', startTime: SEC,
      camId: '00-00-5e-00-53-41', type: 'online', vdcType: 'out',
      images: { plate: images.plate, scene: images.scene } });
    const read = readOf(await both('huaxia', push));
    expect(read).toMatchObject({ vendor: 'huaxia', plate: '豫A12345', plateColor: 'yellow',
      direction: 'out', capturedAt: SEC * 1000, isOfflineReplay: false,
      deviceSerial: '00-00-5e-00-53-41' });
    expect(read.images[0]!.bytes.equals(images.plate)).toBe(true);
    expect(read.images[1]!.bytes.equals(images.scene)).toBe(true);
  });
});

describe('GBK and UTF-8 bodies give the same plate', () => {
  it('Vzenith GBK with charset=gbk declared, and undeclared', async () => {
    const utf8 = readOf(await both('vzenith', buildVzenithPush(vz)));
    const declared = readOf(await both('vzenith', buildVzenithGbkPush(vz, true)));
    const bare = readOf(await both('vzenith', buildVzenithGbkPush(vz, false)));
    expect(declared).toEqual(utf8);
    expect(bare).toEqual(utf8);
  });

  it('Vzenith GBK undeclared from Henan and Shandong, whose GBK is also valid UTF-8', async () => {
    for (const plate of ['豫A12345', '鲁B23456']) {
      const input = { ...vz, plate };
      const utf8 = readOf(await both('vzenith', buildVzenithPush(input)));
      const bare = readOf(await both('vzenith', buildVzenithGbkPush(input, false)));
      expect(bare.plate).toBe(plate);
      expect(bare).toEqual(utf8);
    }
  });

  it('a multi-byte character split between two reads', async () => {
    const push = buildVzenithPush(vz);
    const at = push.body.indexOf(Buffer.from('粤')) + 1;
    const split = await parse('vzenith', push, [push.body.subarray(0, at), push.body.subarray(at)]);
    expect(readOf(split).plate).toBe('粤B12345');

    const gbk = buildVzenithGbkPush(vz, true);
    const gbkAt = gbk.body.indexOf(encodeGb18030('粤')) + 1;
    const gbkSplit = await parse('vzenith', gbk,
      [gbk.body.subarray(0, gbkAt), gbk.body.subarray(gbkAt)]);
    expect(readOf(gbkSplit).plate).toBe('粤B12345');
  });

  it('Hikvision XML declaring GB2312', async () => {
    const xml = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="GB2312"?>\r\n<EventNotificationAlert>'),
      Buffer.from('<eventType>ANPR</eventType><eventState>active</eventState>'),
      encodeGb18030('<ANPR><licensePlate>粤B12345</licensePlate></ANPR>'),
      Buffer.from('</EventNotificationAlert>'),
    ]);
    const push = buildMultipartPush([{ name: 'anpr.xml', type: 'application/xml', bytes: xml }]);
    expect(readOf(await both('hikvision', push)).plate).toBe('粤B12345');
  });

  it('Dahua JSON in GBK, declared and undeclared', async () => {
    const utf8 = buildDahuaTollgatePush({ plate: '粤B12345', color: 'Blue',
      accurateTime: '2024-05-01 08:15:30.000', deviceId: 'dh-01', snapId: 1, images: {} });
    const gbkBody = encodeGb18030(utf8.body.toString('utf8'));
    const path = '/NotificationInfo/TollgateInfo';
    const expected = readOf(await both('dahua', utf8, path));
    for (const type of ['application/json; charset=GBK', 'application/json']) {
      const push = { headers: { 'content-type': type }, body: gbkBody };
      expect(readOf(await both('dahua', push, path))).toEqual(expected);
    }
    expect(expected.plate).toBe('粤B12345');
  });

  it('Huaxia form with GBK percent-escapes', async () => {
    const plate = [...encodeGb18030('粤B12345')].map((b) => `%${b.toString(16).toUpperCase()}`)
      .join('');
    const color = [...encodeGb18030('蓝色')].map((b) => `%${b.toString(16)}`).join('');
    const body = Buffer.from(`type=online&cam_id=hx-1&plate_num=${plate}&plate_color=${color}` +
      `&start_time=${SEC}`);
    const push = { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
    const read = readOf(await both('huaxia', push));
    expect([read.plate, read.plateColor]).toEqual(['粤B12345', 'blue']);
  });

  it('a Huaxia picture field damaged in transit does not change how the plate reads', async () => {
    const push = buildHuaxiaPush({ plate: '豫A12345', color: '黄色', startTime: SEC,
      camId: 'hx-1', type: 'online', images: { plate: images.plate, scene: images.scene } });
    // A stray escape inside the scene picture's base64 stands for a byte that is no text.
    const text = push.body.toString('latin1');
    const at = text.indexOf('&picture=') + 200;
    const body = Buffer.from(`${text.slice(0, at)}%C3%28${text.slice(at)}`, 'latin1');
    const read = readOf(await both('huaxia', { headers: push.headers, body }));
    expect([read.plate, read.plateColor]).toEqual(['豫A12345', 'yellow']);
  });
});

describe('heartbeats, replays and replies', () => {
  it('Vzenith heartbeats are answered without a command', async () => {
    const hb = await both('vzenith', buildVzenithHeartbeat('vz-01', 12, SEC));
    expect(hb).toEqual({ kind: 'heartbeat', deviceSerial: 'vz-01' });
    if (hb.kind !== 'heartbeat') throw new Error('not a heartbeat');
    expect(JSON.parse(ADAPTERS.vzenith.replyToNothing(hb).body))
      .toEqual({ Response_Heartbeat: { info: 'no' } });
  });

  it('a Vzenith offline replay never opens and asks for the next stored read', async () => {
    const read = readOf(await both('vzenith', buildVzenithPush({ ...vz, isoffline: 1 })));
    expect(read.isOfflineReplay).toBe(true);
    const reply = JSON.parse(ADAPTERS.vzenith.replyToRead(read, { open: true, passageId: 'p' })
      .body);
    expect(reply).toEqual({ Response_AlarmInfoPlate: { info: 'no', plateid: 4401, channelNum: 0,
      ContinuePushOffline: { plateid: 4401, continue: 1 } } });
  });

  it('a Vzenith offline replay without a plate still gets the go-ahead for the next', async () => {
    const result = await both('vzenith', buildVzenithPush({ ...vz, plate: '_无_', isoffline: 1 }));
    expect(result).toEqual({ kind: 'no-plate', deviceSerial: 'vz-01', vendorEventId: '4401',
      offline: true });
    if (result.kind !== 'no-plate') throw new Error('not a no-plate');
    expect(JSON.parse(ADAPTERS.vzenith.replyToNothing(result).body).Response_AlarmInfoPlate)
      .toMatchObject({ info: 'no', ContinuePushOffline: { plateid: 4401, continue: 1 } });
  });

  it('Vzenith keeps the first readable plate of a multi-region read', async () => {
    const push = buildVzenithPush({ ...vz, plate: '_无_|粤B12345' });
    const read = readOf(await both('vzenith', push));
    expect(read.plate).toBe('粤B12345');
  });

  it('Dahua KeepAlive is a heartbeat answered with Result true', async () => {
    const hb = await both('dahua', buildDahuaKeepAlive('dh-01'), '/NotificationInfo/KeepAlive');
    expect(hb).toEqual({ kind: 'heartbeat', deviceSerial: 'dh-01' });
    if (hb.kind !== 'heartbeat') throw new Error('not a heartbeat');
    expect(JSON.parse(ADAPTERS.dahua.replyToNothing(hb).body)).toEqual({ Result: true });
  });

  it('Huaxia: heartbeat, offline replay and the relay-open reply', async () => {
    expect(await both('huaxia', buildHuaxiaHeartbeat('hx-1')))
      .toEqual({ kind: 'heartbeat', deviceSerial: 'hx-1' });

    const offline = readOf(await both('huaxia', buildHuaxiaPush({ plate: '豫A12345',
      color: '黄色', startTime: SEC, camId: 'hx-1', type: 'offline', images: {} })));
    expect(offline.isOfflineReplay).toBe(true);
    const verdict = { open: true, passageId: 'p' };
    expect(JSON.parse(ADAPTERS.huaxia.replyToRead(offline, verdict).body))
      .toEqual({ error_num: 0, error_str: 'noerror' });
    expect(JSON.parse(ADAPTERS.huaxia.replyToRead({ ...offline, isOfflineReplay: false },
      verdict).body)).toEqual({ error_num: 0, error_str: 'noerror',
      gpio_data: [{ ionum: 'io1', action: 'on' }] });
  });

  it('refuses what is no push with 400', async () => {
    const form = { headers: {}, body: Buffer.from('type=bogus') };
    expect(await both('huaxia', form)).toMatchObject({ kind: 'error', status: 400 });
    const json = { headers: {}, body: Buffer.from('{"Picture":{}}') };
    expect(await both('dahua', json, '/NotificationInfo/TollgateInfo'))
      .toMatchObject({ kind: 'error', status: 400 });
    expect(await both('dahua', json, '/NotificationInfo/Other'))
      .toMatchObject({ kind: 'error', status: 400 });
  });
});
