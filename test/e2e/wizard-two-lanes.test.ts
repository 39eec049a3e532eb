// The installer's first day, end to end: a production start from an empty data folder, the
// installer account, then the setup wizard in Chromium against the simulators (an ONVIF camera
// found by discovery, the relay board on a serial pty, the city platform) configures a two-lane
// gate; a plate pushed on each lane then makes a passage on each, and the exit's barrier frame
// reaches the board on the pty.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../electron/sim/pty.ts';
import {
  buildHikvisionPush, buildVzenithPush, loadDemoImages, sendPush,
} from '../../electron/sim/lpr-sender.ts';
import { ApiClient } from '../support/api.ts';
import { openBrowser, type Browser } from '../support/browser.ts';
import { COIL_OFF, COIL_ON, readFrames } from '../support/board-frames.ts';
import {
  startDemo, startSim, waitFor, type DemoReady, type Started,
} from '../support/processes.ts';

const APP_ID = 'yubei-cement';
const SECRET = 'a-secret-the-city-issued-2026';
const CAMERA_PASSWORD = 'Lane1-cam-pw';
const MAC = '00:00:5e:00:53:61';
const VZ_SERIAL = 'vz-gate-0002';
const INSTALLER = { username: 'zhanggong', password: 'Install-2026-gate' };
const images = loadDemoImages();

