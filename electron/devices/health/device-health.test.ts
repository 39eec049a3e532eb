// Device health: sightings, silences and failures become online/offline transitions that are
// logged and stored; a relay board on a real pty goes offline when its far end dies and comes
// back when it answers again.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.ts';
import { barrierConfig, siteConfig, type SiteConfig } from '../../config/site.ts';
import { createRootLogger, LogRing, silentLogger } from '../../log/logger.ts';
import { startModbusBoard, type ModbusBoard } from '../../sim/modbus-board.ts';
import { createPtyPair, type PtyPair } from '../../sim/pty.ts';
import { createBarrier, type BarrierDriver } from '../barrier/barrier.ts';
import { ModbusBuses } from '../barrier/modbus-buses.ts';
import { DeviceHealth } from './device-health.ts';
import { HealthMonitor, watchedBarrier } from './health-monitor.ts';
import { cameraReachTarget } from './camera-reach.ts';

const log = silentLogger();
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-health-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const transitions = () => db.prepare(
  'SELECT device_id AS id, state, at, reason, failure FROM device_transitions ORDER BY id').all();

function site(path: string, camera: Record<string, unknown> = {}): SiteConfig {
  return siteConfig.parse({
    enterprise: { code: 'E1', name: '示范', uscc: 'x', regionCode: '410100', industry: 'cement',
      performanceLevel: 'B' },
    gates: [{ id: 'gate-1', name: '1号门' }],
    cameras: [
      { id: 'cam-1', name: '1号', vendor: 'vzenith', address: '127.0.0.1', record: true,
        ...camera },
    ],
    lanes: [{ id: 'lane-1', gateId: 'gate-1', name: '1号', nameEn: 'Lane 1', direction: 'in',
      cameraId: 'cam-1', barrier: { kind: 'modbus-rtu', path, slave: 1, coil: 0,
        timeoutMs: 200, probeSeconds: 1 } }],
    lpr: { port: 0 }, api: { port: 0 },
    platform: { url: 'http://127.0.0.1:1/', appId: 'a', secret: 'sixteen-chars-ok' },
    recording: { segmentSeconds: 10 },
    rulesFile: 'henan-bulk-transport.json',
  });
}

describe('device health', () => {
  it('stores and logs each transition, and only transitions', () => {
    let now = 1_000;
    const ring = new LogRing();
    const health = new DeviceHealth({ db, log: createRootLogger({ ring }), now: () => now });
    health.register({ id: 'barrier:lane-1', kind: 'barrier', subject: 'lane-1',
      name: '1号入口车道', silentForMs: null });

    health.seen('barrier:lane-1');
    now = 2_000;
    health.seen('barrier:lane-1');
    health.failed('barrier:lane-1', 'relay board slave 1 did not answer', 'no-answer');
    health.failed('barrier:lane-1', 'relay board slave 1 did not answer', 'no-answer');
    now = 3_000;
    health.seen('barrier:lane-1');

    expect(transitions()).toEqual([
      { id: 'barrier:lane-1', state: 'online', at: 1_000, reason: null, failure: null },
      { id: 'barrier:lane-1', state: 'offline', at: 2_000,
        reason: 'relay board slave 1 did not answer', failure: 'no-answer' },
      { id: 'barrier:lane-1', state: 'online', at: 3_000, reason: null, failure: null },
    ]);
    expect(ring.recent().map((l) => l.msg)).toEqual(['device online', 'device offline',
      'device online']);
    expect(health.views()).toEqual([{ id: 'barrier:lane-1', kind: 'barrier', subject: 'lane-1',
      name: '1号入口车道', state: 'online', lastSeenAt: 3_000, since: 3_000, reason: null,
      failure: null }]);
  });

  it('takes a camera that sent heartbeats as down after four missed ones', () => {
    let now = 0;
    const health = new DeviceHealth({ db, log, now: () => now });
    const monitor = new HealthMonitor({ health, db, site: site('/dev/null'),
      barriers: new Map() });
    const camera = () => health.views().find((v) => v.id === 'camera:cam-1');

    monitor.cameraPushed('cam-1', 'heartbeat', 0);
    monitor.cameraPushed('cam-1', 'heartbeat', 5_000);
    now = 25_000;
    health.sweep();
    expect(camera()?.state).toBe('online');
    now = 26_000;
    health.sweep();

    expect(camera()).toMatchObject({ state: 'offline', lastSeenAt: 5_000,
      reason: 'nothing heard for 21 s', failure: 'silent' });
  });

  it('gives a camera with quick heartbeats ten seconds before it counts as down', () => {
    let now = 0;
    const health = new DeviceHealth({ db, log, now: () => now });
    const monitor = new HealthMonitor({ health, db, site: site('/dev/null'),
      barriers: new Map() });

    monitor.cameraPushed('cam-1', 'heartbeat', 0);
    monitor.cameraPushed('cam-1', 'heartbeat', 200);
    now = 10_200;
    health.sweep();
    expect(health.views().find((v) => v.id === 'camera:cam-1')?.state).toBe('online');
    now = 10_201;
    health.sweep();
    expect(health.views().find((v) => v.id === 'camera:cam-1')?.state).toBe('offline');
  });

  it('remembers the last state across a restart', () => {
    const first = new DeviceHealth({ db, log, now: () => 5_000 });
    first.register({ id: 'camera:cam-1', kind: 'camera', subject: 'cam-1',
      name: '1号车道抓拍机', silentForMs: null });
    first.failed('camera:cam-1', 'gone', 'link-down');

    const second = new DeviceHealth({ db, log });
    second.register({ id: 'camera:cam-1', kind: 'camera', subject: 'cam-1',
      name: '1号车道抓拍机', silentForMs: null });

    expect(second.views()[0]).toMatchObject({ state: 'offline', since: 5_000, reason: 'gone',
      failure: 'link-down' });
  });
});

