// Writing the ledgers in Debian's Chromium against the demo: an officer registers a truck with
// a photo of its 随车清单, the core's VIN check shown at the VIN field until it is fixed, then
// blacklists it with a reason and the entry lane denies it with that reason; a guard records a
// visit's cargo and the officer corrects it, the correction shown as such with who and why; a
// machine's nameplate is on file and its urea fill is logged with the receipt.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_CAMERA_1_MAC } from '../../electron/config/demo-site.ts';
import { buildHikvisionPush, loadDemoImages, sendPush } from '../../electron/sim/lpr-sender.ts';
import { ApiClient } from '../support/api.ts';
import { startLedgerDemo, type LedgerDemo } from '../support/ledger-demo.ts';
import { dismiss, logIn, type Browser } from '../support/browser.ts';
import {
  uploadJpeg, vinWithCheckDigit, vinWithWrongCheckDigit,
} from '../support/ledger-fixtures.ts';
import { waitFor, type DemoReady, type Started } from '../support/processes.ts';

const images = loadDemoImages();
let dir: string;
let world: LedgerDemo;
let demo: Started<DemoReady>;
let browser: Browser;

/** How long the page may take to show what the core answered, on a loaded 2-core machine. */
const SEEN = { timeout: 15_000 };

beforeAll(async () => {
  world = await startLedgerDemo('ledger-forms');
  ({ dir, demo, browser } = world);
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

/** Picks an option the way a keyboard user does: type part of its name, take the match. */
async function pick(page: Page, testId: string, option: string): Promise<void> {
  const select = page.getByTestId(testId);
  const box = select.locator('[role="combobox"]');
  await select.click();
  // A click on a select that kept the focus may close it again.
  if ((await box.getAttribute('aria-expanded')) !== 'true') await select.click();
  await expect.poll(() => box.getAttribute('aria-expanded'), SEEN).toBe('true');
  await page.keyboard.type(option);
  await page.keyboard.press('Enter');
  await expect.poll(() => select.textContent(), SEEN).toContain(option);
}

/** The messages antd shows under the form field holding this input. */
function fieldErrors(page: Page, testId: string) {
  return page.locator('.ant-form-item', { has: page.getByTestId(testId) })
    .locator('.ant-form-item-explain-error');
}

describe('registering a truck', () => {
  it('shows the core\'s VIN check at the field, saves once fixed, edits as a version', async () => {
    const { page } = browser;
    await logIn(page, demo.ready.ui, 'officer', 'officer-demo');
    await page.goto(`${demo.ready.ui}#/vehicles`);
    await page.getByTestId('ledger-new').click();

    const drawer = page.getByTestId('ledger-drawer');
    await drawer.getByTestId('ledger-field-plate').fill('冀E12345');
    await pick(page, 'ledger-field-plateColor', '黄牌');
    await drawer.getByTestId('ledger-field-vin').fill(vinWithWrongCheckDigit('LFWSRXRJ0N1000401'));
    await drawer.getByTestId('ledger-field-engineNo').fill('CA6DM000401');
    await pick(page, 'ledger-field-emissionStage', '国六');
    await pick(page, 'ledger-field-stageEvidenceKind', '随车清单');
    await pick(page, 'ledger-field-fuel', 'B 柴油');
    await drawer.getByTestId('ledger-field-vehicleType').fill('H11');
    await drawer.getByTestId('ledger-field-fleet').fill('顺达物流');

    const photo = join(dir, '随车清单.jpg');
    writeFileSync(photo, images.scene);
    await pick(page, 'ledger-photo-kind', '随车清单');
    await drawer.locator('input[type=file]').setInputFiles(photo);
    await drawer.locator('.ledger-photo[data-kind="env-list"] img').waitFor({ timeout: 15_000 });

    await drawer.getByTestId('ledger-form-save').click();
    await expect.poll(() => fieldErrors(page, 'ledger-field-vin').textContent(), SEEN)
      .toMatch(/校验位应为\d，实为\d/);

    await drawer.getByTestId('ledger-field-vin').fill(vinWithCheckDigit('LFWSRXRJ0N1000401'));
    await drawer.getByTestId('ledger-form-save').click();
    await drawer.waitFor({ state: 'hidden', timeout: 15_000 });

    await page.getByTestId('ledger-row-冀E12345').click();
    await drawer.locator('.ledger-photo[data-kind="env-list"] img').waitFor({ timeout: 15_000 });
    expect(await drawer.locator('[data-field="vin"]').textContent())
      .toBe(vinWithCheckDigit('LFWSRXRJ0N1000401'));
    expect(await drawer.locator('[data-field="fleet"]').textContent()).toBe('顺达物流');

    // The truck changes carrier: the edit is version 2, the plate stays as it was registered.
    await drawer.getByTestId('ledger-edit').click();
    expect(await drawer.getByTestId('ledger-field-plate').isDisabled()).toBe(true);
    await drawer.getByTestId('ledger-field-fleet').fill('宏运车队');
    await drawer.getByTestId('ledger-form-save').click();
    await expect.poll(() => drawer.locator('[data-field="fleet"]').textContent(), SEEN)
      .toBe('宏运车队');
    expect(await drawer.locator('.ant-timeline-item').first().textContent())
      .toMatch(/^第 2 版：officer，/);
    await dismiss(page, drawer);
    await drawer.waitFor({ state: 'hidden' });
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('is blacklisted with a reason in the form, and denied at the entry lane with it',
    async () => {
      const { page } = browser;
      await page.getByTestId('ledger-row-冀E12345').click();
      const drawer = page.getByTestId('ledger-drawer');
      await drawer.getByTestId('ledger-edit').click();

      // A blacklist without a reason is refused at the reason: the guard would see no cause.
      await drawer.getByTestId('ledger-field-blacklisted').click();
      await drawer.getByTestId('ledger-form-save').click();
      await expect.poll(() => fieldErrors(page, 'ledger-field-blacklistReason').textContent(),
        SEEN).toBe('列入黑名单须写明原因（门岗放行时会看到）');

      await drawer.getByTestId('ledger-field-blacklistReason').fill('冒用号牌，已报交警');
      await drawer.getByTestId('ledger-form-save').click();
      await expect.poll(() => drawer.locator('[data-field="blacklistReason"]').textContent(),
        SEEN).toBe('冒用号牌，已报交警');
      expect(await drawer.locator('[data-field="blacklisted"]').textContent()).toBe('是');
      expect(await drawer.locator('[data-field="authorisedLanes"]').textContent())
        .toBe('不限（全部车道）');
      await dismiss(page, drawer);
      await drawer.waitFor({ state: 'hidden' });

      const push = buildHikvisionPush({ plate: '冀E12345', color: 'yellow', uuid: randomUUID(),
        dateTime: new Date().toISOString(), images, mac: DEMO_CAMERA_1_MAC });
      expect((await sendPush(`http://127.0.0.1:${demo.ready.lprPort}/lpr/hikvision/cam-1`,
        push)).status).toBe(200);
      const api = await new ApiClient(demo.ready.ui).login('officer', 'officer-demo');
      const passage = await waitFor('the blacklisted truck\'s passage', async () =>
        (await api.value('passages.recent', { laneId: 'lane-1', limit: 20 }))
          .find((p) => p.plate === '冀E12345'), 15_000, 100);
      expect(passage).toMatchObject({ direction: 'in', decision: 'deny',
        reasonCode: 'BLACKLISTED',
        reasonZh: '黑名单车辆，禁止通行：冒用号牌，已报交警',
        barrier: 'not-commanded' });

      await page.getByTestId('ledger-filter-status').click();
      await page.keyboard.type('黑名单');
      await page.keyboard.press('Enter');
      await page.getByTestId('ledger-filter-submit').click();
      await expect.poll(() => page.locator('tr.ledger-row').count(), SEEN).toBe(1);
      await page.getByTestId('ledger-row-冀E12345').waitFor({ timeout: 15_000 });
      expect(browser.errors).toEqual([]);
    }, 60_000);
});

describe('a visit\'s cargo', () => {
  it('is recorded by the guard and corrected by the officer, shown as a correction', async () => {
    const push = buildHikvisionPush({ plate: '豫A12345', color: 'yellow', uuid: randomUUID(),
      dateTime: new Date().toISOString(), images, mac: DEMO_CAMERA_1_MAC });
    expect((await sendPush(`http://127.0.0.1:${demo.ready.lprPort}/lpr/hikvision/cam-1`, push))
      .status).toBe(200);
    const api = await new ApiClient(demo.ready.ui).login('guard', 'guard-demo');
    const visit = await waitFor('the visit', async () =>
      (await api.value('ledger.visits.list', { plate: '豫A12345' })).rows[0], 15_000, 100);

    const { page } = browser;
    await page.getByTestId('logout').click();
    await logIn(page, demo.ready.ui, 'guard', 'guard-demo');
    await page.goto(`${demo.ready.ui}#/visits`);
    await page.getByTestId(`ledger-row-${visit.id}`).click();
    const drawer = page.getByTestId('ledger-drawer');
    await drawer.locator('.ledger-photo[data-direction="in"] img').first()
      .waitFor({ timeout: 15_000 });
    await drawer.getByTestId('ledger-cargo-name').fill('水泥熟料');
    await drawer.getByTestId('ledger-cargo-tonnage').fill('32.5');
    await drawer.getByTestId('ledger-cargo-save').click();
    await expect.poll(() => drawer.getByTestId('ledger-cargo-history').textContent(), SEEN)
      .toContain('水泥熟料 32.5 吨');
    await dismiss(page, drawer);
    await drawer.waitFor({ state: 'hidden' });

    await page.getByTestId('logout').click();
    await logIn(page, demo.ready.ui, 'officer', 'officer-demo');
    await page.goto(`${demo.ready.ui}#/visits`);
    await page.getByTestId(`ledger-row-${visit.id}`).click();
    await drawer.getByTestId('ledger-cargo-tonnage').fill('33');
    await drawer.getByTestId('ledger-cargo-save').click();
    await expect.poll(() => fieldErrors(page, 'ledger-cargo-reason').textContent(), SEEN)
      .toBe('更正须写明原因');
    await drawer.getByTestId('ledger-cargo-reason').fill('地磅复称');
    await drawer.getByTestId('ledger-cargo-save').click();

    const history = drawer.getByTestId('ledger-cargo-history');
    await expect.poll(() => history.textContent(), SEEN).toContain('水泥熟料 33 吨');
    // Oldest first: the guard's entry, then the officer's correction with its reason.
    const entries = await history.locator('.ant-timeline-item')
      .evaluateAll((items) => items.map((item) => item.textContent));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(/^水泥熟料 32\.5 吨guard 于 [\d/: ]+填写$/);
    expect(entries[1]).toMatch(/^水泥熟料 33 吨officer 于 [\d/: ]+填写更正地磅复称$/);
    const row = page.getByTestId(`ledger-row-${visit.id}`);
    await expect.poll(() => row.textContent(), SEEN).toContain('更正');
    await dismiss(page, drawer);
    await drawer.waitFor({ state: 'hidden' });
    expect(browser.errors).toEqual([]);
  }, 90_000);
});

describe('a machine and its urea log', () => {
  it('shows the machine\'s nameplate and logs a urea fill with its receipt', async () => {
    const api = await new ApiClient(demo.ready.ui).login('officer', 'officer-demo');
    const nameplate = await uploadJpeg(api, images.plate);
    const saved = await api.value('ledger.machinery.create', {
      envRegistrationCode: '冀B-F-000123', productionDate: '2021-05-10', emissionStage: '4',
      stageEvidenceKind: 'ENV_LIST', machineCode: 'LGMG0000123', machineType: '装载机',
      fuel: 'B', powerKw: 162, documents: [{ kind: 'engine-nameplate', sha256: nameplate }],
    });
    expect(saved.record?.envRegistrationCode).toBe('冀B-F-000123');

    const { page } = browser;
    await page.goto(`${demo.ready.ui}#/machinery`);
    await page.getByTestId('ledger-row-冀B-F-000123').click();
    const drawer = page.getByTestId('ledger-drawer');
    await drawer.getByTestId(`photo-${nameplate}`).waitFor({ timeout: 15_000 });
    expect(await drawer.locator('[data-field="machineType"]').textContent()).toBe('装载机');
    await dismiss(page, drawer);
    await drawer.waitFor({ state: 'hidden' });

    await page.goto(`${demo.ready.ui}#/logs`);
    await page.getByTestId('ledger-new').click();
    await pick(page, 'ledger-field-kind', '加尿素');
    await pick(page, 'ledger-field-subjectKind', '非道路机械');
    await pick(page, 'ledger-field-subjectId', '冀B-F-000123');
    await pick(page, 'ledger-field-fill', '车用尿素');
    await drawer.getByTestId('ledger-field-quantity').fill('20');
    await pick(page, 'ledger-field-unit', '千瓦时');
    await drawer.getByTestId('ledger-field-supplier').fill('河南绿源化工');

    const receipt = join(dir, '尿素票据.jpg');
    writeFileSync(receipt, images.scene);
    await drawer.locator('input[type=file]').setInputFiles(receipt);
    await drawer.locator('.ledger-photo[data-kind="receipt"] img').waitFor({ timeout: 15_000 });

    // Urea is not measured in kWh: the core says so at the unit.
    await drawer.getByTestId('ledger-form-save').click();
    await expect.poll(() => fieldErrors(page, 'ledger-field-unit').textContent(), SEEN)
      .toContain('kWh');
    // Cleared first: a search keeps pointing at the old choice, which it no longer lists.
    await page.getByTestId('ledger-field-unit').hover();
    await page.getByTestId('ledger-field-unit').locator('.ant-select-clear').click();
    await pick(page, 'ledger-field-unit', '升');
    await drawer.getByTestId('ledger-form-save').click();
    await drawer.waitFor({ state: 'hidden', timeout: 15_000 });

    const row = page.locator('tr.ledger-row').first();
    await expect.poll(() => row.textContent(), SEEN).toContain('冀B-F-000123');
    const text = await row.textContent();
    expect(text).toContain('加尿素');
    expect(text).toContain('20 L');
    expect(text).toContain('officer');
    expect(browser.errors).toEqual([]);
  }, 90_000);
});
