// The officer's Sync page in Debian's Chromium, against the demo started as a user starts it,
// reporting to the platform simulator in its own process: the counts and today's delivery rate,
// the last heartbeat the platform really answered, a message the platform refused with its
// reason, and the officer's resend, after which the refusal leaves the list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { startModbusBoard } from '../../electron/sim/modbus-board.ts';
import { buildHikvisionPush, loadDemoImages, sendPush } from '../../electron/sim/lpr-sender.ts';
import { DEMO_CAMERA_1_MAC } from '../../electron/config/demo-site.ts';
import { DEMO_PLATFORM_SECRET } from '../../electron/host/demo-devices.ts';
import type { ReceivedHeartbeat } from '../../electron/sim/platform-heartbeats.ts';
import { formatDateTime } from '../../renderer/format/time.ts';
import { enqueueOutbox, markRejected } from '../../electron/sync/outbox.ts';
import { passageOrderKey } from '../../electron/sync/passage-message.ts';
import { passageFixture } from '../../electron/sync/test-support.ts';
import { ApiClient } from '../support/api.ts';
import { openBrowser, logIn, type Browser } from '../support/browser.ts';
import {
  startDemo, startSim, waitFor, type DemoReady, type Started,
} from '../support/processes.ts';

const images = loadDemoImages();
let dir: string;
let board: Awaited<ReturnType<typeof startModbusBoard>>;
let platform: Started<{ ready: true; url: string }>;
let demo: Started<DemoReady>;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-sync-ui-'));
  board = await startModbusBoard({ tcpPort: 0, host: '127.0.0.1', slave: 1,
    log: silentLogger() });
  platform = await startSim('platform', ['--app-id', 'demo-enterprise',
    '--secret', DEMO_PLATFORM_SECRET]);
  demo = await startDemo(['--demo', '--data', join(dir, 'data'), '--no-trucks', '--no-camera',
    '--modbus-tcp-port', String(board.port), '--pulse-ms', '100',
    '--platform-url', platform.ready.url]);
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  await platform?.stop();
  await board?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A passage the platform refused earlier (say, for a gate it did not know yet). */
function refusedPassage(): number {
  const db = openDatabase(join(dir, 'data', 'gatehouse.db'));
  try {
    const message = passageFixture({ plate: '豫A77777', direction: 1,
      passedAtMs: Date.now() - 600_000 });
    return db.transaction(() => {
      enqueueOutbox(db, { kind: 'passage', subjectId: message.passageId, payload: message,
        orderKey: passageOrderKey(message.plate, message.plateColor), now: Date.now() });
      const { id } = db.prepare('SELECT MAX(id) AS id FROM outbox').get() as { id: number };
      markRejected(db, id, 'rejected: code 422: unknown gate gate-north', Date.now());
      return id;
    })();
  } finally {
    db.close();
  }
}

describe('the Sync page', () => {
  it('shows the counts, the rate and a refusal the officer resends', async () => {
    const push = buildHikvisionPush({ plate: '豫A12345', color: 'yellow', uuid: randomUUID(),
      dateTime: new Date().toISOString(), images, mac: DEMO_CAMERA_1_MAC });
    expect((await sendPush(`http://127.0.0.1:${demo.ready.lprPort}/lpr/hikvision/cam-1`, push))
      .status).toBe(200);
    const api = new ApiClient(demo.ready.ui);
    await waitFor('the passage acknowledged', async () =>
      (await api.health()).body.outbox.acknowledged === 1 ? true : undefined, 15_000, 100);
    const refused = refusedPassage();

    const { page } = browser;
    await logIn(page, demo.ready.ui, 'officer', 'officer-demo');
    await page.getByTestId('nav-sync').click();

    await expect.poll(() => page.getByTestId('sync-pending').textContent()).toBe('0');
    expect(await page.getByTestId('sync-rate-today').textContent()).toMatch(/%$/);

    // The page names the time of a heartbeat the platform received (our answer comes a few
    // milliseconds later, so possibly in the next second).
    const heartbeat = page.getByTestId('sync-heartbeat');
    await expect.poll(() => heartbeat.textContent(), { timeout: 30_000 })
      .toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(，平台已应答|, answered)$/);
    // Chinese labels take the full-width colon of Chinese typesetting.
    expect(await page.getByTestId('sync-link').innerText()).toMatch(/最近心跳：\d{4}/);
    const shown = (await heartbeat.textContent())!.slice(0, 19);
    const received = await (await fetch(`${platform.ready.url}/sim/heartbeats`))
      .json() as ReceivedHeartbeat[];
    const seconds = received.flatMap((b) => [b.receivedAt, b.receivedAt + 1_000])
      .map(formatDateTime);
    expect(seconds).toContain(shown);
    const row = page.getByTestId(`sync-rejected-${refused}`);
    expect(await row.textContent()).toContain('code 422: unknown gate gate-north');

    await page.getByTestId(`sync-resend-${refused}`).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.waitFor({ state: 'detached' });
    expect(browser.errors).toEqual([]);
  });

  it('is not offered to a guard, whose role the header says once', async () => {
    const { page } = browser;
    await page.getByTestId('logout').click();
    await logIn(page, demo.ready.ui, 'guard', 'guard-demo');

    // The demo guard's name says the role already: it is not said twice.
    expect(await page.getByTestId('current-user').textContent()).toBe('门卫（演示）');
    expect(await page.getByTestId('nav-alerts').count()).toBe(1);
    expect(await page.getByTestId('nav-sync').count()).toBe(0);
  });
});
