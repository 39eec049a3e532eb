// Reads the first sheet of an xlsx file, or a CSV file (UTF-8 with or without a byte-order
// mark, or GBK as Excel on Chinese Windows saves it), into a header row and text cells. Every
// cell comes back as the text a person sees: Excel dates as yyyy-MM-dd, numbers as written,
// formulas as their cached result. A file that is neither is refused with the reason.
// Carriers put a merged title row, a date line or a blank row above the header: the header is
// the first row that names the most columns the caller knows (by default the first row).
import { isUtf8 } from 'node:buffer';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { excelDate } from '../export/cells.ts';

export interface Sheet {
  header: string[];
  /** The header's own row number in the sheet (1 unless rows stand above it). */
  headerRow: number;
  /** Data rows below the header, with the sheet's own row number. */
  rows: Array<{ row: number; cells: string[] }>;
}

/** How many of a row's cells name a column the caller knows. */
export type HeaderScore = (cells: readonly string[]) => number;

/** Rows searched for the header: a title, a subtitle, a date line and blanks fit well within. */
export const HEADER_SEARCH_ROWS = 10;

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: the Excel 97–2003 .xls that older offices still send. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Buffer, signature: number[]) =>
  signature.every((b, i) => bytes[i] === b);
export const isXlsx = (bytes: Buffer) => startsWith(bytes, ZIP_SIGNATURE);

/** Throws with the reason when the bytes are no sheet this reads. */
export async function readSheet(bytes: Buffer, score: HeaderScore = () => 0): Promise<Sheet> {
  const table = isXlsx(bytes) ? await readXlsx(bytes) : readCsv(csvText(bytes));
  const filled = table
    .map((cells, i) => ({ row: i + 1, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  const at = headerIndex(filled.slice(0, HEADER_SEARCH_ROWS).map((r) => score(r.cells)));
  const header = filled[at];
  if (!header) throw new Error('the sheet has no header row');

  return { header: header.cells.map((h) => h.trim()), headerRow: header.row,
    rows: filled.slice(at + 1) };
}

/** The first row of the highest score; the first row when none scores. */
function headerIndex(scores: readonly number[]): number {
  let best = 0;
  scores.forEach((s, i) => {
    if (s > scores[best]!) best = i;
  });
  return best;
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) return [];

  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    table[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(table, (r) => r ?? []);
}

/**
 * A CSV file's text. Not valid UTF-8 means GBK (read as its superset GB18030): Excel on Chinese
 * Windows saves "CSV (逗号分隔)" in the system's code page. A NUL byte is no text file at all.
 */
function csvText(bytes: Buffer): string {
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw new Error('an Excel 97–2003 workbook (.xls): save it as .xlsx and import that');
  }
  if (bytes.includes(0)) throw new Error('neither an .xlsx workbook nor a CSV text file');

  return isUtf8(bytes) ? bytes.toString('utf8') : iconv.decode(bytes, 'gb18030');
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return excelDate(value);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
export function readCsv(text: string): string[][] {
  const src = text.startsWith('\ufeff') ? text.slice(1) : text;
  const table: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;

  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    table.push(row);
    row = [];
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted && c === '"' && src[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) table.push([...row, field]);
  return table;
}
