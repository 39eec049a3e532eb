// The event streams cameras serve, fed to the parsers whole and one byte at a time: the reads
// must be the same either way, with heartbeats, stray boundary lines, both Hikvision
// namespaces, parts without Content-Length, Dahua groups and Dahua's local-time `UTC`.
import { describe, expect, it } from 'vitest';
import { loadDemoImages, HIKVISION_NAMESPACES } from '../../sim/lpr-sender.ts';
import {
  DAHUA_STREAM_BOUNDARY, HIKVISION_STREAM_BOUNDARY, dahuaEventPart, dahuaHeartbeatPart,
  dahuaPicturePart, hikvisionAlertParts, hikvisionHeartbeatPart, strayBoundary,
} from '../../sim/lpr-stream-bytes.ts';
import { DahuaStreamInterpreter } from './dahua-stream.ts';
import { HikvisionStreamInterpreter } from './hikvision-stream.ts';
import { MixedPartsReader } from './mixed-parts.ts';
import type { PushResult } from './push-result.ts';
import type { StreamInterpreter } from './stream-interpreter.ts';

const images = loadDemoImages();
const NOW = Date.UTC(2024, 4, 1, 0, 20);
const MAC = '00:00:5e:00:53:21';

/** Every result of the stream, fed in pieces of `size` bytes, then flushed at its end. */
function run(bytes: Buffer, boundary: string, interpreter: StreamInterpreter, size: number) {
  const reader = new MixedPartsReader(boundary);
  const results: PushResult[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    for (const part of reader.push(bytes.subarray(i, i + size))) {
      results.push(...interpreter.take(part, NOW));
    }
  }
  for (const part of reader.end()) results.push(...interpreter.take(part, NOW));
  results.push(...interpreter.flush());
  return results;
}

function wholeAndByByte(bytes: Buffer, boundary: string, make: () => StreamInterpreter) {
  const whole = run(bytes, boundary, make(), bytes.length);
  const byByte = run(bytes, boundary, make(), 1);
  expect(byByte).toEqual(whole);
  return whole;
}

function reads(results: PushResult[]) {
  return results.flatMap((r) => (r.kind === 'read' ? [r.read] : []));
}

describe('Hikvision alertStream', () => {
  const alert = (plate: string, uuid: string, extra: object = {}) => hikvisionAlertParts({
    plate, color: 'yellow', uuid, dateTime: '2024-05-01T08:15:30+08:00', mac: MAC,
    images: { plate: images.plate, scene: images.scene }, ...extra,
  });

  it('gives heartbeats and reads with their pictures, whole or one byte at a time', () => {
    const stream = Buffer.concat([
      hikvisionHeartbeatPart(MAC, '2024-05-01T08:15:25+08:00'),
      alert('豫A12345', 'uuid-1'),
      strayBoundary(HIKVISION_STREAM_BOUNDARY),
      hikvisionHeartbeatPart(MAC, '2024-05-01T08:15:35+08:00'),
      alert('豫AO1234', 'uuid-2', { namespace: HIKVISION_NAMESPACES.hikvision }),
    ]);

    const results = wholeAndByByte(stream, HIKVISION_STREAM_BOUNDARY,
      () => new HikvisionStreamInterpreter('cam-1'));

    expect(results.map((r) => r.kind)).toEqual(['heartbeat', 'read', 'heartbeat', 'read']);
    const [first, second] = reads(results);
    expect(first).toMatchObject({
      cameraId: 'cam-1', vendor: 'hikvision', plate: '豫A12345', plateColor: 'yellow',
      vendorEventId: 'uuid-1', deviceSerial: MAC, capturedAt: Date.UTC(2024, 4, 1, 0, 15, 30),
    });
    expect(first!.images.map((i) => i.kind)).toEqual(['plate', 'scene']);
    expect(first!.images[0]!.bytes.equals(images.plate)).toBe(true);
    expect(first!.images[1]!.bytes.equals(images.scene)).toBe(true);
    expect(second!.plate).toBe('豫A01234');
  });

  it('reads parts that carry no Content-Length up to the next boundary', () => {
    const stream = Buffer.concat([
      alert('豫A12345', 'uuid-3', { noLength: true }),
      hikvisionHeartbeatPart(MAC, '2024-05-01T08:15:35+08:00'),
    ]);
    const results = wholeAndByByte(stream, HIKVISION_STREAM_BOUNDARY,
      () => new HikvisionStreamInterpreter('cam-1'));

    const [read] = reads(results);
    expect(read!.images[0]!.bytes.equals(images.plate)).toBe(true);
    expect(read!.images[1]!.bytes.equals(images.scene)).toBe(true);
  });

  it('reads the Metadata variant like the ANPR element, whole or one byte at a time', () => {
    const stream = Buffer.concat([
      alert('豫A12345', 'uuid-m1', { metadata: true }),
      hikvisionHeartbeatPart(MAC, '2024-05-01T08:15:35+08:00'),
      alert('豫A12345', 'uuid-m1'),
    ]);
    const results = wholeAndByByte(stream, HIKVISION_STREAM_BOUNDARY,
      () => new HikvisionStreamInterpreter('cam-1'));

    expect(results.map((r) => r.kind)).toEqual(['read', 'heartbeat', 'read']);
    const [metadata, anpr] = reads(results);
    expect(metadata).toEqual(anpr);
    expect(metadata).toMatchObject({ plate: '豫A12345', plateColor: 'yellow', confidence: 95,
      capturedAt: Date.UTC(2024, 4, 1, 0, 15, 30), vendorEventId: 'uuid-m1' });
    expect(metadata!.images[0]!.bytes.equals(images.plate)).toBe(true);
  });

  it('releases a read whose announced pictures never come when the stream is flushed', () => {
    const interpreter = new HikvisionStreamInterpreter('cam-1');
    const bytes = alert('豫A12345', 'uuid-4');
    const cut = bytes.indexOf(Buffer.from('--boundary', 'latin1'), 10);
    const results = run(bytes.subarray(0, cut), HIKVISION_STREAM_BOUNDARY, interpreter, 7);
    expect(reads(results)).toHaveLength(1);
    expect(reads(results)[0]!.images).toEqual([]);
  });
});

