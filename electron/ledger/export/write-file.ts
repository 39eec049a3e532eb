// Writes an export source to xlsx or CSV bytes, a page at a time, pausing between pages so the
// lanes' pushes are answered while a long export runs. CSV is UTF-8 with a byte-order mark
// (Excel on a Chinese Windows opens it as GBK otherwise) and CRLF line ends (RFC 4180).
import { PassThrough } from 'node:stream';
import { setImmediate as yieldToLanes } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { Cell, ExportSource } from './sources.ts';

/** Rows per page: large enough to be quick, small enough that a lane waits milliseconds. */
export const EXPORT_PAGE_ROWS = 1_000;
const BOM = '\ufeff';

export interface WriteOptions {
  onProgress?: (done: number, total: number) => void;
  sheetName?: string;
}

export async function writeExport(source: ExportSource, format: 'xlsx' | 'csv',
  options: WriteOptions = {}): Promise<{ bytes: Buffer; rows: number }> {
  return format === 'csv' ? writeCsv(source, options) : writeXlsx(source, options);
}

async function eachPage(source: ExportSource, options: WriteOptions,
  take: (cells: Cell[][]) => void): Promise<number> {
  let after = 0;
  let done = 0;
  for (;;) {
    const page = source.page(after, EXPORT_PAGE_ROWS);
    if (page.cells.length === 0) break;
    take(page.cells);
    done += page.cells.length;
    after = page.last;
    options.onProgress?.(done, source.total);
    await yieldToLanes();
  }
  return done;
}

/** One CSV field: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: Cell): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function writeCsv(source: ExportSource, options: WriteOptions) {
  const lines: string[] = [source.columns.map((c) => csvField(c.zh)).join(',')];
  const rows = await eachPage(source, options, (cells) => {
    for (const row of cells) lines.push(row.map(csvField).join(','));
  });
  return { bytes: Buffer.from(`${BOM}${lines.join('\r\n')}\r\n`, 'utf8'), rows };
}

async function writeXlsx(source: ExportSource, options: WriteOptions) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));

  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false,
    useStyles: false });
  const sheet = book.addWorksheet(options.sheetName ?? 'ledger');
  sheet.addRow(source.columns.map((c) => c.zh)).commit();
  const rows = await eachPage(source, options, (cells) => {
    for (const row of cells) sheet.addRow(row).commit();
  });
  sheet.commit();
  await book.commit();
  await ended;
  return { bytes: Buffer.concat(chunks), rows };
}
