import { describe, expect, it } from 'vitest';
import {
  buildHikvisionPush, buildMultipartPush, HIKVISION_NAMESPACES, loadDemoImages,
  type HikvisionPushInput, type Push,
} from '../../sim/lpr-sender.ts';
import { isoToUtcMs, parseHikvisionPush } from './hikvision.ts';
import type { PushResult } from './push-result.ts';

const images = loadDemoImages();
const RECEIVED_AT = Date.UTC(2024, 4, 1, 0, 16, 0);
const ctx = { cameraId: 'gate1-in', receivedAt: RECEIVED_AT, maxBodyBytes: 1024 * 1024,
  timeZone: 'Asia/Shanghai' };

const base: HikvisionPushInput = {
  plate: '粤B·12345',
  color: 'yellow',
  uuid: '0f0e0d0c-0000-0000-0000-000000000001',
  dateTime: '2024-05-01T08:15:30+08:00',
  images: { plate: images.plate, scene: images.scene },
  mac: '00:00:5e:00:53:21',
};

function parse(push: Push, chunks: Buffer[] = [push.body], cap = ctx.maxBodyBytes) {
  return parseHikvisionPush(push.headers, chunks, { ...ctx, maxBodyBytes: cap });
}

function oneByteAtATime(body: Buffer): Buffer[] {
  return Array.from({ length: body.length }, (_, i) => body.subarray(i, i + 1));
}

function expectRead(result: PushResult) {
  if (result.kind !== 'read') throw new Error(`expected a read, got ${JSON.stringify(result)}`);
  return result.read;
}

