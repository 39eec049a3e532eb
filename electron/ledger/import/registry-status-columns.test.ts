// The registry status in the vehicle sheet: its six columns come after the regulation's, which
// keep their order; a sheet exported from one PC imports into another with the status intact,
// lanes written by name and read by id or by name; a bad status cell is reported by its row
// and column.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.ts';
import { vehicleFields } from '../../api/contract.ts';
import { VEHICLE_COLUMNS } from '../columns.ts';
import { openRegistries } from '../record-specs.ts';
import { exportSource } from '../export/sources.ts';
import { writeExport } from '../export/write-file.ts';
import { readSheet } from './read-sheet.ts';
import { LedgerImports } from './imports.ts';

const T0 = Date.UTC(2026, 10, 2, 2, 0, 0);
const SITE = { lanes: [
  { id: 'lane-1', name: '1号入口车道', nameEn: 'Entry lane 1' },
  { id: 'lane-2', name: '2号入口车道', nameEn: 'Entry lane 2' },
] };
const TRUCK = {
  plate: '豫A12345', plateColor: 'yellow', vin: 'LFV2A21K3D4012345', registrationDate:
    '2019-05-20', emissionStage: '5', stageEvidenceKind: 'ENV_LIST', fuel: 'B',
  vehicleType: 'H11',
};
const STATUS_HEADER = ['授权通道', '备案有效期起', '备案有效期止', '黑名单',
  '黑名单原因', '审核状态'];
/** The least a sheet needs besides the status: identity, stage, fuel and type. */
const BASE_HEADER = ['号牌号码', '号牌颜色', '排放阶段', '燃料种类',
  '车辆类型'];

let dir: string;
const dbs: Db[] = [];
const open = (name: string) => {
  const db = openDatabase(join(dir, name));
  dbs.push(db);
  return db;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-status-columns-'));
});
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sheetOf(header: string[], rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('运输车辆');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('the registry status columns of the vehicle sheet', () => {
  it('follow the regulation\'s columns and travel from one PC to another intact', async () => {
    const from = open('from.db');
    openRegistries(from, () => SITE).vehicles.create(vehicleFields.parse({ ...TRUCK,
      authorisedLanes: ['lane-1', 'lane-2'], validFrom: '2026-01-01', validTo: '2026-12-31',
      blacklisted: true, blacklistReason: '超载两次', auditStatus: 'approved' }),
    { username: 'li', now: T0 });

    const { bytes } = await writeExport(exportSource(from, 'vehicles', {}, SITE), 'xlsx');
    const sheet = await readSheet(bytes);
    expect(sheet.header.slice(0, 21)).toEqual(VEHICLE_COLUMNS.slice(0, 21).map((c) => c.zh));
    expect(sheet.header.slice(0, 3)).toEqual(['号牌号码', '号牌颜色', '注册日期']);
    expect(sheet.header.slice(21)).toEqual(STATUS_HEADER);
    expect(sheet.rows[0]!.cells.slice(21)).toEqual(['1号入口车道、2号入口车道',
      '20260101',
      '20261231', '是', '超载两次', '已通过']);

    const to = open('to.db');
    const registries = openRegistries(to, () => SITE);
    const imports = new LedgerImports(registries);
    const preview = await imports.preview('vehicles', bytes, 'wang', T0);
    expect(preview.errors).toEqual([]);
    await imports.confirm(preview.previewId, { username: 'wang', now: T0 });
    expect(registries.vehicles.list({ limit: 1, offset: 0, sort: 'plate', dir: 'asc' }).rows[0])
      .toMatchObject({ authorisedLanes: ['lane-1', 'lane-2'], validFrom: '2026-01-01',
        validTo: '2026-12-31', blacklisted: true, blacklistReason: '超载两次',
        auditStatus: 'approved' });
  });

  it('reads lanes by their names and the officer\'s words for the status', async () => {
    const registries = openRegistries(open('gatehouse.db'), () => SITE);
    const imports = new LedgerImports(registries);
    const bytes = await sheetOf([...BASE_HEADER, ...STATUS_HEADER], [['豫A12345', '黄色',
      '国五', '柴油', 'H11', '2号入口车道，Entry lane 1', '2026/1/1', '2026年12月31日',
      '否', '', '待审核']]);

    const preview = await imports.preview('vehicles', bytes, 'li', T0);
    expect(preview.errors).toEqual([]);
    await imports.confirm(preview.previewId, { username: 'li', now: T0 });
    expect(registries.vehicles.list({ limit: 1, offset: 0, sort: 'plate', dir: 'asc' }).rows[0])
      .toMatchObject({ authorisedLanes: ['lane-2', 'lane-1'], validFrom: '2026-01-01',
        validTo: '2026-12-31', blacklisted: false, auditStatus: 'pending' });
  });

  it('reports each bad status cell by row and column and imports none of those rows',
    async () => {
      const imports = new LedgerImports(openRegistries(open('gatehouse.db'), () => SITE));
      const truck = (plate: string, status: unknown[]) =>
        [plate, '黄色', '国五', '柴油', 'H11', ...status];
      const bytes = await sheetOf([...BASE_HEADER, ...STATUS_HEADER], [
        truck('豫A10001', ['lane-1', '20261201', '20261130', '否', '', '已通过']),
        truck('豫A10002', ['', '', '', '是', '', '']),
        truck('豫A10003', ['3号车道', '', '', '', '', '']),
        truck('豫A10004', ['', '', '明年', '', '', '']),
        truck('豫A10005', ['', '', '', '也许', '', '']),
        truck('豫A10006', ['', '', '', '', '', '批了']),
        truck('豫A10007', ['lane-2', '', '20271231', '是', '冒用号牌', '']),
      ]);

      const preview = await imports.preview('vehicles', bytes, 'li', T0);
      expect(preview.errors.map((e) => [e.row, e.column, e.header, e.zh])).toEqual([
        [2, 'H', '备案有效期止',
          '备案有效期止（2026-11-30）早于有效期起（2026-12-01）'],
        [3, 'J', '黑名单原因', '列入黑名单须写明原因（门岗放行时会看到）'],
        [4, 'F', '授权通道', '授权通道不在本厂车道中：3号车道'],
        [5, 'H', '备案有效期止', '备案有效期止不是有效日期：明年'],
        [6, 'I', '黑名单', '黑名单的值“也许”无效'],
        [7, 'K', '审核状态', '审核状态的值“批了”无效'],
      ]);
      expect(preview.valid).toBe(1);
    });
});
