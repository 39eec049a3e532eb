// The ledger pages in Debian's Chromium against the demo started as a user starts it: an
// officer finds carriers' trucks by search, stage, fuel, fleet and missing documents, opens one
// and sees its document photos, draws an inspection sample; the roles see what the contract
// lets them see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadDemoImages } from '../../electron/sim/lpr-sender.ts';
import { ApiClient } from '../support/api.ts';
import { startLedgerDemo, type LedgerDemo } from '../support/ledger-demo.ts';
import { dismiss, logIn, type Browser } from '../support/browser.ts';
import { registerVehicle, truck, uploadJpeg } from '../support/ledger-fixtures.ts';
import type { DemoReady, Started } from '../support/processes.ts';

const images = loadDemoImages();
let dir: string;
let world: LedgerDemo;
let demo: Started<DemoReady>;
let browser: Browser;
let envListPhoto: string;
let licencePhoto: string;

beforeAll(async () => {
  world = await startLedgerDemo('ledger-ui');
  ({ dir, demo, browser } = world);

  // Three trucks of two carriers: one with its 随车清单 and licence, one with no document at
  // all, one gas-fuelled with its licence only.
  const api = await new ApiClient(demo.ready.ui).login('officer', 'officer-demo');
  envListPhoto = await uploadJpeg(api, images.scene);
  licencePhoto = await uploadJpeg(api, images.plate);
  await registerVehicle(api, truck('冀B6G001', '000101', { documents: [
    { kind: 'env-list', sha256: envListPhoto }, { kind: 'licence-front', sha256: licencePhoto },
  ] }));
  await registerVehicle(api, truck('冀B6G002', '000102', { emissionStage: '5',
    stageEvidenceKind: 'REG_DATE', registrationDate: '2019-06-01' }));
  await registerVehicle(api, truck('冀B6G003', '000103', { fuel: 'E', fleet: '宏运车队',
    owner: '宏运车队', documents: [{ kind: 'licence-front', sha256: licencePhoto }] }));
  // Enough trucks for a sample of 7 whatever the demo registry holds.
  for (let n = 1; n <= 7; n++) {
    await registerVehicle(api, truck(`冀B7H00${n}`, `00020${n}`, { fleet: '宏运车队' }));
  }
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

/** The plates of the table's rows, in the order shown. */
/** Above Playwright's 30-s action timeout, so a stuck click fails with its call log. */
const TEST_MS = 60_000;

async function platesShown(page: Page): Promise<string[]> {
  const rows = page.locator('tr.ledger-row');
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')));
  return ids.map((id) => String(id).replace('ledger-row-', ''));
}

/** Submits the filter line and waits until the table shows what the core answered. */
async function search(page: Page, expected: string[]): Promise<void> {
  await page.getByTestId('ledger-filter-submit').click();
  await expect.poll(() => platesShown(page), { timeout: 15_000 }).toEqual(expected);
  expect(await page.getByTestId('ledger-total').textContent()).toBe(String(expected.length));
}

async function pick(page: Page, testId: string, optionTitle: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  await page.locator(`.ant-select-dropdown:visible [title="${optionTitle}"]`).click();
  await page.keyboard.press('Escape');
  await expect.poll(() => select.textContent(), { timeout: 15_000 }).toContain(optionTitle);
}

describe('the transport vehicle ledger', () => {
  it('finds trucks by search, stage, fuel, fleet and missing documents', async () => {
    const { page } = browser;
    await logIn(page, demo.ready.ui, 'officer', 'officer-demo');
    await page.getByTestId('nav-ledgers').click();
    await page.getByTestId('nav-vehicles').click();

    await page.getByTestId('ledger-search').fill('6G00');
    // Sorted by plate, ascending: a click on the column header.
    await page.locator('th', { hasText: '号牌号码' }).click();
    await search(page, ['冀B6G001', '冀B6G002', '冀B6G003']);

    await pick(page, 'ledger-filter-stages', '国六');
    await search(page, ['冀B6G001', '冀B6G003']);

    await pick(page, 'ledger-filter-fuels', '天然气');
    await search(page, ['冀B6G003']);

    await page.reload();
    await page.getByTestId('ledger-search').fill('6G00');
    await page.getByTestId('ledger-filter-fleet').fill('顺达物流');
    await page.getByTestId('ledger-filter-missing').check();
    await search(page, ['冀B6G002']);
    expect(await page.getByTestId('ledger-docs-missing').count()).toBe(1);
  }, TEST_MS);

  it('opens a truck in the drawer with its document photos', async () => {
    const { page } = browser;
    await page.getByTestId('ledger-filter-missing').uncheck();
    await page.getByTestId('ledger-filter-fleet').fill('');
    await page.getByTestId('ledger-filter-submit').click();

    await page.getByTestId('ledger-row-冀B6G001').click();
    const drawer = page.getByTestId('ledger-drawer');
    await drawer.getByTestId(`photo-${envListPhoto}`).waitFor({ timeout: 15_000 });
    await drawer.getByTestId(`photo-${licencePhoto}`).waitFor({ timeout: 15_000 });
    const src = await drawer.getByTestId(`photo-${envListPhoto}`).getAttribute('src');
    expect(src?.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(await drawer.locator('[data-kind="env-list"]').textContent()).toContain('随车清单');
    expect(await drawer.locator('[data-field="vin"]').textContent())
      .toBe(truck('冀B6G001', '000101').vin);
    await dismiss(page, drawer);
  }, TEST_MS);

  it('draws an inspection sample of 5 to 10 trucks with their evidence', async () => {
    const { page } = browser;
    await pick(page, 'ledger-sample-count', '7 条');
    await page.getByTestId('ledger-sample').click();

    const sample = page.getByTestId('ledger-sample-rows');
    await sample.waitFor({ timeout: 15_000 });
    expect(await sample.getAttribute('data-count')).toBe('7');
    const cards = sample.getByTestId('ledger-sample-row');
    expect(await cards.count()).toBe(7);
    const ids = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(7);
    await dismiss(page, sample);
    expect(browser.errors).toEqual([]);
  }, TEST_MS);
});

describe('who sees the ledgers', () => {
  it('gives a manager the exports but not the officer\'s forms', async () => {
    const { page } = browser;
    await page.getByTestId('logout').click();
    await logIn(page, demo.ready.ui, 'manager', 'manager-demo');
    await page.getByTestId('nav-ledgers').click();
    await page.getByTestId('nav-vehicles').click();

    await page.getByTestId('ledger-export-xlsx').waitFor();
    expect(await page.getByTestId('ledger-export-csv').count()).toBe(1);
    expect(await page.getByTestId('ledger-new').count()).toBe(0);
    expect(await page.getByTestId('ledger-import').count()).toBe(0);
  }, TEST_MS);

  it('shows a guard no registry, only the visits where cargo is entered', async () => {
    const { page } = browser;
    await page.getByTestId('logout').click();
    await logIn(page, demo.ready.ui, 'guard', 'guard-demo');
    await page.getByTestId('nav-ledgers').click();

    await page.getByTestId('nav-visits').waitFor();
    for (const registry of ['vehicles', 'inplant', 'machinery', 'logs']) {
      expect(await page.getByTestId(`nav-${registry}`).count(), registry).toBe(0);
    }
    await page.goto(`${demo.ready.ui}#/vehicles`);
    await page.getByTestId('ledger-forbidden').waitFor();
    expect(await page.locator('tr.ledger-row').count()).toBe(0);
  }, TEST_MS);
});