describe('a relay board watched on a real pty', () => {
  let pty: PtyPair;
  let board: ModbusBoard | undefined;
  let driver: BarrierDriver | undefined;

  beforeEach(async () => {
    pty = await createPtyPair(join(dir, 'pty'));
  });

  afterEach(async () => {
    await driver?.close();
    await board?.close();
    await pty.close();
  });

  it('goes offline when the board stops answering and online when it answers again',
    async () => {
      board = await startModbusBoard({ path: pty.b, slave: 1, log });
      const s = site(pty.a);
      const health = new DeviceHealth({ db, log });
      driver = createBarrier(s.lanes[0]!.barrier, log, { buses: new ModbusBuses() });
      let clock = 0;
      const monitor = new HealthMonitor({ health, db, site: s,
        barriers: new Map([['lane-1', driver]]), now: () => (clock += 1_000) });
      const state = () => health.views().find((v) => v.id === 'barrier:lane-1');

      await monitor.sweepOnce();
      expect(state()).toMatchObject({ state: 'online', reason: null });

      await board.close();
      await monitor.sweepOnce();
      expect(state()).toMatchObject({ state: 'offline', failure: 'no-answer',
        reason: `relay board slave 1 did not answer within 200 ms on ${pty.a} ` +
          '(read coils 0..0)' });

      board = await startModbusBoard({ path: pty.b, slave: 1, log });
      await monitor.sweepOnce();
      expect(state()).toMatchObject({ state: 'online', reason: null });
      expect(board.frames.map((f) => [f.fn, f.coil, f.count])).toEqual([[1, 0, 1]]);
    });

  it("counts the lane's own opens: a failed open is an offline board at once", async () => {
    const health = new DeviceHealth({ db, log });
    const s = site(pty.a);
    new HealthMonitor({ health, db, site: s, barriers: new Map() });
    driver = watchedBarrier(createBarrier(barrierConfig.parse(s.lanes[0]!.barrier), log,
      { buses: new ModbusBuses() }), health, 'lane-1');

    const result = await driver.open();

    expect(result.ok).toBe(false);
    expect(health.views().find((v) => v.id === 'barrier:lane-1')?.state).toBe('offline');
  });
});

describe('a camera without heartbeats', () => {
  it('is knocked on at the address the site knows', () => {
    const onvif = { url: 'http://192.0.2.21:8000/onvif/device_service', username: 'a',
      password: 'b' };
    const s = site('/dev/null', { onvif });
    expect(cameraReachTarget(s, s.cameras[0]!)).toEqual({ host: '192.0.2.21', port: 8000 });
    const bare = site('/dev/null');
    expect(cameraReachTarget(bare, bare.cameras[0]!)).toBeNull();
  });

  it('is online while its port answers and offline once it refuses', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const s = site('/dev/null', { onvif: { url: `http://127.0.0.1:${port}/onvif`,
      username: 'a', password: 'b' } });
    const health = new DeviceHealth({ db, log });
    const monitor = new HealthMonitor({ health, db, site: s, barriers: new Map(), knockMs: 0 });
    const camera = () => health.views().find((v) => v.id === 'camera:cam-1');

    await monitor.sweepOnce();
    expect(camera()?.state).toBe('online');

    await new Promise((resolve) => server.close(resolve));
    await monitor.sweepOnce();
    expect(camera()).toMatchObject({ state: 'offline',
      reason: `127.0.0.1:${port} refused the connection (ECONNREFUSED)` });
  });
});
