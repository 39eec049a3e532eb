// The device calls through the dispatcher, against the host's real device services: health for
// every role, the allowlist sync for officers and up (a Hikvision camera simulator over ISAPI),
// the display test for the installer only (a board simulator on a pty), each audited.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { Users } from '../../electron/auth/users.ts';
import { Dispatcher, type Caller } from '../../electron/api/dispatcher.ts';
import { createHandlers } from '../../electron/api/handlers.ts';
import type { Role } from '../../electron/api/contract.ts';
import { siteConfig } from '../../electron/config/site.ts';
import { PassageViews } from '../../electron/ledger/passage-views.ts';
import { MediaStore } from '../../electron/media/store.ts';
import { recentAudit } from '../../electron/db/audit.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { startDeviceServices, type DeviceServices } from '../../electron/host/device-services.ts';
import { startCameraRelay, type CameraRelay } from '../../electron/sim/camera-relay.ts';
import { startDisplayBoard, type DisplayBoard } from '../../electron/sim/display-board.ts';
import { createPtyPair, type PtyPair } from '../../electron/sim/pty.ts';

const log = silentLogger();
let dir: string;
let db: Db;
let pty: PtyPair;
let relay: CameraRelay;
let board: DisplayBoard;
let devices: DeviceServices;
let dispatcher: Dispatcher;

const as = (role: Role): Caller => ({ token: null, remote: '127.0.0.1',
  user: { id: 1, username: `${role}-1`, displayName: role, role } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-devcalls-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  db.prepare(`INSERT INTO vehicles (plate, plate_color, vehicle_type, fuel, emission_stage,
    stage_evidence, created_at, updated_at) VALUES ('豫A66666', 'yellow', 'H11', 'B', '6', 'X',
    0, 0)`).run();
  pty = await createPtyPair(join(dir, 'pty'));
  board = await startDisplayBoard({ path: pty.b, log });
  relay = await startCameraRelay({ vendor: 'hikvision', username: 'admin', password: 'pw',
    log });
  const site = siteConfig.parse({
    enterprise: { code: 'E1', name: '示范', uscc: 'x', regionCode: '410100', industry: 'cement',
      performanceLevel: 'B' },
    gates: [{ id: 'gate-1', name: '1号门' }],
    cameras: [{ id: 'cam-1', name: '1号', vendor: 'hikvision', address: '127.0.0.1',
      allowlist: { url: relay.url, username: 'admin', password: 'pw' } }],
    lanes: [{ id: 'lane-1', gateId: 'gate-1', name: '1号', nameEn: 'Lane 1', direction: 'in',
      cameraId: 'cam-1', barrier: { kind: 'camera-reply' },
      display: { kind: 'serial', path: pty.a } }],
    lpr: { port: 0 }, api: { port: 0 },
    platform: { url: 'http://127.0.0.1:1/', appId: 'a', secret: 'sixteen-chars-ok' },
    recording: { segmentSeconds: 10 }, rulesFile: 'henan-bulk-transport.json',
  });
  devices = startDeviceServices({ db, site, log, barriers: new Map(), onHealth: () => {} });
  const users = new Users(db);
  dispatcher = new Dispatcher(createHandlers({ db, users, lanes: null, views: new PassageViews(db),
    media: new MediaStore(join(dir, 'media')), demo: false, version: 'test', devices }), log,
  () => false);
});

afterAll(async () => {
  await devices.stop();
  await board.close();
  await relay.close();
  await pty.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the device calls', () => {
  it('tell every role which devices are up', async () => {
    const result = await dispatcher.call(as('guard'), 'devices.health', {});

    expect(result).toEqual({ ok: true, value: [{ id: 'camera:cam-1', kind: 'camera',
      subject: 'cam-1', name: '1号', state: 'unknown', lastSeenAt: null, since: null, reason: null,
      failure: null }] });
  });

  it("sync the camera's allowlist for an officer, not for a guard", async () => {
    const refused = await dispatcher.call(as('guard'), 'devices.syncAllowlists', {});
    const synced = await dispatcher.call(as('officer'), 'devices.syncAllowlists', {});

    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(synced).toMatchObject({ ok: true, value: [{ cameraId: 'cam-1', supported: true,
      entries: 1, error: null }] });
    expect(relay.plateList.map((e) => e.LicensePlate)).toEqual(['豫A66666']);
    expect(recentAudit(db, 'devices.sync-allowlists', 5).map((r) => r.actor))
      .toEqual(['officer-1']);
  });

  it("show the installer's text on the lane board, and refuse anyone else", async () => {
    const refused = await dispatcher.call(as('manager'), 'devices.testDisplay',
      { laneId: 'lane-1', text: '测试' });
    const shown = await dispatcher.call(as('installer'), 'devices.testDisplay',
      { laneId: 'lane-1', text: '测试' });

    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(shown).toEqual({ ok: true, value: { shown: true, error: null } });
    await vi.waitFor(() => expect(board.shown()).toEqual(['测试']), { timeout: 5_000 });
  });
});
