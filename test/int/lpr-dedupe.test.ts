// A Vzenith camera's resends and offline replays through the real parts: the LPR listener on
// loopback, the lane with its SQLite ledger, and the lane's barrier on a Modbus RTU relay board
// simulated on the far end of a socat pty. The board counts every coil frame it receives:
// one truck is one passage and one pulse (ON, OFF), however often the camera pushes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFleet, demoSite, DEMO_CAMERA_2_SERIAL, DEMO_VEHICLES }
  from '../../electron/config/demo-site.ts';
import { resourcePath } from '../../electron/config/paths.ts';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { createBarrier, type BarrierDriver } from '../../electron/devices/barrier/barrier.ts';
import { startLprListener, type LprListener } from '../../electron/devices/lpr/listener.ts';
import { LaneEvents } from '../../electron/lanes/lane-events.ts';
import { LaneService } from '../../electron/lanes/lane-service.ts';
import { PassageViews } from '../../electron/ledger/passage-views.ts';
import { VehicleRegistry } from '../../electron/ledger/vehicles.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { MediaStore } from '../../electron/media/store.ts';
import { RuleBook } from '../../electron/rules/rule-table.ts';
import { startModbusBoard, type ModbusBoard } from '../../electron/sim/modbus-board.ts';
import { buildVzenithPush, loadDemoImages, sendPush, type VzenithPushInput }
  from '../../electron/sim/lpr-sender.ts';
import { createPtyPair, type PtyPair } from '../../electron/sim/pty.ts';
import { enqueueOutbox } from '../../electron/sync/outbox.ts';
import { Dispatcher } from '../../electron/api/dispatcher.ts';
import { waitFor } from '../support/processes.ts';

const log = silentLogger();
const images = loadDemoImages();
const PULSE_MS = 100;

let dir: string;
let db: Db;
let pty: PtyPair;
let board: ModbusBoard;
let barriers: Map<string, BarrierDriver>;
let listener: LprListener;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-lpr-dedupe-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  pty = await createPtyPair(join(dir, 'pty'));
  board = await startModbusBoard({ path: pty.b, slave: 1, log });

  // The demo site with its Vzenith lane's barrier moved onto the relay board.
  const site = demoSite({
    lprPort: 0, apiPort: 0, platformUrl: 'http://127.0.0.1:9/', platformSecret: 'x'.repeat(32),
    rulesFile: resourcePath('rules', 'henan-bulk-transport.json'),
    lane1Barrier: { kind: 'camera-reply' },
  });
  site.lanes[1]!.barrier = { kind: 'modbus-rtu', path: pty.a, baudRate: 9600, slave: 1,
    coil: 0, pulseMs: PULSE_MS, timeoutMs: 1_000 };
  barriers = new Map(site.lanes.map((l) => [l.id, createBarrier(l.barrier, log)]));

  const registry = new VehicleRegistry(db);
  for (const v of [...DEMO_VEHICLES, ...demoFleet(3)]) registry.add(v, { report: false });
  const views = new PassageViews(db);
  const dispatcher = new Dispatcher({} as never, log, () => false);
  const lanes = new LaneService({ db, site, rules: new RuleBook(site.rulesFile),
    media: new MediaStore(join(dir, 'media')), barriers,
    events: new LaneEvents(dispatcher, views, () => undefined), enqueueOutbox, log });

  listener = await startLprListener({ host: '127.0.0.1', port: 0, cameras: site.cameras, log,
    onRead: (read, camera) => lanes.handleRead(read, camera) });
}, 60_000);

afterAll(async () => {
  await listener?.close();
  for (const b of barriers?.values() ?? []) await b.close();
  await board?.close();
  await pty?.close();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const coilFrames = () => board.frames.filter((f) => f.fn === 5).map((f) => f.value);

const passages = (plate: string) => db.prepare(
  'SELECT id, offline_replay AS offline, decision FROM passages WHERE plate = ?').all(plate) as
  { id: string; offline: number; decision: string }[];

const settle = () => new Promise((r) => setTimeout(r, PULSE_MS * 5));

function push(over: Partial<VzenithPushInput>) {
  const body = buildVzenithPush({
    plate: '豫A12345', colorType: 2, plateid: 601, sec: Math.floor(Date.now() / 1000),
    serialno: DEMO_CAMERA_2_SERIAL, isoffline: 0, images, ...over,
  });
  return sendPush(`http://127.0.0.1:${listener.port}/lpr/vzenith/cam-2`, body);
}

describe('a Vzenith camera on a relay-board lane', () => {
  it('pulses once for a truck, however often the camera pushes or replays it', async () => {
    const sec = Math.floor(Date.now() / 1000);
    const first = await push({ sec });
    expect(first.status).toBe(200);
    await waitFor('the pulse', () => (coilFrames().length === 2 ? true : undefined));

    // The camera did not see our answer in time and sends the same plateid again, then
    // replays it from its offline store after the link came back.
    const resend = await push({ sec });
    const replay = await push({ sec, isoffline: 1 });
    await settle();

    expect([first, resend, replay].map((r) => r.status)).toEqual([200, 200, 200]);
    expect(JSON.parse(replay.body).Response_AlarmInfoPlate).toMatchObject({
      info: 'no', plateid: 601, ContinuePushOffline: { plateid: 601, continue: 1 } });
    expect(passages('豫A12345')).toHaveLength(1);
    expect(coilFrames()).toEqual([true, false]);
  });

  it('records an offline replay of an unseen read as a passage and never opens', async () => {
    const plate = '豫B00001';
    const reply = await push({ plate, plateid: 602, isoffline: 1,
      sec: Math.floor(Date.now() / 1000) - 600 });
    await settle();

    expect(JSON.parse(reply.body).Response_AlarmInfoPlate.info).toBe('no');
    expect(passages(plate)).toEqual([expect.objectContaining({ offline: 1 })]);
    expect(coilFrames()).toEqual([true, false]);
  });

  it('takes a plateid the camera reuses after a restart, hours later, as a new truck', async () => {
    const plate = '豫B00002';
    const now = Math.floor(Date.now() / 1000);
    const before = await push({ plate, plateid: 1, sec: now - 3 * 3600 });
    const after = await push({ plate, plateid: 1, sec: now - 30 });
    await waitFor('the new pulse', () => (coilFrames().length === 4 ? true : undefined));
    await settle();

    expect([before.status, after.status]).toEqual([200, 200]);
    expect(passages(plate)).toHaveLength(2);
    expect(coilFrames()).toEqual([true, false, true, false]);
  });

  it('makes one passage and one pulse of the same push arriving twice at once', async () => {
    const plate = '豫A01234D';
    const sec = Math.floor(Date.now() / 1000);
    const both = await Promise.all([
      push({ plate, colorType: 6, plateid: 603, sec }),
      push({ plate, colorType: 6, plateid: 603, sec }),
    ]);
    await waitFor('the third pulse', () => (coilFrames().length === 6 ? true : undefined));
    await settle();

    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(passages(plate)).toHaveLength(1);
    expect(coilFrames()).toEqual([true, false, true, false, true, false]);
  });
});
