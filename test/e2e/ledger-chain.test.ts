// The passages' hash chain in Debian's Chromium against the demo: an officer exports the
// passages with their chain, and the export verifies; after someone edits a stored passage
// behind the program's back, the database no longer verifies and the earlier export no longer
// matches it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMERA_1_MAC } from '../../electron/config/demo-site.ts';
import { openDatabase } from '../../electron/db/database.ts';
import { buildHikvisionPush, loadDemoImages, sendPush } from '../../electron/sim/lpr-sender.ts';
import { ApiClient } from '../support/api.ts';
import { startLedgerDemo, type LedgerDemo } from '../support/ledger-demo.ts';
import { logIn, type Browser } from '../support/browser.ts';
import { waitFor, type DemoReady, type Started } from '../support/processes.ts';

const images = loadDemoImages();
let dir: string;
let world: LedgerDemo;
let demo: Started<DemoReady>;
let browser: Browser;
let exported: string;

beforeAll(async () => {
  world = await startLedgerDemo('ledger-chain');
  ({ dir, demo, browser } = world);

  for (const plate of ['豫A12345', '豫A54321']) {
    const push = buildHikvisionPush({ plate, color: 'yellow', uuid: randomUUID(),
      dateTime: new Date().toISOString(), images, mac: DEMO_CAMERA_1_MAC });
    const url = `http://127.0.0.1:${demo.ready.lprPort}/lpr/hikvision/cam-1`;
    expect((await sendPush(url, push)).status).toBe(200);
  }
  const api = await new ApiClient(demo.ready.ui).login('officer', 'officer-demo');
  await waitFor('both passages', async () =>
    (await api.value('passages.search', {})).total === 2 ? true : undefined, 15_000, 100);
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

const verdict = () => browser.page.getByTestId('chain-verdict');

/** Uploads the workbook to "verify an export" and returns the verdict's fault and its words. */
async function verdictOn(book: ExcelJS.Workbook, name: string): Promise<[string, string]> {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
  const before = await verdict().textContent();
  await browser.page.locator('.ledger-chain input[type=file]').setInputFiles(file);
  await expect.poll(() => verdict().textContent(), { timeout: 60_000 }).not.toBe(before);
  const fault = await verdict().getAttribute('data-fault');
  return [String(fault), String(await verdict().textContent())];
}

describe('the passages\' hash chain', () => {
  it('exports the passages, and the export verifies against the database', async () => {
    const { page } = browser;
    await logIn(page, demo.ready.ui, 'officer', 'officer-demo');
    await page.goto(`${demo.ready.ui}#/visits`);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('chain-export').click(),
    ]);
    exported = join(dir, download.suggestedFilename());
    await download.saveAs(exported);

    await page.locator('.ledger-chain input[type=file]').setInputFiles(exported);
    await verdict().waitFor({ timeout: 60_000 });
    expect(await verdict().getAttribute('data-ok')).toBe('true');
    expect(await verdict().textContent())
      .toBe('哈希链完整：2 条记录均未被改动与数据库中的记录一致。');
  });

  it('says in Chinese why an edited export fails, and that a vehicle sheet is no chain',
    async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync(exported) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const plateColumn = (sheet.getRow(1).values as unknown[]).indexOf('号牌号码');
      sheet.getRow(3).getCell(plateColumn).value = '豫A54320';
      expect(await verdictOn(book, 'edited.xlsx')).toEqual(['export-edited',
        '哈希链断裂：自序号 2 起的记录不可信该行的内容与其哈希不符：导出文件被改动过。'
        + '与数据库中的记录不一致。']);

      const vehicles = new ExcelJS.Workbook();
      vehicles.addWorksheet('车辆').addRow(['号牌号码', '号牌颜色']);
      expect(await verdictOn(vehicles, 'vehicles.xlsx')).toEqual(['not-chain-export',
        '这不是过车记录哈希链导出文件：请选择“导出过车记录（含哈希链）”导出的文件']);
    });

  it('finds a passage changed in the database, and the export no longer matches', async () => {
    const db = openDatabase(join(dir, 'data', 'gatehouse.db'));
    try {
      db.prepare("UPDATE passages SET plate = '豫A99999' WHERE plate = '豫A54321'").run();
    } finally {
      db.close();
    }

    const { page } = browser;
    await page.getByTestId('chain-verify-db').click();
    await expect.poll(() => verdict().getAttribute('data-ok'), { timeout: 60_000 })
      .toBe('false');
    expect(await verdict().textContent())
      .toBe('哈希链断裂：自序号 2 起的记录不可信数据库中的这条记录被改动过。');

    await page.locator('.ledger-chain input[type=file]').setInputFiles(exported);
    await expect.poll(() => verdict().textContent(), { timeout: 60_000 })
      .toContain('与数据库中的记录不一致。');
    expect(browser.errors).toEqual([]);
  });
});
