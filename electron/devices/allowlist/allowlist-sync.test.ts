// The camera's own allowlist follows the registry: China VI and electric vehicles on it, the
// rest off, written to a Hikvision camera simulator over ISAPI with Digest, and handed to a
// Vzenith camera in our replies; the last sync time is kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cameraConfig } from '../../config/site.ts';
import { openDatabase, type Db } from '../../db/database.ts';
import { silentLogger } from '../../log/logger.ts';
import { startCameraRelay, type CameraRelay } from '../../sim/camera-relay.ts';
import { AllowlistSync } from './allowlist-sync.ts';

const log = silentLogger();
let dir: string;
let db: Db;
let relay: CameraRelay | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-allowlist-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  for (const [plate, stage] of [['豫A12345', '5'], ['豫A66666', '6'], ['豫A01234D', 'D']]) {
    db.prepare(`INSERT INTO vehicles (plate, plate_color, vehicle_type, fuel, emission_stage,
      stage_evidence, created_at, updated_at) VALUES (?, 'yellow', 'H11', 'B', ?, 'X', 0, 0)`)
      .run(plate, stage);
  }
});

afterEach(async () => {
  await relay?.close();
  relay = undefined;
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const camera = (over: Record<string, unknown>) => cameraConfig.parse({ id: 'cam-1',
  name: '1号', vendor: 'hikvision', address: '127.0.0.1', ...over });

describe('a Hikvision camera allowlist', () => {
  it('is made equal to the vehicles that pass at every alert level', async () => {
    relay = await startCameraRelay({ vendor: 'hikvision', username: 'admin',
      password: 'gate-1234', log });
    relay.plateList.push({ id: '7', LicensePlate: '豫B00000', listType: 'whiteList',
      effectiveTime: '2030-01-01' });
    let now = 1_000;
    const sync = new AllowlistSync({ db, log, now: () => now, cameras: [camera({
      allowlist: { url: relay.url, username: 'admin', password: 'gate-1234' } })] });

    const views = await sync.syncAll();

    expect(relay.plateList.map((e) => e.LicensePlate).sort()).toEqual(['豫A01234D', '豫A66666']);
    expect(views).toEqual([{ cameraId: 'cam-1', supported: true, syncedAt: 1_000,
      attemptedAt: 1_000, entries: 2, error: null }]);

    db.prepare(`UPDATE vehicles SET emission_stage = '5' WHERE plate = '豫A66666'`).run();
    now = 2_000;
    await sync.syncAll();
    expect(relay.plateList.map((e) => e.LicensePlate)).toEqual(['豫A01234D']);
  });

  it('keeps the last good sync time when the camera refuses the login', async () => {
    relay = await startCameraRelay({ vendor: 'hikvision', username: 'admin',
      password: 'gate-1234', log });
    const sync = new AllowlistSync({ db, log, now: () => 5_000, cameras: [camera({
      allowlist: { url: relay.url, username: 'admin', password: 'wrong' } })] });

    const [view] = await sync.syncAll();

    expect(view).toEqual({ cameraId: 'cam-1', supported: true, syncedAt: null,
      attemptedAt: 5_000, entries: 0, error: 'the camera refused the user name or password' });
    expect(relay.plateList).toEqual([]);
  });
});

describe('a Vzenith camera allowlist', () => {
  it('travels in replies: additions, then nothing, then deletions', () => {
    let now = Date.UTC(2026, 11, 3, 2);
    const sync = new AllowlistSync({ db, log, now: () => now, cameras: [camera({
      vendor: 'vzenith', allowlist: {} })] });

    const add = sync.takeVzenithOperate('cam-1');
    expect(add).toEqual({ operate_type: 0, white_list_data: ['豫A01234D', '豫A66666']
      .map((plate) => ({ plate, enable: 1, need_alarm: 0, enable_time: '2026-12-03 00:00:00',
        overdue_time: '2037-12-31 23:59:59' })) });
    expect(sync.takeVzenithOperate('cam-1')).toBeUndefined();
    expect(sync.views()[0]).toMatchObject({ syncedAt: now, entries: 2 });

    db.prepare(`DELETE FROM vehicles WHERE plate = '豫A01234D'`).run();
    now += 60_000;
    expect(sync.takeVzenithOperate('cam-1')).toMatchObject({ operate_type: 1,
      white_list_data: [{ plate: '豫A01234D' }] });
    expect(sync.views()[0]).toMatchObject({ syncedAt: now, entries: 1 });
  });

  it('is not offered to a camera without allowlist sync configured', () => {
    const sync = new AllowlistSync({ db, log, cameras: [camera({ vendor: 'vzenith' })] });
    expect(sync.takeVzenithOperate('cam-1')).toBeUndefined();
    expect(sync.views()).toEqual([]);
  });
});
