import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readSheet } from './read-sheet.ts';

const CSV = '号牌号码,号牌颜色,车队名称\r\n豫A22222,黄色,顺达物流\r\n';

describe('reading an officer\'s sheet', () => {
  it('reads a CSV that Excel on Chinese Windows saved in GBK', async () => {
    const sheet = await readSheet(iconv.encode(CSV, 'gb18030'));

    expect(sheet.header).toEqual(['号牌号码', '号牌颜色', '车队名称']);
    expect(sheet.rows).toEqual([{ row: 2, cells: ['豫A22222', '黄色', '顺达物流'] }]);
  });

  it('reads the same CSV in UTF-8 with a byte-order mark', async () => {
    const sheet = await readSheet(Buffer.from(`\ufeff${CSV}`, 'utf8'));

    expect(sheet.header).toEqual(['号牌号码', '号牌颜色', '车队名称']);
    expect(sheet.rows[0]!.cells[2]).toBe('顺达物流');
  });

  it('refuses an Excel 97–2003 .xls workbook and says to save it as .xlsx', async () => {
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);

    await expect(readSheet(xls)).rejects.toThrow(/\.xls.*save it as \.xlsx/);
  });

  it('refuses a file that is neither a workbook nor text, such as a photo', async () => {
    const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');

    await expect(readSheet(jpeg)).rejects.toThrow(/neither an \.xlsx workbook nor a CSV/);
  });

  it('refuses a file without even a header row', async () => {
    await expect(readSheet(Buffer.from('\r\n\r\n', 'utf8'))).rejects.toThrow(/no header row/);
  });
});
