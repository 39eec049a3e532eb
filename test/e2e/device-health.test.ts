// Device health as the guard sees it, against the demo started as a user starts it: a camera
// that sends heartbeats (the LPR camera simulator, its own process) is killed, its lane shows a
// device alarm; it is started again, the alarm clears.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMERA_2_SERIAL } from '../../electron/config/demo-site.ts';
import { CAMERA_SILENCE_MIN_MS } from '../../electron/devices/health/health-monitor.ts';
import { createPtyPair, type PtyPair } from '../../electron/sim/pty.ts';
import { ApiClient } from '../support/api.ts';
import { openBrowser, logIn, type Browser } from '../support/browser.ts';
import { startDemo, startSim, type DemoReady, type Started } from '../support/processes.ts';

/** Silence allowance, one health sweep and the page's update, with room for a loaded machine. */
const NOTICED_WITHIN_MS = CAMERA_SILENCE_MIN_MS + 20_000;

let dir: string;
let pty: PtyPair;
let board: Started<{ ready: true }>;
let demo: Started<DemoReady>;
let camera: Started<{ ready: true }> | undefined;
let browser: Browser;

const startCamera = () => startSim<{ ready: true }>('lpr-camera', ['--vendor', 'vzenith',
  '--target', `http://127.0.0.1:${demo.ready.lprPort}/lpr/vzenith/cam-2`, '--every-ms', '0',
  '--heartbeat-ms', '300', '--serial', DEMO_CAMERA_2_SERIAL]);
const alarm = () => browser.page.locator('[data-testid="device-down-camera:cam-2"]');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-health-ui-'));
  pty = await createPtyPair(join(dir, 'pty'));
  board = await startSim('board', ['--path', pty.b, '--slave', '1']);
  demo = await startDemo(['--demo', '--data', join(dir, 'data'), '--serial', pty.a,
    '--no-trucks', '--no-camera']);
  camera = await startCamera();
  browser = await openBrowser();
  await logIn(browser.page, demo.ready.ui, 'guard', 'guard-demo');
  await browser.page.getByTestId('lane-lane-2').waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await camera?.stop();
  await demo?.stop();
  await board?.stop();
  await pty?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a plate camera that stops sending heartbeats', () => {
  it('raises a device alarm on its lane, which clears when the camera is back', async () => {
    expect(await alarm().count()).toBe(0);

    await camera!.stop();
    camera = undefined;
    await alarm().waitFor({ timeout: NOTICED_WITHIN_MS });
    const text = await browser.page.getByTestId('device-alarm-lane-2').innerText();
    expect(text).toContain('车牌识别相机 2号车道抓拍机');
    expect(text).toMatch(/已 \d+ 秒未收到任何消息/);
    expect(await browser.page.getByTestId('device-alarm-lane-1').count()).toBe(0);
    const report = (await new ApiClient(demo.ready.ui).health()).body as {
      deviceHealth: Array<{ id: string; state: string }> };
    expect(report.deviceHealth.find((d) => d.id === 'camera:cam-2')?.state).toBe('offline');

    camera = await startCamera();
    await alarm().waitFor({ state: 'detached', timeout: NOTICED_WITHIN_MS });
  }, 120_000);
});