describe('Hikvision ISAPI listening-mode push', () => {
  it('turns an isapi.org alert with two pictures into a plate read', async () => {
    const read = expectRead(await parse(buildHikvisionPush(base)));

    expect(read).toMatchObject({
      cameraId: 'gate1-in',
      vendor: 'hikvision',
      plate: '粤B12345',
      plateColor: 'yellow',
      rawPlateColor: 'yellow',
      confidence: 96,
      direction: 'unknown',
      capturedAt: Date.UTC(2024, 4, 1, 0, 15, 30),
      vendorEventId: '0f0e0d0c-0000-0000-0000-000000000001',
      isOfflineReplay: false,
      deviceSerial: '00:00:5e:00:53:21',
    });
    expect(read.images.map((i) => [i.kind, i.mime])).toEqual([
      ['plate', 'image/jpeg'],
      ['scene', 'image/jpeg'],
    ]);
    expect(read.images[0]!.bytes.equals(images.plate)).toBe(true);
    expect(read.images[1]!.bytes.equals(images.scene)).toBe(true);
  });

  it('reads the hikvision.com namespace of older firmware the same way', async () => {
    const isapi = await parse(buildHikvisionPush(base));
    const older = await parse(
      buildHikvisionPush({ ...base, namespace: HIKVISION_NAMESPACES.hikvision }),
    );
    expect(older).toEqual(isapi);
  });

  it('reads elements written with a namespace prefix', async () => {
    const xml =
      `<hik:EventNotificationAlert xmlns:hik="${HIKVISION_NAMESPACES.hikvision}">` +
      '<hik:macAddress>00:00:5e:00:53:21</hik:macAddress><hik:eventType>ANPR</hik:eventType>' +
      '<hik:eventState>active</hik:eventState><hik:dateTime>2024-05-01T08:15:30+08:00' +
      '</hik:dateTime><hik:ANPR><hik:licensePlate>京A12345</hik:licensePlate>' +
      '<hik:plateColor>blue</hik:plateColor></hik:ANPR></hik:EventNotificationAlert>';
    const push = buildMultipartPush([
      { name: 'anpr.xml', type: 'text/xml', bytes: Buffer.from(xml) },
    ]);

    const read = expectRead(await parse(push));
    expect([read.plate, read.plateColor, read.vendorEventId, read.images]).toEqual([
      '京A12345', 'blue', null, [],
    ]);
  });

  it('gives the same result whether the body arrives whole or one byte at a time', async () => {
    const push = buildHikvisionPush({ ...base, images: { ...base.images, vehicle: images.scene } });
    const whole = await parse(push);
    const trickled = await parse(push, oneByteAtATime(push.body));

    expect(expectRead(trickled).images).toHaveLength(3);
    expect(trickled).toEqual(whole);
  });

  it('keeps picture bytes exactly, even ones that look like multipart syntax', async () => {
    const tricky = Buffer.concat([
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      Buffer.from('\r\n--\r\n\r\n--boundary\r\nContent-Type: text/plain\r\n\r\n'),
      Buffer.from([0xff, 0xd9]),
    ]);
    const push = buildHikvisionPush({ ...base, images: { plate: tricky } });
    const read = expectRead(await parse(push));
    expect(read.images).toHaveLength(1);
    expect(read.images[0]!.bytes.equals(tricky)).toBe(true);
  });

  it('recognises a heartbeat by eventState inactive', async () => {
    const result = await parse(buildHikvisionPush({ ...base, eventState: 'inactive', images: {} }));
    expect(result).toEqual({ kind: 'heartbeat', deviceSerial: '00:00:5e:00:53:21' });
  });

  it('reports a vehicle without a readable plate as no-plate', async () => {
    const result = await parse(buildHikvisionPush({ ...base, plate: '无车牌' }));
    expect(result).toEqual({
      kind: 'no-plate',
      deviceSerial: '00:00:5e:00:53:21',
      vendorEventId: '0f0e0d0c-0000-0000-0000-000000000001',
    });
  });

  it('refuses a truncated body with 400', async () => {
    const push = buildHikvisionPush(base);
    const result = await parse(push, [push.body.subarray(0, push.body.length - 200)]);
    expect(result).toMatchObject({ kind: 'error', status: 400 });
  });

  it('refuses an anpr.xml part that is neither XML nor JSON with 400', async () => {
    const text = Buffer.from('ANPR 粤B12345');
    const push = buildMultipartPush([{ name: 'anpr.xml', type: 'text/plain', bytes: text }]);
    expect(await parse(push)).toEqual({
      kind: 'error', status: 400, message: 'anpr.xml part is not XML',
    });
  });

  it('reads the JSON alert of firmware set to JSON, and refuses one without ANPR', async () => {
    const alert = { ipAddress: '192.0.2.21', macAddress: '00:00:5e:00:53:21',
      dateTime: '2024-05-01T08:15:30+08:00', eventType: 'ANPR', eventState: 'active',
      UUID: 'json-1',
      ANPR: { licensePlate: '粤B12345', plateColor: 'blue', confidenceLevel: 94 } };
    const push = buildMultipartPush([{ name: 'anpr.xml', type: 'application/json',
      bytes: Buffer.from(JSON.stringify(alert)) }]);
    const result = await parse(push);
    expect(result).toMatchObject({ kind: 'read', read: { plate: '粤B12345', plateColor: 'blue',
      confidence: 94, vendorEventId: 'json-1', capturedAt: 1_714_522_530_000 } });

    const bare = buildMultipartPush([{ name: 'anpr.xml', type: 'application/json',
      bytes: Buffer.from('{"EventNotificationAlert":{"eventType":"ANPR"}}') }]);
    expect(await parse(bare)).toEqual({
      kind: 'error', status: 400, message: 'event anpr carries no ANPR element',
    });
  });

  it('refuses malformed XML and XML with a DTD with 400', async () => {
    const broken = buildMultipartPush([
      { name: 'anpr.xml', type: 'text/xml', bytes: Buffer.from('<EventNotificationAlert><a>') },
    ]);
    const dtd = buildMultipartPush([{
      name: 'anpr.xml', type: 'text/xml',
      bytes: Buffer.from('<!DOCTYPE x [<!ENTITY a "aaaa">]><EventNotificationAlert/>'),
    }]);
    expect(await parse(broken)).toMatchObject({ kind: 'error', status: 400 });
    expect(await parse(dtd)).toMatchObject({ kind: 'error', status: 400 });
  });

  it('refuses a push without an anpr.xml part with 400', async () => {
    const push = buildMultipartPush([
      { name: 'licensePlatePicture.jpg', type: 'image/jpeg', bytes: images.plate },
    ]);
    expect(await parse(push)).toEqual({ kind: 'error', status: 400, message: 'no anpr.xml part' });
  });

  it('refuses a body that is neither multipart nor a bare alert with 415', async () => {
    const push = { headers: { 'content-type': 'text/plain' }, body: Buffer.from('{}') };
    expect(await parse(push)).toMatchObject({ kind: 'error', status: 415 });
  });

  it('reads a bare alert from firmware that uploads its pictures as URLs', async () => {
    const xml = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><EventNotificationAlert ' +
      'xmlns="http://www.hikvision.com/ver20/XMLSchema"><eventType>ANPR</eventType>' +
      '<eventState>active</eventState><UUID>bare-1</UUID><ANPR><licensePlate>粤B12345' +
      '</licensePlate><plateColor>blue</plateColor></ANPR></EventNotificationAlert>');
    const push = { headers: { 'content-type': 'application/xml; charset="UTF-8"' }, body: xml };
    expect(await parse(push)).toMatchObject({ kind: 'read', read: { plate: '粤B12345',
      plateColor: 'blue', vendorEventId: 'bare-1', images: [] } });

    const json = { headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') };
    expect(await parse(json)).toMatchObject({ kind: 'error', status: 400 });
  });

  it('refuses a multipart header without a boundary with 400', async () => {
    const push = { headers: { 'content-type': 'multipart/form-data' }, body: Buffer.from('x') };
    expect(await parse(push)).toMatchObject({ kind: 'error', status: 400 });
  });

  it('refuses a body over the cap with 413', async () => {
    const push = buildHikvisionPush(base);
    const result = await parse(push, oneByteAtATime(push.body), 4096);
    expect(result).toEqual({ kind: 'error', status: 413, message: 'body exceeds 4096 bytes' });
  });
});