let dir: string;
let pty: PtyPair;
let framesFile: string;
let board: Started<{ ready: true }>;
let platform: Started<{ ready: true; url: string; port: number }>;
let camera: Started<{ ready: true; url: string; discoveryPort: number }>;
let product: Started<DemoReady>;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-wizard-'));
  framesFile = join(dir, 'frames.jsonl');
  pty = await createPtyPair(join(dir, 'pty'));
  board = await startSim('board', ['--path', pty.b, '--slave', '1', '--frames', framesFile]);
  platform = await startSim('platform', ['--port', '0', '--app-id', APP_ID, '--secret', SECRET,
    '--state', join(dir, 'platform.jsonl')]);
  camera = await startSim('onvif', ['--password', CAMERA_PASSWORD, '--name', 'Lane1-LPR']);
  product = await startDemo(['--data', join(dir, 'data')]);
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await camera?.stop();
  await platform?.stop();
  await board?.stop();
  await pty?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the setup wizard', () => {
  it('configures a two-lane gate from nothing and each lane makes a passage', async () => {
    const { page } = browser;
    const byId = (id: string) => page.getByTestId(id);
    const choose = (group: string, label: string) =>
      byId(group).getByText(label, { exact: true }).click();

    // The installer account: the first screen of a production start.
    await page.goto(product.ready.ui);
    await byId('setup-username').fill(INSTALLER.username);
    await byId('setup-display-name').fill('张工');
    await byId('setup-password').fill(INSTALLER.password);
    await byId('setup-password2').fill(INSTALLER.password);
    await byId('setup-submit').click();
    // With nothing configured yet, the installer lands in the wizard.
    await byId('wizard-steps').waitFor();
    expect(new URL(page.url()).hash).toBe('#/settings');

    // Enterprise: a mistyped credit code is caught by its check character.
    await byId('wizard-enterprise-name').fill('豫北示范水泥有限公司');
    await byId('wizard-enterprise-code').fill('HN-410700-0042');
    await byId('wizard-enterprise-uscc').fill('91350100M000100Y44');
    await byId('wizard-enterprise-region').fill('410700');
    await choose('wizard-enterprise-level', 'B级');
    await byId('wizard-next').click();
    await page.getByText('统一社会信用代码校验位不正确').waitFor();
    await byId('wizard-enterprise-uscc').fill('91350100M000100Y43');
    await byId('wizard-next').click();

    // Gates and lanes: an exit on the relay board, an entry on the camera's own relay.
    await byId('wizard-add-lane').click();
    await byId('wizard-add-lane').click();
    await byId('wizard-lane-0-name').fill('1号出口车道');
    await byId('wizard-lane-0-name-en').fill('Exit lane 1');
    await choose('wizard-lane-0-direction', '出口');
    await choose('wizard-lane-0-barrier', '继电器板（RS-485）');
    await byId('wizard-lane-0-path').fill(pty.a);
    await byId('wizard-lane-1-name').fill('2号入口车道');
    await byId('wizard-lane-1-name-en').fill('Entry lane 2');
    await byId('wizard-next').click();

    // Cameras: the ONVIF camera found by a directed discovery probe, the Vzenith one by hand.
    await byId('wizard-discover-targets').fill(`127.0.0.1:${camera.ready.discoveryPort}`);
    await byId('wizard-discover').click();
    await byId('wizard-discovered').getByText('Lane1-LPR').waitFor();
    await byId('wizard-discovered').getByRole('button').click();
    await byId('wizard-camera-0-name').fill('1号车道抓拍机');
    await byId('wizard-camera-0-address').fill('127.0.0.1');
    await byId('wizard-camera-0-serial').fill(MAC);
    await choose('wizard-camera-0-lane', '1号出口车道');
    await byId('wizard-camera-0-password').fill(CAMERA_PASSWORD);
    await byId('wizard-camera-0-probe').click();
    await byId('wizard-camera-0-info').getByText('GH-SIM-0001').waitFor();
    await byId('wizard-camera-0-snapshot').click();
    await byId('wizard-camera-0-picture').waitFor();

    await byId('wizard-add-camera').click();
    await byId('wizard-camera-1-name').fill('2号车道抓拍机');
    await byId('wizard-camera-1-address').fill('127.0.0.1');
    await byId('wizard-camera-1-serial').fill(VZ_SERIAL);
    await choose('wizard-camera-1-vendor', '臻识（千熠）');
    await choose('wizard-camera-1-lane', '2号入口车道');
    await byId('wizard-next').click();

    // Storage and intake: a folder of our own, the listener on loopback on any free port.
    await byId('wizard-storage-root').fill(join(dir, 'data-disk'));
    await byId('wizard-storage-check').click();
    await byId('wizard-storage-result').getByText(/可写入/).waitFor();
    await byId('wizard-lpr-host').fill('127.0.0.1');
    await byId('wizard-lpr-port').fill('0');
    await byId('wizard-next').click();

    // Platform, then save: the host applies the site without a restart.
    await byId('wizard-platform-url').fill(platform.ready.url);
    await byId('wizard-platform-app-id').fill(APP_ID);
    await byId('wizard-platform-secret').fill(SECRET);
    await byId('wizard-save').click();
    await byId('wizard-saved').waitFor({ timeout: 30_000 });

    // The device tests: barrier pulse on the pty, a simulated push, the platform's address.
    const before = readFrames(framesFile).length;
    await byId('wizard-test-lane-0-barrier').click();
    await byId('wizard-test-lane-0-barrier-result').getByText('测试通过').waitFor();
    await waitFor('coil-on from the barrier test', () =>
      readFrames(framesFile).slice(before).find((f) => f.hex === COIL_ON), 15_000);
    await byId('wizard-test-lane-0-push').click();
    await byId('wizard-test-lane-0-push-result').getByText('测试通过').waitFor();
    expect(await byId('wizard-test-lane-0-push-result').textContent())
      .toContain('车道识别到 豫A12345，判定放行');
    // A pulse still held joins the next open; the exit's own pulse comes after this one ends.
    await waitFor('the test pulse to end', () => {
      const hex = readFrames(framesFile).map((f) => f.hex);
      const ons = hex.filter((h) => h === COIL_ON).length;
      return ons === 2 && hex.filter((h) => h === COIL_OFF).length === ons ? true : undefined;
    }, 15_000);
    await byId('wizard-test-platform').click();
    await byId('wizard-test-platform-result').getByText('测试通过').waitFor();

    // A plate on each lane, pushed as the cameras push them.
    const pushUrl = await byId('wizard-test-lane-0-push-url').textContent();
    const lprPort = Number(/:(\d+)\/lpr\//.exec(pushUrl ?? '')?.[1]);
    const beforePush = readFrames(framesFile).length;
    const exit = await sendPush(`http://127.0.0.1:${lprPort}/lpr/hikvision/cam-1`,
      buildHikvisionPush({ plate: '豫H11223', color: 'yellow', uuid: randomUUID(),
        dateTime: new Date().toISOString(), images, mac: MAC }));
    expect(exit.status).toBe(200);
    const entry = await sendPush(`http://127.0.0.1:${lprPort}/lpr/vzenith/cam-2`,
      buildVzenithPush({ plate: '豫H33445', colorType: 2, plateid: 1,
        sec: Math.floor(Date.now() / 1000), serialno: VZ_SERIAL, isoffline: 0, images }));
    expect(entry.status).toBe(200);

    const api = await new ApiClient(product.ready.ui).login(INSTALLER.username,
      INSTALLER.password);
    const rows = (await api.value('passages.search', { limit: 50 })).rows;
    expect(rows.filter((r) => r.plate !== '豫A12345').map((r) => [r.laneId, r.plate]).sort())
      .toEqual([['lane-1', '豫H11223'], ['lane-2', '豫H33445']]);
    expect(rows.find((r) => r.plate === '豫H11223')).toMatchObject({ direction: 'out',
      decision: 'allow', testPush: false });
    // The wizard's own push is kept, marked as a test (issue #3).
    expect(rows.find((r) => r.plate === '豫A12345')).toMatchObject({ testPush: true });
    const on = await waitFor('coil-on for the exit passage', () =>
      readFrames(framesFile).slice(beforePush).find((f) => f.hex === COIL_ON), 15_000);
    expect(on.slave).toBe(1);

    // The evidence went where the storage step said: the photos are on the "data disk".
    const stored = readdirSync(join(dir, 'data-disk', 'media'), { recursive: true });
    expect(stored.length).toBeGreaterThan(0);

    // Settings shows the site again with its secrets only as "set".
    await page.reload();
    await byId('wizard-steps').getByText('相机').click();
    expect(await byId('wizard-camera-0-password').inputValue()).toBe('');
    await page.getByText('已设置（留空则保持不变）').first().waitFor();
    expect(browser.errors).toEqual([]);
  }, 300_000);

  it('speaks English completely on every step once switched', async () => {
    const { page } = browser;
    await page.getByTestId('lang-switch').click();
    // Names the installer typed stay as typed; everything the wizard itself says is English.
    const typed = ['1号出口车道', '2号入口车道', '1号门', '张工'];
    const steps = ['Enterprise', 'Gates and lanes', 'Cameras', 'Storage and intake', 'Platform',
      'Device tests'];
    for (const step of steps) {
      await page.getByTestId('wizard-steps').getByText(step, { exact: true }).click();
      let text = await page.locator('body').innerText();
      for (const name of [...typed, (await page.getByTestId('lang-switch').innerText()).trim()]) {
        text = text.replaceAll(name, '');
      }
      expect(text, step).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(browser.errors).toEqual([]);
  }, 120_000);
});
