// The footage storage as the installer and the manager see it, in Chromium against the demo
// started as a user starts it: the forecast on the wizard's storage step says what the core
// measured, the Lanes page shows exactly the core's storage alarms, and a retention below the
// legal 12 months is taken only with a reason, which the audit trail keeps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api.ts';
import { openBrowser, logIn, type Browser } from '../support/browser.ts';
import { startDemo, waitFor, type DemoReady, type Started } from '../support/processes.ts';

const GIB = 1024 ** 3;

let dir: string;
let demo: Started<DemoReady>;
let browser: Browser;
let installer: ApiClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-storage-'));
  demo = await startDemo(['--demo', '--data', join(dir, 'data'), '--no-trucks']);
  expect(demo.ready.skipped.recording).toBeUndefined();
  installer = await new ApiClient(demo.ready.ui).login('installer', 'installer-demo');
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the footage storage', () => {
  it('shows the core\'s forecast on the wizard\'s storage step', async () => {
    const report = await waitFor('a storage report', async () =>
      (await installer.value('video.storage', { refresh: true })) ?? undefined, 60_000, 1_000);

    const { page } = browser;
    await logIn(page, demo.ready.ui, 'installer', 'installer-demo');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('wizard-steps').getByText('存储与接收', { exact: true }).click();
    const forecast = page.getByTestId('storage-forecast');
    await forecast.waitFor();

    expect(await forecast.getByTestId('storage-needed').innerText())
      .toBe(`${(report.forecast.neededBytes / GIB).toFixed(1)} GiB`);
    expect(await forecast.getByText('12 个月').count()).toBeGreaterThan(0);
    // Each camera by the name the installer gave it.
    const cameras = await installer.value('playback.cameras', {});
    for (const camera of report.forecast.cameras) {
      const name = cameras.find((c) => c.id === camera.cameraId)!.name;
      await forecast.getByRole('cell', { name, exact: true }).waitFor();
    }
    for (const root of report.roots) {
      await forecast.getByRole('cell', { name: root.path, exact: true }).waitFor();
    }
    const shown = await forecast.locator('[data-testid^="storage-alarm-"]').evaluateAll(
      (alerts) => alerts.map((a) => a.getAttribute('data-testid')));
    expect(shown).toEqual(report.alarms.map((a) => `storage-alarm-${a}`));
    expect(browser.errors).toEqual([]);
  }, 120_000);

  it('takes a retention below 12 months only with a reason, and audits it', async () => {
    const { page } = browser;
    const forecast = page.getByTestId('storage-forecast');
    await forecast.getByTestId('retention-months').fill('6');
    const save = forecast.getByTestId('retention-save');
    expect(await save.isDisabled()).toBe(true);

    await forecast.getByTestId('retention-reason').fill('二号硬盘到货前临时缩短');
    await save.click();
    const reason = '低于法定最低期限：“二号硬盘到货前临时缩短”';
    await forecast.getByText(reason).waitFor();

    const report = (await installer.value('video.storage', {}))!;
    expect(report.retention.months).toBe(6);
    expect(report.retention.override?.actor).toBe('installer');
    const audit = await installer.value('audit.recent',
      { action: 'recording.retention.override', limit: 5 });
    expect(audit[0]?.actor).toBe('installer');
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('shows the manager exactly the core\'s storage alarms on the Lanes page', async () => {
    const manager = await new ApiClient(demo.ready.ui).login('manager', 'manager-demo');
    const report = (await manager.value('video.storage', { refresh: true }))!;

    const { page } = browser;
    await page.getByTestId('logout').click();
    await logIn(page, demo.ready.ui, 'manager', 'manager-demo');
    await page.getByTestId('lane-lane-1').waitFor();
    const alarms = page.locator('[data-testid^="storage-alarm-"]');
    await expect.poll(() => alarms.count()).toBe(report.alarms.length);
    expect(await alarms.evaluateAll((a) => a.map((x) => x.getAttribute('data-testid'))))
      .toEqual(report.alarms.map((a) => `storage-alarm-${a}`));
  }, 60_000);
});
