// A camera that loses power or link in the middle of a push: the listener makes no read of the
// half it got and says so as a warning for the installer, not as an internal error with a stack
// (errors are what the health report's recent lines are read for).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraConfig } from '../../config/site.ts';
import { createRootLogger, LogRing } from '../../log/logger.ts';
import {
  buildHikvisionPush, buildVzenithPush, loadDemoImages, type Push,
} from '../../sim/lpr-sender.ts';
import { startLprListener, type LprListener } from './listener.ts';

const images = loadDemoImages();
const WARN = 40;
const ERROR = 50;

let listener: LprListener;
let ring: LogRing;
let reads = 0;

beforeAll(async () => {
  ring = new LogRing(1000);
  listener = await startLprListener({
    host: '127.0.0.1', port: 0, log: createRootLogger({ ring, level: 'debug' }),
    cameras: [
      cameraConfig.parse({ id: 'cam-vz', name: '出口', vendor: 'vzenith', address: '127.0.0.1',
        serialNo: 'vz-0001' }),
      cameraConfig.parse({ id: 'cam-hk', name: '入口', vendor: 'hikvision',
        address: '127.0.0.1', serialNo: '00:00:5e:00:53:21' }),
    ],
    onRead: async () => {
      reads += 1;
      return { open: true, passageId: 'p-1' };
    },
  });
});

afterAll(async () => {
  await listener.close();
});

/** Sends the headers and the first half of the body, then drops the connection. */
async function cutOff(path: string, push: Push): Promise<void> {
  const head = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1',
    ...Object.entries(push.headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  const socket = connect(listener.port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(head);
  socket.write(push.body.subarray(0, push.body.length >> 1));
  await new Promise((r) => setTimeout(r, 200));
  socket.destroy();
}

async function logged(msg: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!ring.recent(WARN, 500).some((l) => l.msg === msg)) {
    if (Date.now() > end) throw new Error(`never logged: ${msg}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a push cut off by the camera', () => {
  it('makes no read and is a warning, never an error, for every kind of body', async () => {
    await cutOff('/lpr/vzenith/cam-vz', buildVzenithPush({ plate: '豫A12345', colorType: 2,
      plateid: 1, sec: 1_714_522_530, serialno: 'vz-0001', isoffline: 0, images }));
    await cutOff('/lpr/hikvision/cam-hk', buildHikvisionPush({ plate: '豫A12345',
      color: 'yellow', uuid: 'u-1', dateTime: '2024-05-01T08:15:30+08:00', images,
      mac: '00:00:5e:00:53:21' }));
    await logged('push cut off by the sender');

    const cut = () => ring.recent(WARN, 500)
      .filter((l) => l.msg === 'push cut off by the sender');
    const end = Date.now() + 10_000;
    while (cut().length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    expect(cut().length).toBe(2);
    expect(ring.recent(ERROR, 500)).toEqual([]);
    expect(reads).toBe(0);
  });
});
