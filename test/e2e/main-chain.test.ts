// The main job end to end, on the real wire protocols: camera pushes over HTTP, the relay board
// on a serial pty, the city platform over signed HTTP, video from an RTSP camera via ONVIF.
// The product runs as `npm run demo` runs it, in a child process; the test reaches it only
// through its sockets, the pty, its files on disk and the platform simulator.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../electron/sim/pty.ts';
import {
  buildHikvisionPush, buildMultipartPush, buildVzenithPush, loadDemoImages, sendPush,
} from '../../electron/sim/lpr-sender.ts';
import { signRequest } from '../../electron/sync/signing.ts';
import { PASSAGES_PATH } from '../../electron/sync/reference-profile.ts';
import { DEMO_PLATFORM_SECRET as SECRET } from '../../electron/host/demo-devices.ts';
import { ApiClient } from '../support/api.ts';
import { COIL_OFF, COIL_ON, readFrames } from '../support/board-frames.ts';
import {
  startDemo, startSim, waitFor, type DemoReady, type Started,
} from '../support/processes.ts';

const APP_ID = 'demo-enterprise';
const images = loadDemoImages();

let dir: string;
let pty: PtyPair;
let board: Started<{ ready: true }>;
let platform: Started<{ ready: true; url: string; port: number }>;
let demo: Started<DemoReady>;
let api: ApiClient;
let framesFile: string;
let platformState: string;

const lane1 = () => `http://127.0.0.1:${demo.ready.lprPort}/lpr/hikvision/cam-1`;
const lane2 = () => `http://127.0.0.1:${demo.ready.lprPort}/lpr/vzenith/cam-2`;

const hikPush = (plate: string, color = 'yellow') =>
  buildHikvisionPush({ plate, color, uuid: randomUUID(), dateTime: new Date().toISOString(),
    images, mac: '00:00:5e:00:53:21' });

const startPlatform = (port = 0) =>
  startSim<{ ready: true; url: string; port: number }>('platform', ['--port', String(port),
    '--app-id', APP_ID, '--secret', SECRET, '--state', platformState]);

async function passageOf(plate: string) {
  const found = await api.value('passages.search', { plate, limit: 10 });
  return found.rows[0];
}

async function platformMessages(): Promise<Array<{ messageId: string; data: any }>> {
  return (await fetch(`${platform.ready.url}/sim/messages`)).json();
}

function mediaFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  try {
    walk(root);
  } catch {
    // no media yet
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  framesFile = join(dir, 'frames.jsonl');
  platformState = join(dir, 'platform.jsonl');
  pty = await createPtyPair(join(dir, 'pty'));
  board = await startSim('board', ['--path', pty.b, '--slave', '1', '--frames', framesFile]);
  platform = await startPlatform();
  demo = await startDemo(['--demo', '--data', join(dir, 'data'), '--serial', pty.a,
    '--platform-url', platform.ready.url, '--no-trucks', '--pulse-ms', '300']);
  api = await new ApiClient(demo.ready.ui).login('guard', 'guard-demo');
}, 180_000);

