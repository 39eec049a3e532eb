// A carrier's vehicle sheet, as a fleet sends the officer: N trucks in the ledger's import
// columns, every row valid (real VIN check digits, plates of the national grammar). The demo's
// training mode, the import tests and the bench import it.
import ExcelJS from 'exceljs';
import { vinCheckDigit } from '../ledger/checks/vin.ts';

const HEADER = [
  '号牌号码', '号牌颜色', '注册日期', '车辆识别代号', '发动机号码',
  '排放阶段', '车队名称', '车辆类型', '品牌型号', '燃料种类',
  '使用性质', '所有人', '排放判定依据种类',
];

/** The i-th truck's VIN: a real manufacturer prefix, a serial from i, the right check digit. */
export function sheetVin(i: number): string {
  const draft = `LFV2A21K0D${String(400000 + i).padStart(7, '0')}`.slice(0, 17);
  return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
}

/** The i-th truck's plate: 豫 and an authority letter, five digits. */
export const sheetPlate = (i: number) =>
  `豫${'ABCDEFGHJK'[Math.floor(i / 100_000) % 10]}${String(i % 100_000).padStart(5, '0')}`;

export function carrierRow(i: number, fleet = '郑州顺达物流'): Array<string | number> {
  const stage = i % 3 === 0 ? '国六' : '国五';
  const date = i % 3 === 0 ? '20220315' : '20180520';
  return [sheetPlate(i), '黄色', date, sheetVin(i), `WP10-${i}`, stage, fleet, 'H11',
    '解放 CA4250', '柴油', '货运', `${fleet}有限公司`, 'ENV_LIST'];
}

export async function carrierSheet(count: number, first = 0): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('运输车辆');
  sheet.addRow(HEADER);
  for (let i = first; i < first + count; i++) sheet.addRow(carrierRow(i));
  return Buffer.from(await book.xlsx.writeBuffer());
}