describe('the Metadata variant of the ANPR alert (Metadata/subType=ANPR)', () => {
  const metadataAlert = (body: string) => Buffer.from('<?xml version="1.0" encoding="UTF-8"?>' +
    '\r\n<EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">' +
    '<ipAddress>192.0.2.21</ipAddress><macAddress>00:00:5e:00:53:21</macAddress>' +
    '<dateTime>2024-05-01T08:15:30+08:00</dateTime><eventType>ANPR</eventType>' +
    `<eventState>active</eventState><UUID>meta-1</UUID>${body}</EventNotificationAlert>`);

  it('gives the same plate read as the ANPR element, whole or one byte at a time', async () => {
    const push = buildHikvisionPush({ ...base, metadata: true, confidence: 88 });
    expect(push.body.toString('latin1')).toContain('<subType>ANPR</subType>');
    expect(push.body.toString('latin1')).not.toContain('<ANPR>');

    const whole = expectRead(await parse(push));
    const trickled = expectRead(await parse(push, oneByteAtATime(push.body)));
    const anpr = expectRead(await parse(buildHikvisionPush({ ...base, confidence: 88 })));

    expect(trickled).toEqual(whole);
    expect(whole).toEqual(anpr);
    expect(whole).toMatchObject({ plate: '粤B12345', plateColor: 'yellow',
      rawPlateColor: 'yellow', confidence: 88, capturedAt: Date.UTC(2024, 4, 1, 0, 15, 30),
      vendorEventId: '0f0e0d0c-0000-0000-0000-000000000001' });
    expect(whole.images[1]!.bytes.equals(images.scene)).toBe(true);
  });

  it('reads properties written as elements of their own name', async () => {
    const xml = metadataAlert('<Metadata><type>vehicle</type><subType>ANPR</subType>' +
      '<Target><licensePlate>豫A01234D</licensePlate><plateType>newEnergy</plateType>' +
      '<plateColor>yellowGreen</plateColor><vehicleColor>white</vehicleColor>' +
      '<vehicleType>largeBus</vehicleType><confidence>91</confidence>' +
      '<direction>reverse</direction></Target></Metadata>');
    const push = buildMultipartPush([{ name: 'anpr.xml', type: 'application/xml', bytes: xml }]);

    const read = expectRead(await parse(push, oneByteAtATime(push.body)));
    expect(read).toMatchObject({ plate: '豫A01234D', plateColor: 'yellowGreen', confidence: 91,
      capturedAt: Date.UTC(2024, 4, 1, 0, 15, 30), vendorEventId: 'meta-1', images: [] });
  });

  it('takes the ANPR one of several Metadata elements, also from JSON firmware', async () => {
    const alert = { macAddress: '00:00:5e:00:53:21', dateTime: '2024-05-01T08:15:30+08:00',
      eventType: 'vehicleDetection', eventState: 'active', UUID: 'meta-json',
      Metadata: [
        { subType: 'vehicleAttribute', PropertyList: { Property: [
          { description: 'licensePlate', value: 'not this one' }] } },
        { subType: 'ANPR', PropertyList: { Property: [
          { description: 'licensePlate', value: '京A12345' },
          { description: 'plateColor', value: 'blue' },
          { description: 'confidence', value: 97 }] } },
      ] };
    const push = buildMultipartPush([{ name: 'anpr.xml', type: 'application/json',
      bytes: Buffer.from(JSON.stringify({ EventNotificationAlert: alert })) }]);

    expect(expectRead(await parse(push))).toMatchObject({ plate: '京A12345',
      plateColor: 'blue', confidence: 97, vendorEventId: 'meta-json' });
  });

  it('reports no-plate for an empty licensePlate and refuses Metadata of another kind',
    async () => {
      const empty = metadataAlert('<Metadata><subType>ANPR</subType><PropertyList><Property>' +
        '<description>licensePlate</description><value></value></Property></PropertyList>' +
        '</Metadata>');
      const other = metadataAlert('<Metadata><subType>faceCapture</subType></Metadata>');
      const push = (bytes: Buffer) =>
        buildMultipartPush([{ name: 'anpr.xml', type: 'application/xml', bytes }]);

      expect(await parse(push(empty))).toEqual({ kind: 'no-plate',
        deviceSerial: '00:00:5e:00:53:21', vendorEventId: 'meta-1' });
      expect(await parse(push(other))).toEqual({ kind: 'error', status: 400,
        message: 'event anpr carries no ANPR element' });
    });
});

describe('isoToUtcMs', () => {
  it.each([
    ['2024-05-01T08:15:30+08:00', Date.UTC(2024, 4, 1, 0, 15, 30)],
    ['2024-05-01T08:15:30+0800', Date.UTC(2024, 4, 1, 0, 15, 30)],
    ['2024-05-01T00:15:30Z', Date.UTC(2024, 4, 1, 0, 15, 30)],
    ['2024-05-01T08:15:30.250+08:00', Date.UTC(2024, 4, 1, 0, 15, 30, 250)],
    ['2024-05-01T08:15:30', Date.UTC(2024, 4, 1, 0, 15, 30)],
  ])('%s → %d', (iso, ms) => {
    expect(isoToUtcMs(iso)).toBe(ms);
  });

  it('answers null for nothing or nonsense, so the arrival time is used', async () => {
    expect(isoToUtcMs(null)).toBeNull();
    expect(isoToUtcMs('yesterday')).toBeNull();
    const read = expectRead(await parse(buildHikvisionPush({ ...base, dateTime: '' })));
    expect(read.capturedAt).toBe(RECEIVED_AT);
  });
});