afterAll(async () => {
  await demo?.stop();
  await platform?.stop();
  await board?.stop();
  await pty?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo site end to end', () => {
  it('opens lane 1 for the registered China-V truck and delivers its passage', async () => {
    const before = readFrames(framesFile).length;
    const res = await sendPush(lane1(), hikPush('豫A12345'));
    expect(res.status).toBe(200);

    const on = await waitFor('coil-on frame', () =>
      readFrames(framesFile).slice(before).find((f) => f.hex === COIL_ON));
    expect(on.slave).toBe(1);
    await waitFor('coil-off frame', () =>
      readFrames(framesFile).slice(before).find((f) => f.hex === COIL_OFF));

    const p = await passageOf('豫A12345');
    expect(p).toMatchObject({ laneId: 'lane-1', decision: 'allow', reasonCode: 'STAGE_V_OR_VI' });
    expect(p!.photos).toHaveLength(2);
    const sent = new Map([['plate', images.plate], ['scene', images.scene]]);
    for (const photo of p!.photos) {
      const got = await api.value('media.photo', { sha256: photo.sha256 });
      expect(Buffer.from(got.base64, 'base64').equals(sent.get(photo.kind)!)).toBe(true);
    }

    const delivered = await waitFor('platform acknowledgement', async () =>
      (await platformMessages()).find((m) => m.data.passageId === p!.id), 15_000);
    expect(delivered.data.plate).toBe('豫A12345');
    await waitFor('barrier outcome', async () =>
      (await passageOf('豫A12345'))?.barrier === 'opened' ? true : undefined);
  });

  it('the platform refuses a bad signature and a timestamp six minutes off', async () => {
    const body = JSON.stringify({ appId: APP_ID, messageId: randomUUID(), kind: 'passage',
      data: {} });
    const post = (headers: Record<string, string>) =>
      fetch(`${platform.ready.url}${PASSAGES_PATH}`, { method: 'POST', body,
        headers: { 'content-type': 'application/json', ...headers } });

    const badSig = signRequest({ method: 'POST', path: PASSAGES_PATH, body, now: Date.now() },
      { appId: APP_ID, secret: 'not-the-shared-secret-at-all' });
    const r1 = await post(badSig);
    expect(r1.status).toBe(401);
    expect((await r1.json()).msg).toBe('bad signature');

    const stale = signRequest({ method: 'POST', path: PASSAGES_PATH, body,
      now: Date.now() - 6 * 60_000 }, { appId: APP_ID, secret: SECRET });
    const r2 = await post(stale);
    expect(r2.status).toBe(401);
    expect((await r2.json()).msg).toBe('stale timestamp');
  });

  it('answers lane 2 "do not open" for an unregistered truck and drives no relay', async () => {
    const before = readFrames(framesFile).length;
    const push = buildVzenithPush({ plate: '豫C88888', colorType: 2, plateid: 4401,
      sec: Math.floor(Date.now() / 1000), serialno: 'demo-0001-0002', isoffline: 0, images });
    const res = await sendPush(lane2(), push);

    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      Response_AlarmInfoPlate: { info: 'no', plateid: 4401, channelNum: 0 },
    });
    const p = await passageOf('豫C88888');
    expect(p).toMatchObject({ laneId: 'lane-2', decision: 'deny', reasonCode: 'UNREGISTERED',
      reasonZh: '未备案车辆，禁止通行', barrier: 'not-commanded' });
    await new Promise((r) => setTimeout(r, 500));
    expect(readFrames(framesFile).slice(before)).toHaveLength(0);
  });

  it('denies the China-IV truck on lane 1 with the all-year reason', async () => {
    const before = readFrames(framesFile).length;
    expect((await sendPush(lane1(), hikPush('豫A54321'))).status).toBe(200);

    const p = await passageOf('豫A54321');
    expect(p).toMatchObject({ decision: 'deny', reasonCode: 'AB_HEAVY_LE_IV_ALL_YEAR',
      reasonEn: 'A/B-level plants deny China-IV-and-below diesel and gas heavy trucks all year' });
    await new Promise((r) => setTimeout(r, 500));
    expect(readFrames(framesFile).slice(before)).toHaveLength(0);
  });

  it('delivers every passage exactly once across a platform outage', async () => {
    const port = platform.ready.port;
    await platform.stop();
    const plates = ['豫B00010', '豫B00011', '豫B00012'];
    for (const plate of plates) expect((await sendPush(lane1(), hikPush(plate))).status).toBe(200);
    const pending = await waitFor('pending rows while the platform is down', async () => {
      const h = await api.health();
      return h.body.outbox.pending >= 3 ? h.body.outbox.pending : undefined;
    });
    expect(pending).toBeGreaterThanOrEqual(3);

    platform = await startPlatform(port);
    await waitFor('outbox drained', async () =>
      (await api.health()).body.outbox.pending === 0 ? true : undefined, 90_000, 250);

    const all = await api.value('passages.search', { limit: 200 });
    const messages = await platformMessages();
    const ids = messages.map((m) => m.data.passageId).sort();
    expect(ids).toEqual(all.rows.map((r) => r.id).sort());
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(messages.length);
  }, 120_000);

  it('records segments that decode, copy the source and cover each passage', async () => {
    expect(demo.ready.skipped).not.toHaveProperty('recording');
    await waitFor('two segments', async () =>
      (await api.health()).body.segments >= 2 ? true : undefined, 60_000, 500);
    const health = (await api.health()).body;
    const camera = health.devices.cameras.find((c: any) => c.id === 'cam-1');
    const source = probe(camera.recording.streamUrl, ['-rtsp_transport', 'tcp']);

    // A truck that passes while the camera is recording: its passage links to the segment
    // that covers its time once that segment is closed.
    expect((await sendPush(lane1(), hikPush('豫B00020'))).status).toBe(200);
    const p = await passageOf('豫B00020');
    const segments = await waitFor('segments linked to the passage', async () => {
      const v = await api.value('passages.video', { passageId: p!.id });
      return v.length ? v : undefined;
    }, 30_000, 500);
    expect(segments.some((s) => s.startAt <= p!.capturedAt && s.endAt >= p!.capturedAt))
      .toBe(true);

    // No passage is linked to video that does not show its moment.
    for (const row of (await api.value('passages.search', { limit: 200 })).rows) {
      for (const s of await api.value('passages.video', { passageId: row.id })) {
        expect(s.startAt).toBeLessThanOrEqual(row.capturedAt);
        expect(s.endAt).toBeGreaterThanOrEqual(row.capturedAt);
      }
    }

    const files = readdirSync(join(demo.ready.dataDir, 'recordings', 'cam-1'))
      .filter((f) => f.endsWith('.mp4')).slice(0, 2);
    expect(files.length).toBe(2);
    for (const f of files) {
      const path = join(demo.ready.dataDir, 'recordings', 'cam-1', f);
      const decode = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-']);
      expect(decode.stderr.toString()).toBe('');
      expect(probe(path, [])).toEqual(source);
    }
  }, 120_000);

  it('answers bad pushes with 4xx and keeps no passage and no photo of them', async () => {
    const { total } = await api.value('passages.search', { limit: 1 });
    const mediaBefore = mediaFiles(join(demo.ready.dataDir, 'media')).length;
    const whole = hikPush('豫A99999');
    const cases: Array<[string, string, Record<string, string>, Buffer]> = [
      ['truncated multipart', lane1(), whole.headers,
        whole.body.subarray(0, whole.body.length - 200)],
      ['non-XML part', lane1(), ...pushParts(buildMultipartPush([
        { name: 'anpr.xml', type: 'application/xml', bytes: Buffer.from('{"not":"xml"}') },
        { name: 'detectionPicture.jpg', type: 'image/jpeg', bytes: images.scene }]))],
      ['body over the cap', lane1(), { 'content-type': 'multipart/form-data; boundary=x' },
        Buffer.alloc(17 * 1024 * 1024, 0x61)],
      ['unknown camera path',
        `http://127.0.0.1:${demo.ready.lprPort}/lpr/hikvision/cam-9`, whole.headers, whole.body],
      ['invalid JSON', lane2(), { 'content-type': 'application/json' }, Buffer.from('{"Alarm')],
    ];

    for (const [what, url, headers, body] of cases) {
      const res = await sendPush(url, { headers: { ...headers,
        'content-length': String(body.length) }, body }).catch((e: Error) => ({ status: 0,
        body: e.message }));
      expect(res.status, what).toBeGreaterThanOrEqual(400);
      expect(res.status, what).toBeLessThan(500);
    }

    const heartbeat = buildHikvisionPush({ plate: '', color: 'unknown', uuid: randomUUID(),
      dateTime: new Date().toISOString(), images: {}, eventState: 'inactive' });
    expect((await sendPush(lane1(), heartbeat)).status).toBe(200);
    const noPlate = buildVzenithPush({ plate: '_无_', colorType: 0, plateid: 4402,
      sec: Math.floor(Date.now() / 1000), serialno: 'demo-0001-0002', isoffline: 0, images });
    expect((await sendPush(lane2(), noPlate)).status).toBe(200);

    expect((await api.value('passages.search', { limit: 1 })).total).toBe(total);
    expect(mediaFiles(join(demo.ready.dataDir, 'media')).length).toBe(mediaBefore);
    expect((await api.health()).status).toBe(200);
  });

  it('opens a lane by hand with a reason and writes an audit row', async () => {
    const before = readFrames(framesFile).length;
    const reason = '司机下车登记后放行';
    const r = await api.value('lanes.manualOpen', { laneId: 'lane-1', reason });
    expect(r).toEqual({ opened: true, error: null, failure: null });
    expect(readFrames(framesFile).slice(before).map((f) => f.hex)).toContain(COIL_ON);

    const manager = await new ApiClient(demo.ready.ui).login('manager', 'manager-demo');
    const audit = await manager.value('audit.recent', { action: 'barrier.manual-open' });
    expect(audit[0]).toMatchObject({ actor: 'guard', subject: 'lane-1',
      detail: { reason } });
  });
});

function pushParts(p: { headers: Record<string, string>; body: Buffer }):
  [Record<string, string>, Buffer] {
  return [p.headers, p.body];
}

/** Codec and picture size of a file or stream, from ffprobe. */
function probe(input: string, extra: string[]): { codec: string; width: number; height: number } {
  const r = spawnSync('ffprobe', ['-v', 'error', ...extra, '-select_streams', 'v:0',
    '-show_entries', 'stream=codec_name,width,height', '-of', 'json', input], { timeout: 20_000 });
  const s = JSON.parse(r.stdout.toString()).streams[0];
  return { codec: s.codec_name, width: s.width, height: s.height };
}
