// Import and export of the transport vehicle ledger in Debian's Chromium against the demo: a
// carrier's .xlsx built here with exceljs, with a wrong VIN check digit, a plate of no known
// form, text in a number column and a plate given twice, is previewed with each bad row by row
// and column, and only after the officer confirms are the good rows imported. The export the
// browser saves reads back, in exceljs and as CSV, in the regulation's column order. A sheet of
// 5 000 trucks shows its progress while it is checked and imported.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/api.ts';
import { startLedgerDemo, type LedgerDemo } from '../support/ledger-demo.ts';
import { logIn, type Browser } from '../support/browser.ts';
import { vinWithCheckDigit, vinWithWrongCheckDigit } from '../support/ledger-fixtures.ts';
import type { DemoReady, Started } from '../support/processes.ts';

let dir: string;
let world: LedgerDemo;
let demo: Started<DemoReady>;
let browser: Browser;
let api: ApiClient;

/** Table A of the 2020 guideline, with the plate colour beside the plate (domain.md §1.5.1). */
const REGULATION_HEAD = ['号牌号码', '号牌颜色', '注册日期', '车辆识别代号',
  '发动机号码', '排放阶段', '随车清单', '行驶证', '车队名称'];

beforeAll(async () => {
  world = await startLedgerDemo('ledger-io');
  ({ dir, demo, browser } = world);
  api = await new ApiClient(demo.ready.ui).login('officer', 'officer-demo');
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

/** The header as the officer's template has it, without the required-field marks. */
async function templateHeader(): Promise<string[]> {
  const template = await api.value('ledger.import.template', { ledger: 'vehicles' });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(template.base64, 'base64') as unknown as ArrayBuffer);
  const row = book.worksheets[0]!.getRow(1).values as unknown[];
  return row.slice(1).map((cell) => String(cell).replace(/^\*/, '')
    .replace(/[（(]必填[)）]$/, '').trim());
}

const letter = (index: number) => String.fromCharCode(65 + index);

/** A row the core accepts: a China-VI diesel tractor of one carrier, every field filled. */
function goodRow(plate: string, serial: string): Record<string, string | number> {
  return {
    号牌号码: plate, 号牌颜色: '黄色', 注册日期: '2022-03-15',
    车辆识别代号: vinWithCheckDigit(`LFWSRXRJ0N1${serial}`),
    发动机号码: `CA6DM${serial}`, 排放阶段: '国六', 车队名称: '通达运输',
    车辆类型: 'H11', 品牌型号: '解放牌CA4250', 联网状态: '是',
    排放判定依据种类: 'ENV_LIST', 排放判定依据: `随车清单 ${serial}`,
    燃料种类: '柴油', 使用性质: '货运', 所有人: '通达运输有限公司',
  };
}

async function writeSheet(header: string[], rows: Record<string, string | number>[],
  name: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('车辆');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(header.map((column) => row[column] ?? null));
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));
  return path;
}

/** A carrier's sheet: rows 2 and 7 are good, rows 3–6 each carry one mistake. */
async function carrierSheet(header: string[]): Promise<string> {
  const good = goodRow;
  const rows = [
    good('冀D10001', '000301'),
    { ...good('冀D10002', '000302'),
      车辆识别代号: vinWithWrongCheckDigit('LFWSRXRJ0N1000302') },
    { ...good('冀1D0003', '000303') },
    { ...good('冀D10004', '000304'), '核定载质量(kg)': '三十吨' },
    good('冀D10001', '000305'),
    good('冀D10007', '000307'),
  ];
  return writeSheet(header, rows, '通达运输车辆.xlsx');
}

async function problemsShown(page: Page): Promise<string[]> {
  return page.locator('[data-testid="ledger-import-errors"] tr.ledger-import-problem')
    .evaluateAll((trs) => trs.map((tr) =>
      `${tr.getAttribute('data-row')}${tr.getAttribute('data-column')}`));
}

async function plateCount(prefix: string): Promise<number> {
  return (await api.value('ledger.vehicles.list', { search: prefix })).total;
}

