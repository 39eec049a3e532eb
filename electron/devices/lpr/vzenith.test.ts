import { describe, expect, it } from 'vitest';
import { buildVzenithPush, loadDemoImages, type VzenithPushInput } from '../../sim/lpr-sender.ts';
import type { PushResult } from './push-result.ts';
import { parseVzenithPush, vzenithReply } from './vzenith.ts';

const images = loadDemoImages();
const RECEIVED_AT = 1_714_522_600_000;
const ctx = { cameraId: 'gate1-out', receivedAt: RECEIVED_AT, maxBodyBytes: 1024 * 1024,
  timeZone: 'Asia/Shanghai' };

const base: VzenithPushInput = {
  plate: '粤B12345D',
  colorType: 6,
  plateid: 1201,
  sec: 1_714_522_530,
  serialno: 'demo-0001-0002',
  isoffline: 0,
  images: { plate: images.plate, scene: images.scene },
};

function parseBytes(body: Buffer, cap = ctx.maxBodyBytes) {
  return parseVzenithPush({}, [body], { ...ctx, maxBodyBytes: cap });
}

function parseJson(json: unknown) {
  return parseBytes(Buffer.from(JSON.stringify(json)));
}

function expectRead(result: PushResult) {
  if (result.kind !== 'read') throw new Error(`expected a read, got ${JSON.stringify(result)}`);
  return result.read;
}

describe('Vzenith AlarmInfoPlate push', () => {
  it('turns a live read into a plate read with both pictures', async () => {
    const read = expectRead(await parseBytes(buildVzenithPush(base).body));

    expect(read).toMatchObject({
      cameraId: 'gate1-out',
      vendor: 'vzenith',
      plate: '粤B12345D',
      plateColor: 'yellowGreen',
      rawPlateColor: '6',
      confidence: 93,
      direction: 'unknown',
      capturedAt: 1_714_522_530_000,
      vendorEventId: '1201',
      isOfflineReplay: false,
      deviceSerial: 'demo-0001-0002',
    });
    expect(read.images.map((i) => i.kind)).toEqual(['plate', 'scene']);
    expect(read.images[0]!.bytes.equals(images.plate)).toBe(true);
    expect(read.images[1]!.bytes.equals(images.scene)).toBe(true);
  });

  it('flags a read the camera replays after being offline', async () => {
    const read = expectRead(await parseBytes(buildVzenithPush({ ...base, isoffline: 1 }).body));
    expect(read.isOfflineReplay).toBe(true);
    expect(read.capturedAt).toBe(1_714_522_530_000);
  });

  it('reports the _无_ placeholder as no-plate, keeping the plateid for the reply', async () => {
    const result = await parseBytes(buildVzenithPush({ ...base, plate: '_无_' }).body);
    expect(result).toEqual({
      kind: 'no-plate', deviceSerial: 'demo-0001-0002', vendorEventId: '1201', offline: false,
    });
  });

  it('accepts numbers sent as digit strings and adds microseconds to the time', async () => {
    const read = expectRead(await parseJson({
      AlarmInfoPlate: {
        serialno: 'sn-1',
        result: {
          PlateResult: {
            license: '京ａ·12345', colorType: '1', confidence: '88', plateid: '77',
            timeStamp: { Timeval: { sec: '1714522530', usec: '250999' } },
          },
        },
      },
    }));
    expect([read.plate, read.plateColor, read.confidence, read.vendorEventId, read.capturedAt])
      .toEqual(['京A12345', 'blue', 88, '77', 1_714_522_530_250]);
    expect(read.images).toEqual([]);
  });

  it('uses the arrival time when the camera sends no timestamp', async () => {
    const read = expectRead(await parseJson({
      AlarmInfoPlate: { result: { PlateResult: { license: '粤B12345', colorType: 2 } } },
    }));
    expect(read.capturedAt).toBe(RECEIVED_AT);
    expect(read.deviceSerial).toBeNull();
    expect(read.vendorEventId).toBeNull();
  });

  it('drops a picture that is not base64 but keeps the read', async () => {
    const read = expectRead(await parseJson({
      AlarmInfoPlate: {
        result: {
          PlateResult: {
            license: '粤B12345', imageFile: 'not base64!', imageFragmentFile: 'AAEC',
          },
        },
      },
    }));
    expect(read.images).toHaveLength(1);
    expect(read.images[0]!.bytes).toEqual(Buffer.from([0, 1, 2]));
  });

  it('recognises a heartbeat body', async () => {
    expect(await parseJson({ heartbeat: { serialno: 'sn-1', countid: 3 } })).toEqual({
      kind: 'heartbeat', deviceSerial: 'sn-1',
    });
  });

  it('refuses a body that is not JSON with 400', async () => {
    expect(await parseBytes(Buffer.from('{"AlarmInfoPlate":'))).toEqual({
      kind: 'error', status: 400, message: 'body is not JSON',
    });
  });

  it('refuses JSON that is not an AlarmInfoPlate with 400', async () => {
    expect(await parseJson({ hello: 'camera' })).toMatchObject({ kind: 'error', status: 400 });
    expect(await parseJson({ AlarmInfoPlate: { result: {} } })).toMatchObject({ status: 400 });
  });

  it('refuses a body over the cap with 413', async () => {
    const body = buildVzenithPush(base).body;
    expect(await parseBytes(body, 1000)).toEqual({
      kind: 'error', status: 413, message: 'body exceeds 1000 bytes',
    });
  });
});

describe('vzenithReply', () => {
  it('opens with info ok', () => {
    expect(vzenithReply(true, 1201)).toBe(
      '{"Response_AlarmInfoPlate":{"info":"ok","plateid":1201,"channelNum":0}}',
    );
  });

  it('keeps the barrier shut with info no', () => {
    expect(vzenithReply(false, 7)).toBe(
      '{"Response_AlarmInfoPlate":{"info":"no","plateid":7,"channelNum":0}}',
    );
  });
});
