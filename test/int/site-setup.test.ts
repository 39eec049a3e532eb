// The installer saves the site through the API of a production host that started with none:
// the host applies it in-process (lanes, barriers, LPR listener, platform) without a restart,
// never shows a secret back, keeps an unchanged secret on the next save, refuses a site that
// cannot start while the running one goes on, and starts from the saved file after a restart.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/host.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { startModbusBoard, type ModbusBoard } from '../../electron/sim/modbus-board.ts';
import { startPlatformSim } from '../../electron/sim/platform.ts';
import {
  buildHikvisionPush, buildVzenithPush, loadDemoImages, sendPush,
} from '../../electron/sim/lpr-sender.ts';
import { ApiClient } from '../support/api.ts';
import { waitFor } from '../support/processes.ts';
import { DRAFT_MAC, DRAFT_SECRET, DRAFT_SERIAL, twoLaneDraft } from './two-lane-draft.ts';

const SECRET = DRAFT_SECRET;
const MAC = DRAFT_MAC;
const SERIAL = DRAFT_SERIAL;
const images = loadDemoImages();

let dir: string;
let host: RunningHost | null = null;
let board: ModbusBoard;
let platform: Awaited<ReturnType<typeof startPlatformSim>>;

const start = () => startHost({ dataDir: join(dir, 'data'), demo: false,
  serveHttp: true, demoFlags: { apiPort: 0 } });

const draft = () => twoLaneDraft({ boardPort: board.port!, platformUrl: platform.url });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-setup-'));
  board = await startModbusBoard({ tcpPort: 0, host: '127.0.0.1', slave: 1, log: silentLogger() });
  platform = await startPlatformSim({ appId: 'test-enterprise', secret: SECRET, port: 0,
    host: '127.0.0.1', log: silentLogger() });
});

afterAll(async () => {
  await host?.close();
  await board.close();
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('saving the site from the wizard', () => {
  it('applies a two-lane gate at once and shows no secret back', async () => {
    host = await start();
    const api = new ApiClient(host.uiUrl!);
    const created = await api.value('auth.setupInstaller', { username: 'installer1',
      displayName: '安装员', password: 'install-pass-1' });
    api.token = created.token;
    expect(await api.value('setup.site', {})).toEqual({ site: null, lprPort: null });

    const bad = draft();
    bad.enterprise.uscc = '91350100M000100Y44';
    expect(await api.call('setup.save', bad)).toMatchObject({ ok: false,
      error: { code: 'invalid_input' } });

    const saved = await api.value('setup.save', draft());
    expect(saved.changed).toContain('lanes');
    const lprPort = saved.lprPort!;
    expect(lprPort).toBeGreaterThan(0);

    const view = await api.value('setup.site', {});
    expect(view.site?.cameras[0]?.onvif).toEqual({
      url: 'http://127.0.0.1:9/onvif/device_service', username: 'admin', passwordSet: true });
    expect(view.site?.platform).toMatchObject({ secretSet: true });
    expect(JSON.stringify(view)).not.toContain('cam-password-1');
    expect(JSON.stringify(view)).not.toContain(SECRET);

    const hik = buildHikvisionPush({ plate: '豫H12345', color: 'yellow', uuid: randomUUID(),
      dateTime: new Date().toISOString(), images, mac: MAC });
    expect((await sendPush(`http://127.0.0.1:${lprPort}/lpr/hikvision/cam-a`, hik)).status)
      .toBe(200);
    const vz = buildVzenithPush({ plate: '豫H54321', colorType: 2, plateid: 7,
      sec: Math.floor(Date.now() / 1000), serialno: SERIAL, isoffline: 0, images });
    expect((await sendPush(`http://127.0.0.1:${lprPort}/lpr/vzenith/cam-b`, vz)).status)
      .toBe(200);

    const rows = (await api.value('passages.search', {})).rows;
    expect(rows.map((r) => [r.laneId, r.plate]).sort())
      .toEqual([['lane-in', '豫H54321'], ['lane-out', '豫H12345']]);
    const coil = await waitFor('the relay pulse', () =>
      board.frames.find((f) => f.fn === 5) ?? undefined, 10_000);
    expect(coil.slave).toBe(1);
    const [audit] = await api.value('audit.recent', { action: 'site.save' });
    expect(audit).toMatchObject({ actor: 'installer1' });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  }, 60_000);

  it('keeps the saved secrets when a later save leaves them out', async () => {
    const api = await new ApiClient(host!.uiUrl!).login('installer1', 'install-pass-1');
    const next = draft();
    delete next.cameras[0]!.onvif!.password;
    delete next.platform.secret;
    next.lanes[1]!.name = '入口（改）';

    const saved = await api.value('setup.save', next);
    expect(saved.changed).toEqual(['lanes']);
    const file = JSON.parse(readFileSync(join(dir, 'data', 'site.json'), 'utf8'));
    expect(file.cameras[0].onvif.password).toBe('cam-password-1');
    expect(file.platform.secret).toBe(SECRET);
    expect(existsSync(join(dir, 'data', 'site.previous.json'))).toBe(true);
    const names = (await api.value('lanes.list', {})).map((l) => l.name);
    expect(names).toEqual(['出口', '入口（改）']);
  }, 60_000);

  it('refuses a site whose listener cannot start and keeps the running one', async () => {
    const api = await new ApiClient(host!.uiUrl!).login('installer1', 'install-pass-1');
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    const before = readFileSync(join(dir, 'data', 'site.json'), 'utf8');
    const next = draft();
    next.lpr.port = (taken.address() as AddressInfo).port;
    next.lanes[0]!.name = '不该保存';

    const refused = await api.call('setup.save', next);
    taken.close();
    expect(refused).toMatchObject({ ok: false, error: { code: 'device_error',
      message: expect.stringMatching(/^not applied, nothing saved: .*EADDRINUSE/) } });
    expect(readFileSync(join(dir, 'data', 'site.json'), 'utf8')).toBe(before);
    const names = (await api.value('lanes.list', {})).map((l) => l.name);
    expect(names).toEqual(['出口', '入口（改）']);
    const port = (await api.value('setup.site', {})).lprPort!;
    const hik = buildHikvisionPush({ plate: '豫H67890', color: 'yellow', uuid: randomUUID(),
      dateTime: new Date().toISOString(), images, mac: MAC });
    expect((await sendPush(`http://127.0.0.1:${port}/lpr/hikvision/cam-a`, hik)).status)
      .toBe(200);
  }, 60_000);

  it('starts from the saved site after a restart', async () => {
    await host!.close();
    host = await start();
    const api = await new ApiClient(host.uiUrl!).login('installer1', 'install-pass-1');
    const lanes = await api.value('lanes.list', {});
    expect(lanes.map((l) => l.id)).toEqual(['lane-out', 'lane-in']);
    expect(host.lprPort).toBeGreaterThan(0);
  }, 60_000);
});
