// A `kill -9` of the host in the middle of a drain, then a restart on the same data folder. The
// host runs as the CLI runs it, in a child process; camera pushes reach it over HTTP, the relay
// board and the city platform run in this process on loopback. The platform commits each
// message and answers late, so the kill lands with messages stored but never acknowledged:
// after the restart they are resent, recognised as duplicates and stored once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { DEMO_PLATFORM_SECRET } from '../../electron/host/demo-devices.ts';
import { DEMO_CAMERA_1_MAC, DEMO_CAMERA_2_SERIAL } from '../../electron/config/demo-site.ts';
import { startModbusBoard } from '../../electron/sim/modbus-board.ts';
import { startPlatformSim, type PlatformSim } from '../../electron/sim/platform.ts';
import {
  buildHikvisionPush, buildVzenithPush, loadDemoImages, sendPush,
} from '../../electron/sim/lpr-sender.ts';
import { ApiClient } from '../support/api.ts';
import { startDemo, waitFor, type DemoReady, type Started } from '../support/processes.ts';
import { expectDeliveredExactlyOnceInOrder } from './outbox-harness.ts';

const TRUCKS = 12;
/** Longer than a drain worker takes to send: at the kill, stored messages wait for answers. */
const LATE_ACK_MS = 400;

const images = loadDemoImages();
let dir: string;
let sim: PlatformSim;
let board: Awaited<ReturnType<typeof startModbusBoard>>;
let host: Started<DemoReady> | null = null;

const startGate = () => startDemo(['--demo', '--data', join(dir, 'data'), '--no-camera',
  '--no-trucks', '--platform-url', sim.url, '--modbus-tcp-port', String(board.port),
  '--pulse-ms', '100']);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-kill-'));
  sim = await startPlatformSim({ appId: 'demo-enterprise', secret: DEMO_PLATFORM_SECRET,
    log: silentLogger(), stateFile: join(dir, 'platform.jsonl') });
  board = await startModbusBoard({ tcpPort: 0, host: '127.0.0.1', slave: 1,
    log: silentLogger() });
});

afterAll(async () => {
  await host?.stop('SIGKILL');
  await board?.close();
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Truck `i` passes lane 1 (Hikvision) and then lane 2 (Vzenith): two passages of one plate. */
async function truckPasses(i: number, lprPort: number): Promise<void> {
  const plate = `豫A${String(60000 + i)}`;
  const hik = buildHikvisionPush({ plate, color: 'yellow', uuid: randomUUID(),
    dateTime: new Date().toISOString(), images, mac: DEMO_CAMERA_1_MAC });
  const vz = buildVzenithPush({ plate, colorType: 2, plateid: 5000 + i,
    sec: Math.floor(Date.now() / 1000), serialno: DEMO_CAMERA_2_SERIAL, isoffline: 0, images });

  expect((await sendPush(`http://127.0.0.1:${lprPort}/lpr/hikvision/cam-1`, hik)).status)
    .toBe(200);
  expect((await sendPush(`http://127.0.0.1:${lprPort}/lpr/vzenith/cam-2`, vz)).status)
    .toBe(200);
}

describe('a kill -9 of the host in the middle of a drain', () => {
  it('ends, after a restart, with every passage delivered exactly once, in order', async () => {
    sim.injectFaults({ ackDelayMs: LATE_ACK_MS });
    host = await startGate();
    for (let i = 0; i < TRUCKS; i++) await truckPasses(i, host.ready.lprPort);

    await waitFor('messages stored, answers pending', () =>
      sim.stats().acknowledged >= 4 ? true : undefined, 20_000, 5);
    await host.stop('SIGKILL');
    const storedAtKill = sim.stats().acknowledged;
    expect(storedAtKill).toBeLessThan(TRUCKS * 2);

    sim.injectFaults({});
    host = await startGate();
    const api = new ApiClient(host.ready.ui);
    await waitFor('outbox drained after the restart', async () =>
      (await api.health()).body.outbox.pending === 0 ? true : undefined, 30_000, 100);
    await host.stop('SIGTERM');
    host = null;

    expect(sim.stats().duplicates).toBeGreaterThanOrEqual(1);
    const db = openDatabase(join(dir, 'data', 'gatehouse.db'));
    try {
      expectDeliveredExactlyOnceInOrder(db, sim);
      const passages = db.prepare('SELECT count(*) AS n FROM passages').get() as { n: number };
      expect(passages.n).toBe(TRUCKS * 2);
      expect(sim.messages()).toHaveLength(TRUCKS * 2);
    } finally {
      db.close();
    }
  }, 90_000);
});
