// The installer's test push from the setup wizard (issue #3): it goes through the real listener
// and lane, so the barrier pulses, but its passage is marked as a test on the Passages page,
// reaches nothing at the city platform, and leaves the alert day's cap as it was. The listener
// knows it by its own socket: a camera sending the same bytes makes an ordinary passage.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/host.ts';
import { demoSummary } from '../../electron/host/summary.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { startModbusBoard, type ModbusBoard } from '../../electron/sim/modbus-board.ts';
import { startPlatformSim } from '../../electron/sim/platform.ts';
import { loadDemoImages, sendPush } from '../../electron/sim/lpr-sender.ts';
import { vendorPush } from '../../electron/sim/lpr-vendor-push.ts';
import { startLprListener } from '../../electron/devices/lpr/listener.ts';
import { testPush } from '../../electron/setup/device-tests.ts';
import { verifyPassageChain } from '../../electron/ledger/chain.ts';
import {
  DAY_MS, shanghaiWeekday, startOfShanghaiDay,
} from '../../electron/alerts/shanghai-day.ts';
import type { SiteDraft } from '../../electron/api/contract.ts';
import { ApiClient } from '../support/api.ts';
import { waitFor } from '../support/processes.ts';
import { barrierEventsOf, passagesOf, rowsOf } from './lane-harness.ts';
import { startAlertDayWorld } from './alert-day-harness.ts';
import { DRAFT_MAC, DRAFT_SECRET, DRAFT_SERIAL, twoLaneDraft } from './two-lane-draft.ts';

const TEST_PLATE = '豫A12345';
const images = loadDemoImages();

describe('a test push from the setup wizard', () => {
  let dir: string;
  let host: RunningHost;
  let board: ModbusBoard;
  let platform: Awaited<ReturnType<typeof startPlatformSim>>;
  let api: ApiClient;
  let lprPort: number;

  // The exit's camera sits on the camera LAN, not on this PC: the test push is not its address.
  const draft = (): SiteDraft => {
    const site = twoLaneDraft({ boardPort: board.port!, platformUrl: platform.url });
    site.cameras[0]!.address = '192.0.2.21';
    return site;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-test-push-'));
    board = await startModbusBoard({ tcpPort: 0, host: '127.0.0.1', slave: 1,
      log: silentLogger() });
    platform = await startPlatformSim({ appId: 'test-enterprise', secret: DRAFT_SECRET, port: 0,
      host: '127.0.0.1', log: silentLogger() });
    host = await startHost({ dataDir: join(dir, 'data'), demo: false, serveHttp: true,
      demoFlags: { apiPort: 0 } });
    api = new ApiClient(host.uiUrl!);
    api.token = (await api.value('auth.setupInstaller', { username: 'installer1',
      displayName: '安装员', password: 'install-pass-1' })).token;
    lprPort = (await api.value('setup.save', draft())).lprPort!;
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await board?.close();
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pulses the barrier, shows as a test, and reaches nothing at the platform', async () => {
    const outcome = await api.value('setup.testPush', { cameraId: 'cam-a', plate: TEST_PLATE });
    expect(outcome).toMatchObject({ ok: true, detail: expect.stringMatching(/^HTTP 200/),
      say: { key: 'pushAllowed', values: { plate: TEST_PLATE } } });

    // The exit lets the unregistered plate out, and the relay board pulses for it.
    const [row] = (await api.value('passages.search', { plate: TEST_PLATE })).rows;
    expect(row).toMatchObject({ plate: TEST_PLATE, laneId: 'lane-out', decision: 'allow',
      testPush: true });
    await waitFor('the relay pulse', () =>
      board.frames.filter((f) => f.fn === 5).length >= 2 ? true : undefined, 10_000);
    expect(board.frames.filter((f) => f.fn === 5).map((f) => f.value)).toEqual([true, false]);
    expect(barrierEventsOf(host.db, row!.id)).toEqual([
      expect.objectContaining({ trigger: 'decision', ok: 1 })]);

    // No outbox row: nothing for the drainer to send, nothing pending for good.
    expect(rowsOf(host.db, 'SELECT id FROM outbox WHERE subject_id = ?', row!.id)).toEqual([]);
    const [audit] = rowsOf(host.db,
      "SELECT detail FROM audit WHERE action = 'passage.recorded' AND subject = ?", row!.id);
    expect(JSON.parse(audit.detail)).toMatchObject({ plate: TEST_PLATE, testPush: true });

    // A real truck after it goes to the platform; by then the test would have gone too.
    const real = vendorPush('vzenith', { plate: '豫H54321', color: 'yellow', seq: 7,
      serial: DRAFT_SERIAL, images });
    const sent = await sendPush(`http://127.0.0.1:${lprPort}/lpr/vzenith/cam-b${real.path}`,
      real.push);
    expect(sent.status).toBe(200);
    await waitFor('the real passage at the platform', () => platform.messages()
      .find((m) => m.kind === 'passage' && JSON.stringify(m.data).includes('豫H54321')), 15_000);
    const passagesThere = platform.messages().filter((m) => m.kind === 'passage');
    expect(passagesThere.map((m) => JSON.stringify(m.data).includes(TEST_PLATE))).toEqual([false]);

    // The chain still proves every passage, the test one included.
    expect(verifyPassageChain(host.db)).toEqual({ ok: true, passages: 2 });

    // The health report and the demo's summary count trucks; the test is counted apart.
    expect(host.health().passagesToday).toBe(1);
    expect(demoSummary(host)).toMatchObject({ passages: 1, testPushes: 1, acknowledged: 1 });
  }, 60_000);

  it('cannot be claimed by a camera sending the same bytes', async () => {
    // The same push the wizard sends, from this PC but over an ordinary connection: it is not
    // the exit camera's address, so it is refused rather than taken as a test.
    const { push, path } = vendorPush('hikvision', { plate: TEST_PLATE, color: 'yellow',
      seq: 8, serial: DRAFT_MAC, images });
    const forged = await sendPush(`http://127.0.0.1:${lprPort}/lpr/hikvision/cam-a${path}`, push);
    expect(forged.status).toBe(403);

    // A camera whose address this is makes an ordinary passage of it, reported as usual.
    const own = vendorPush('vzenith', { plate: '豫H77777', color: 'yellow', seq: 9,
      serial: DRAFT_SERIAL, images });
    const sent = await sendPush(`http://127.0.0.1:${lprPort}/lpr/vzenith/cam-b${own.path}`,
      own.push);
    expect(sent.status).toBe(200);
    const [row] = (await api.value('passages.search', { plate: '豫H77777' })).rows;
    expect(row).toMatchObject({ testPush: false });
    expect(rowsOf(host.db, 'SELECT kind FROM outbox WHERE subject_id = ?', row!.id))
      .toEqual([{ kind: 'passage' }]);
  }, 60_000);
});