describe('importing a carrier\'s Excel sheet', () => {
  it('shows the bad rows by row and column and imports the good ones after confirm', async () => {
    const header = await templateHeader();
    const column = (name: string) => letter(header.indexOf(name));
    const path = await carrierSheet(header);

    const { page } = browser;
    await logIn(page, demo.ready.ui, 'officer', 'officer-demo');
    await page.goto(`${demo.ready.ui}#/vehicles`);
    await page.getByTestId('ledger-import').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(path);

    const counts = page.getByTestId('ledger-import-counts');
    await counts.waitFor({ timeout: 60_000 });
    expect(await counts.textContent()).toBe('共 6 行：2 行可导入，4 行有错误');
    expect((await problemsShown(page)).sort()).toEqual([
      `3${column('车辆识别代号')}`, `4${column('号牌号码')}`,
      `5${column('核定载质量(kg)')}`, `6${column('号牌号码')}`,
    ].sort());
    const vinProblem = page.getByTestId('ledger-import-errors')
      .locator('tr.ledger-import-problem[data-row="3"]');
    expect(await vinProblem.textContent()).toContain('校验位');
    expect(await plateCount('冀D1000')).toBe(0);

    await page.getByTestId('ledger-import-confirm').click();
    const result = page.getByTestId('ledger-import-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toBe('导入 2 行，跳过 4 行（重复 0）');
    expect(await plateCount('冀D1000')).toBe(2);
    await page.getByTestId('ledger-import-close').click();
    expect(browser.errors).toEqual([]);
  });
});

describe('exporting the ledger', () => {
  it('saves an Excel file in the regulation\'s column order with the filtered rows', async () => {
    const { page } = browser;
    await page.getByTestId('ledger-search').fill('冀D1000');
    await page.getByTestId('ledger-filter-submit').click();
    await expect.poll(() => page.getByTestId('ledger-total').textContent(),
      { timeout: 15_000 }).toBe('2');

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('ledger-export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const head = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(head.slice(0, REGULATION_HEAD.length)).toEqual(REGULATION_HEAD);
    const plates = [2, 3].map((n) => String(sheet.getRow(n).getCell(1).value)).sort();
    expect(plates).toEqual(['冀D10001', '冀D10007']);
    expect(sheet.rowCount).toBe(3);
  });

  it('saves a CSV a Chinese Excel opens, with the same columns and rows', async () => {
    const { page } = browser;
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('ledger-export-csv').click(),
    ]);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.split(',').slice(0, REGULATION_HEAD.length)).toEqual(REGULATION_HEAD);
    expect(lines.slice(1).map((line) => line.split(',')[0]).sort())
      .toEqual(['冀D10001', '冀D10007']);
    expect(browser.errors).toEqual([]);
  });
});

/** Records in the page whether a progress bar was ever on screen, and its last percentage. */
async function watchProgress(page: Page,
  selector = '[data-testid="ledger-import-busy"] .ant-progress'): Promise<void> {
  await page.evaluate((barSelector) => {
    const seen = window as unknown as { progressSeen?: string[] };
    seen.progressSeen = [];
    new MutationObserver(() => {
      const bar = document.querySelector(barSelector);
      if (bar) seen.progressSeen!.push(bar.getAttribute('aria-valuenow') ?? '');
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  }, selector);
}

describe('a long import', () => {
  it('shows its progress while 5 000 trucks are checked, imported and exported', async () => {
    const header = await templateHeader();
    const rows = Array.from({ length: 5_000 }, (_, i) =>
      goodRow(`冀F${String(i).padStart(5, '0')}`, String(100_000 + i)));
    const path = await writeSheet(header, rows, '5000辆.xlsx');

    const { page } = browser;
    await page.getByTestId('ledger-import').click();
    await watchProgress(page);
    await page.locator('.ant-modal input[type=file]').setInputFiles(path);
    const counts = page.getByTestId('ledger-import-counts');
    await counts.waitFor({ timeout: 120_000 });
    expect(await counts.textContent()).toBe('共 5000 行：5000 行可导入，0 行有错误');

    await page.getByTestId('ledger-import-confirm').click();
    const result = page.getByTestId('ledger-import-result');
    await result.waitFor({ timeout: 300_000 });
    expect(await result.textContent()).toBe('导入 5000 行，跳过 0 行（重复 0）');
    const seen = await page.evaluate(() =>
      (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.length).toBeGreaterThan(0);
    expect(await plateCount('冀F')).toBe(5_000);
    await page.getByTestId('ledger-import-close').click();

    // The 5 000 exported, with the export's own progress on the way.
    await page.getByTestId('ledger-search').fill('冀F');
    await page.getByTestId('ledger-filter-submit').click();
    await watchProgress(page, '[data-testid="ledger-export-progress"]');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByTestId('ledger-export-csv').click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(5_001);
    const exportSeen = await page.evaluate(() =>
      (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(exportSeen.length).toBeGreaterThan(0);
    expect(browser.errors).toEqual([]);
  }, 600_000);
});
