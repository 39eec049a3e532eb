import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildHikvisionPush, buildVzenithPush, HIKVISION_NAMESPACES, loadDemoImages, sendPush,
} from './lpr-sender.ts';

const images = loadDemoImages();

describe('demo pictures', () => {
  it('are real JPEG files of a few kilobytes', () => {
    for (const jpeg of [images.plate, images.scene]) {
      expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
      expect(jpeg.length).toBeGreaterThan(500);
      expect(jpeg.length).toBeLessThan(32 * 1024);
    }
  });
});

describe('buildHikvisionPush', () => {
  const push = buildHikvisionPush({
    plate: '粤B12345', color: 'blue', uuid: 'u-1', dateTime: '2024-05-01T08:15:30+08:00',
    images, namespace: HIKVISION_NAMESPACES.hikvision, mac: '00:00:5e:00:53:21',
  });
  const boundary = /boundary=(\S+)$/.exec(push.headers['content-type']!)![1]!;
  const text = push.body.toString('latin1');

  it('declares multipart/form-data with its boundary and the exact length', () => {
    expect(push.headers['content-type']).toBe(`multipart/form-data; boundary=${boundary}`);
    expect(push.headers['content-length']).toBe(String(push.body.length));
  });

  it('lays out anpr.xml, then the plate crop, then the scene, separated by CRLF', () => {
    const names = [...text.matchAll(/\r\nContent-Disposition: form-data; name="([^"]+)"/g)]
      .map((m) => m[1]);
    expect(names).toEqual(['anpr.xml', 'licensePlatePicture.jpg', 'detectionPicture.jpg']);
    expect(text.startsWith(`--${boundary}\r\nContent-Disposition`)).toBe(true);
    expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
  });

  it('carries the JPEG bytes unchanged between a blank line and the next delimiter', () => {
    const start = push.body.indexOf(images.plate);
    expect(start).toBeGreaterThan(0);
    expect(push.body.subarray(start - 4, start).toString()).toBe('\r\n\r\n');
    const after = push.body.subarray(start + images.plate.length).toString('latin1');
    expect(after.startsWith(`\r\n--${boundary}\r\n`)).toBe(true);
  });

  it('writes the alert in the requested namespace with the plate as UTF-8', () => {
    const xml = push.body.toString('utf8');
    expect(xml).toContain(`xmlns="${HIKVISION_NAMESPACES.hikvision}"`);
    expect(xml).toContain('<licensePlate>粤B12345</licensePlate>');
    expect(xml).toContain('<picNum>2</picNum>');
  });
});

describe('buildVzenithPush', () => {
  it('sends AlarmInfoPlate JSON with base64 pictures', () => {
    const push = buildVzenithPush({
      plate: '粤B12345', colorType: 1, plateid: 7, sec: 1_714_522_530,
      serialno: 'sn-1', isoffline: 1, images,
    });
    const json = JSON.parse(push.body.toString('utf8'));
    const result = json.AlarmInfoPlate.result.PlateResult;

    expect(push.headers['content-length']).toBe(String(push.body.length));
    expect(json.AlarmInfoPlate.serialno).toBe('sn-1');
    expect([result.license, result.colorType, result.plateid, result.isoffline])
      .toEqual(['粤B12345', 1, 7, 1]);
    expect(result.timeStamp.Timeval.sec).toBe(1_714_522_530);
    expect(Buffer.from(result.imageFile, 'base64').equals(images.scene)).toBe(true);
    expect(Buffer.from(result.imageFragmentFile, 'base64').equals(images.plate)).toBe(true);
  });
});

describe('sendPush', () => {
  let server: Server | null = null;

  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  });

  async function echoServer(): Promise<number> {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.end(JSON.stringify({
          remote: req.socket.remoteAddress,
          type: req.headers['content-type'],
          bytes: Buffer.concat(chunks).toString('base64'),
        }));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server!.address() as AddressInfo).port;
  }

  it('posts the exact bytes and reports status, body and when the answer came', async () => {
    const port = await echoServer();
    const push = buildVzenithPush({
      plate: '粤B12345', colorType: 1, plateid: 7, sec: 1, serialno: 's', isoffline: 0, images: {},
    });
    const before = Date.now();

    const res = await sendPush(`http://127.0.0.1:${port}/x`, push);
    const echo = JSON.parse(res.body);

    expect(res.status).toBe(200);
    expect(Buffer.from(echo.bytes, 'base64').equals(push.body)).toBe(true);
    expect(echo.type).toBe('application/json');
    expect(res.firstByteAt).toBeGreaterThanOrEqual(before);
    expect(res.firstByteAt).toBeLessThanOrEqual(Date.now());
  });

  it('sends from another local address when asked, as a second device would', async () => {
    const port = await echoServer();
    const push = { headers: { 'content-type': 'text/plain' }, body: Buffer.from('hi') };
    const res = await sendPush(`http://127.0.0.1:${port}/`, push, { localAddress: '127.0.0.2' });
    expect(JSON.parse(res.body).remote).toMatch(/127\.0\.0\.2$/);
  });

  it('rejects when nothing listens', async () => {
    const port = await echoServer();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
    const push = { headers: {}, body: Buffer.from('x') };
    await expect(sendPush(`http://127.0.0.1:${port}/`, push)).rejects.toThrow(/ECONNREFUSED/);
  });
});