describe('a test push on an alert day', () => {
  it('is decided under the cap but takes none of its trips', async () => {
    const now = Date.now();
    const world = await startAlertDayWorld(now);
    const lpr = await startLprListener({ host: '127.0.0.1', port: 0,
      cameras: world.site.cameras, log: silentLogger(),
      onRead: (read, camera, origin) => world.lanes.handleRead(read, camera, origin) });
    try {
      // Five normal working days (Monday to Saturday) before today, two trucks each: the
      // baseline is two a day, so the orange alert's half admits one trip today.
      const today = startOfShanghaiDay(now);
      let truckNo = 0;
      for (let back = 1, days = 0; days < 5; back++) {
        const day = today - back * DAY_MS;
        if (shanghaiWeekday(day + DAY_MS / 2) === 0) continue;
        for (const minute of [0, 30]) await world.truck(truckNo++, day + 10 * 3_600_000
          + minute * 60_000, 'cam-2');
        days++;
      }
      world.clock.now = now;
      expect(await world.call('manager', 'alerts.set', { level: 'orange', startsAt: today,
        endsAt: today + DAY_MS, measure: '橙色预警：运输量削减50%' }))
        .toMatchObject({ ok: true });
      expect(await world.call('guard', 'cap.status', {})).toMatchObject({ ok: true,
        value: { baselinePerDay: 2, cap: 1, admittedToday: 0, reached: false } });

      // The installer's test push of a registered China-VI truck at the relay-board lane.
      const plate = '豫B00050';
      const camera = world.site.cameras.find((c) => c.id === 'cam-1')!;
      expect(await testPush(camera, plate, lpr.port)).toMatchObject({ ok: true });
      const [test] = passagesOf(world.db, plate);
      expect(test).toMatchObject({ decision: 'allow', test_push: 1 });
      await waitFor('the test pulse', () => barrierEventsOf(world.db, test.id)[0], 10_000);
      expect(barrierEventsOf(world.db, test.id)).toEqual([
        expect.objectContaining({ trigger: 'decision', ok: 1 })]);
      const listed = await world.call('guard', 'passages.search', { plate });
      expect(listed.value.rows).toMatchObject([{ id: test.id, testPush: true }]);

      // The day's one trip is still there for a real truck; the next real one is over the cap.
      expect(await world.call('guard', 'cap.status', {})).toMatchObject({ ok: true,
        value: { admittedToday: 0, reached: false } });
      world.clock.now = Date.now();
      const first = await world.truck(truckNo++, world.clock.now, 'cam-2');
      const second = await world.truck(truckNo++, world.clock.now + 1_000, 'cam-2');
      expect(world.views.byId(first.passageId)).toMatchObject({ decision: 'allow' });
      expect(world.views.byId(second.passageId)).toMatchObject({ decision: 'deny',
        reasonCode: 'QUOTA_REACHED' });
      expect(await world.call('guard', 'cap.status', {})).toMatchObject({ ok: true,
        value: { admittedToday: 1, reached: true } });

      // The visits ledger pairs trucks, not tests; the outbox holds the real passages only.
      const visits = await world.call('officer', 'ledger.visits.list', {});
      expect(visits.value.rows.map((v: { plate: string }) => v.plate)).not.toContain(plate);
      expect(rowsOf(world.db, 'SELECT id FROM outbox WHERE subject_id = ?', test.id))
        .toEqual([]);
    } finally {
      await lpr.close();
      await world.close();
    }
  }, 60_000);
});