describe('Dahua attach stream', () => {
  // 2024-05-01 08:15:30 on the camera's clock, written as if it were UTC: Dahua's `UTC` field.
  const LOCAL_0815 = Date.UTC(2024, 4, 1, 8, 15, 30) / 1000;

  it('turns TrafficJunction parts into reads at true UTC, whole or one byte at a time', () => {
    const stream = Buffer.concat([
      dahuaHeartbeatPart(),
      dahuaEventPart({ plate: '豫A12345', color: 'Yellow', localUtc: LOCAL_0815, groupId: 77,
        eventId: 1001 }),
      strayBoundary(DAHUA_STREAM_BOUNDARY),
      dahuaHeartbeatPart(),
    ]);
    const results = wholeAndByByte(stream, DAHUA_STREAM_BOUNDARY, () =>
      new DahuaStreamInterpreter({ cameraId: 'cam-3', timeZone: 'Asia/Shanghai',
        withPictures: false }));

    expect(results.map((r) => r.kind)).toEqual(['heartbeat', 'read', 'heartbeat']);
    expect(reads(results)[0]).toMatchObject({
      vendor: 'dahua', plate: '豫A12345', plateColor: 'yellow', rawPlateColor: 'Yellow',
      confidence: 90, vendorEventId: 'group-77',
      capturedAt: Date.UTC(2024, 4, 1, 0, 15, 30, 120),
    });
  });

  it('makes one read of a group of events, with the best plate and every picture', () => {
    const event = (index: number, plate: string, confidence: number) => dahuaEventPart({
      plate, color: 'Yellow', localUtc: LOCAL_0815, groupId: 78, eventId: 1100 + index,
      index, count: 2, confidence,
    });
    const stream = Buffer.concat([
      event(1, '豫A1234S', 61), dahuaPicturePart(images.scene),
      event(2, '豫A12345', 97), dahuaPicturePart(images.plate),
      dahuaHeartbeatPart(),
    ]);
    const results = wholeAndByByte(stream, DAHUA_STREAM_BOUNDARY, () =>
      new DahuaStreamInterpreter({ cameraId: 'cam-3', timeZone: 'Asia/Shanghai',
        withPictures: true }));

    expect(results.map((r) => r.kind)).toEqual(['read', 'heartbeat']);
    const [read] = reads(results);
    expect(read).toMatchObject({ plate: '豫A12345', confidence: 97, vendorEventId: 'group-78' });
    expect(read!.images.map((i) => i.bytes.length))
      .toEqual([images.scene.length, images.plate.length]);
  });

  it('converts the camera clock with the configured zone', () => {
    const stream = dahuaEventPart({ plate: '豫A12345', color: 'Blue', localUtc: LOCAL_0815,
      groupId: 79, eventId: 1200 });
    const [read] = reads(wholeAndByByte(stream, DAHUA_STREAM_BOUNDARY, () =>
      new DahuaStreamInterpreter({ cameraId: 'cam-3', timeZone: 'Asia/Urumqi',
        withPictures: false })));
    expect(read!.capturedAt).toBe(Date.UTC(2024, 4, 1, 2, 15, 30, 120));
  });

  it('ignores other event codes and reports broken event JSON', () => {
    const other = Buffer.from(`--${DAHUA_STREAM_BOUNDARY}\r\nContent-Type: text/plain\r\n\r\n` +
      'Code=VideoMotion;action=Start;index=0\r\n');
    const broken = Buffer.from(`--${DAHUA_STREAM_BOUNDARY}\r\nContent-Type: text/plain\r\n\r\n` +
      'Code=TrafficJunction;action=Pulse;index=0;data={"GroupID":\r\n');
    const results = wholeAndByByte(Buffer.concat([other, broken, dahuaHeartbeatPart()]),
      DAHUA_STREAM_BOUNDARY, () => new DahuaStreamInterpreter({ cameraId: 'cam-3',
        timeZone: 'Asia/Shanghai', withPictures: false }));
    expect(results).toEqual([
      { kind: 'error', status: 400, message: 'TrafficJunction data is not JSON' },
      { kind: 'heartbeat', deviceSerial: null },
    ]);
  });
});
