// The files an export hands back: their names (the ledger's Chinese name and the time, so a
// folder of exports sorts by date) and the empty import template, which is an export with no
// rows — the same columns in the same order.
import type { Column } from '../columns.ts';
import { IN_PLANT_COLUMNS, MACHINERY_COLUMNS, VEHICLE_COLUMNS } from '../columns.ts';
import { writeExport } from './write-file.ts';
import { writeTime } from './cells.ts';

export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

const LEDGER_NAMES: Readonly<Record<string, string>> = {
  vehicles: '进出厂运输车辆台账',
  inPlant: '厂内运输车辆台账',
  machinery: '非道路移动机械台账',
  logs: '加油加尿素维护记录',
  visits: '车辆进出厂记录',
  passages: '过车记录哈希链',
};

export const exportFileName = (ledger: string, format: 'xlsx' | 'csv', at: number) =>
  `${LEDGER_NAMES[ledger] ?? ledger}-${writeTime(at).replace(' ', '-')}.${format}`;

const TEMPLATE_COLUMNS: Readonly<Record<string, readonly Column[]>> = {
  vehicles: VEHICLE_COLUMNS, inPlant: IN_PLANT_COLUMNS, machinery: MACHINERY_COLUMNS,
};

export async function templateFile(ledger: 'vehicles' | 'inPlant' | 'machinery') {
  const columns = TEMPLATE_COLUMNS[ledger]!;
  const empty = { columns, total: 0, page: (after: number) => ({ last: after, cells: [] }) };
  const { bytes } = await writeExport(empty, 'xlsx', { sheetName: ledger });
  return { fileName: `${LEDGER_NAMES[ledger]}-导入模板.xlsx`, mime: MIME.xlsx,
    base64: bytes.toString('base64'), rows: 0 };
}
