import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.ts';
import { vehicleFields } from '../../api/contract.ts';
import { listOutbox } from '../../sync/outbox.ts';
import { openRegistries, type Registries } from '../record-specs.ts';
import { LedgerImports } from './imports.ts';

const T0 = Date.UTC(2026, 10, 2, 2, 0, 0);
const HEADER = [
  '号牌号码', '号牌颜色', '注册日期', '车辆识别代号', '发动机号码',
  '排放阶段', '车队名称', '车辆类型', '燃料种类', '核定载质量(kg)',
  '排放判定依据种类',
];
const row = (plate: string, vin: string, load: string | number = 31000) =>
  [plate, '黄色', '20190520', vin, 'WP10', '国五', '顺达物流', 'H11', '柴油', load,
    'ENV_LIST'];

let dir: string;
let db: Db;
let registries: Registries;
let imports: LedgerImports;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-import-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  registries = openRegistries(db);
  imports = new LedgerImports(registries);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('运输车辆');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('importing the carriers\' vehicle sheet', () => {
  it('reports each bad row by row and column, in Chinese, and imports only the good ones',
    async () => {
      registries.vehicles.create(vehicleFields.parse({ plate: '豫A00001', plateColor: 'yellow',
        emissionStage: '5', fuel: 'B', vehicleType: 'H11' }), { username: 'li', now: T0 });
      const bytes = await xlsx([
        row('豫A12345', 'LFV2A21K3D4012345'),
        row('豫A23456', 'LFV2A21K7D4012345'),
        row('豫12A345', 'LFV2A21K5D4012346'),
        row('豫A34567', 'LFV2A21K7D4012347', '三十吨'),
        row('豫A12345', 'LFV2A21K3D4012345'),
        row('豫A00001', 'LFV2A21K3D4012345'),
        row('豫A45678', ''),
      ]);

      const seen: number[] = [];
      const preview = await imports.preview('vehicles', bytes, 'li', T0,
        (_job, done) => seen.push(done));

      expect(preview).toMatchObject({ total: 7, valid: 2 });
      expect(preview.errors.map((e) => [e.row, e.column, e.header, e.zh])).toEqual([
        [3, 'D', '车辆识别代号', '车辆识别代号第9位校验位应为3，实为7'],
        [4, 'A', '号牌号码', '号牌“豫12A345”不符合任何已知号牌格式'],
        [5, 'J', '核定载质量(kg)', '核定载质量(kg)应为数字，实为“三十吨”'],
        [6, 'A', '号牌号码', '与第2行重复：豫A12345 yellow'],
        [7, 'A', '号牌号码', '已在台账中登记：豫A00001 yellow'],
      ]);
      expect(preview.warnings.map((w) => [w.row, w.column, w.code]))
        .toContainEqual([8, 'D', 'required']);
      expect(seen.at(-1)).toBe(7);
      expect(db.prepare('SELECT COUNT(*) AS n FROM vehicles').get()).toEqual({ n: 1 });

      const done = await imports.confirm(preview.previewId, { username: 'li', now: T0 + 1000 });
      expect(done).toMatchObject({ imported: 2, skipped: 5, duplicates: 0 });
      const plates = db.prepare('SELECT plate FROM vehicles ORDER BY plate').all();
      expect(plates).toEqual([{ plate: '豫A00001' }, { plate: '豫A12345' },
        { plate: '豫A45678' }]);
      expect(listOutbox(db).map((r) => r.subjectId)).toEqual(['transport:豫A00001:yellow',
        'transport:豫A12345:yellow', 'transport:豫A45678:yellow']);
    });

  it('uses a preview once, and only for the officer who made it', async () => {
    const preview = await imports.preview('vehicles',
      await xlsx([row('豫A12345', 'LFV2A21K3D4012345')]), 'li', T0);

    expect(await imports.confirm(preview.previewId, { username: 'wang', now: T0 })).toBeNull();
    expect(await imports.confirm(preview.previewId, { username: 'li', now: T0 }))
      .toMatchObject({ imported: 1 });
    expect(await imports.confirm(preview.previewId, { username: 'li', now: T0 })).toBeNull();
  });

  it('refuses a sheet without the plate column as a whole', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['车号', '颜色']);
    const preview = await imports.preview('vehicles',
      Buffer.from(await book.xlsx.writeBuffer()), 'li', T0);

    expect(preview.valid).toBe(0);
    expect(preview.errors.map((e) => [e.row, e.zh])).toEqual([[1, '缺少必填项：号牌号码'],
      [1, '缺少必填项：号牌颜色']]);
    expect(preview.warnings.map((w) => [w.column, w.zh])).toEqual([
      ['A', '第A列“车号”不是本台账的列，未导入'], ['B', '第B列“颜色”不是本台账的列，未导入']]);
  });

  it('reads a carrier\'s own headers, and says which columns it leaves out', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('车辆');
    sheet.addRow(['车牌号', '车牌颜色', '车架号', '发动机号', '排放标准', '燃料类型', '车型',
      '核定载质量（kg）', '车牌照片', '车架号']);
    sheet.addRow(['豫A12345', '黄色', 'LFV2A21K3D4012345', 'WP10', '国五', '柴油', 'H11', 31000,
      'a.jpg', 'LFV2A21K7D4012345']);
    const preview = await imports.preview('vehicles',
      Buffer.from(await book.xlsx.writeBuffer()), 'li', T0);

    expect(preview).toMatchObject({ total: 1, valid: 1, errors: [] });
    expect(preview.rows[0]!.values).toMatchObject({ plate: '豫A12345', plateColor: '黄色',
      vin: 'LFV2A21K3D4012345', engineNo: 'WP10', emissionStage: '国五', fuel: '柴油',
      vehicleType: 'H11', ratedLoadKg: '31000' });
    expect(preview.warnings.filter((w) => w.row === 1).map((w) => [w.column, w.en])).toEqual([
      ['I', 'column I "车牌照片" is not a column of this ledger and is left out'],
      ['J', 'column J "车架号" repeats column C (both VIN); only column C is imported']]);

    await imports.confirm(preview.previewId, { username: 'li', now: T0 + 1000 });
    expect(db.prepare('SELECT vin, rated_load_kg AS load FROM vehicles').get())
      .toEqual({ vin: 'LFV2A21K3D4012345', load: 31000 });
  });
});

describe('importing a sheet as a carrier\'s office makes it', () => {
  const CARRIER_HEADER = ['序号', '车牌号', '车牌颜色', '车架号', '发动机号', '排放标准',
    '注册登记日期', '车队', '车型', '燃料类型', '核定载质量'];

  it('finds the header below a merged title row and a blank row, keeping the sheet\'s rows',
    async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('车辆');
      sheet.addRow(['顺达物流有限公司车辆信息表']);
      sheet.mergeCells(1, 1, 1, CARRIER_HEADER.length);
      sheet.addRow([]);
      sheet.addRow(CARRIER_HEADER);
      sheet.addRow([1, '豫A88801', '黄色', 'LFV2A21K3D4012345', 'WP10', '国五', '2019/5/20',
        '顺达物流', 'H11', '柴油', 31000]);
      const preview = await imports.preview('vehicles',
        Buffer.from(await book.xlsx.writeBuffer()), 'li', T0);

      expect(preview).toMatchObject({ total: 1, valid: 1, errors: [] });
      expect(preview.rows.map((r) => [r.row, r.values.plate])).toEqual([[4, '豫A88801']]);
      expect(preview.warnings.filter((w) => w.row === 3).map((w) => [w.column, w.header]))
        .toEqual([['A', '序号']]);
    });

  it('reads the words of a driving licence: 重型半挂牵引车, 国Ⅵ, 31吨, 2019年5月20日',
    async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('车辆');
      sheet.addRow(CARRIER_HEADER);
      sheet.addRow([1, '豫A88801', '黄色', 'LFV2A21K3D4012345', 'WP10', '国Ⅵ', '2019年5月20日',
        '顺达物流', '重型半挂牵引车', '柴油', '31吨']);
      sheet.addRow([2, '豫A88802', '黄色', 'LFV2A21K7D4012347', 'WP11', '国Ⅴ', '2019/5/20',
        '顺达物流', '重型自卸货车', '柴油', '31,000 kg']);
      const preview = await imports.preview('vehicles',
        Buffer.from(await book.xlsx.writeBuffer()), 'li', T0);

      expect(preview.errors).toEqual([]);
      expect(preview.valid).toBe(2);
      await imports.confirm(preview.previewId, { username: 'li', now: T0 + 1000 });
      expect(db.prepare(`SELECT plate, emission_stage AS stage, vehicle_type AS type,
        registration_date AS registered, rated_load_kg AS load FROM vehicles ORDER BY plate`)
        .all()).toEqual([
        { plate: '豫A88801', stage: '6', type: 'Q11', registered: '2019-05-20', load: 31000 },
        { plate: '豫A88802', stage: '5', type: 'H17', registered: '2019-05-20', load: 31000 },
      ]);
    });

  it('names a load it cannot read, such as a unit it does not know', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('车辆');
    sheet.addRow(CARRIER_HEADER);
    sheet.addRow([1, '豫A88801', '黄色', 'LFV2A21K3D4012345', 'WP10', '国五', '2019/5/20',
      '顺达物流', 'H11', '柴油', '31箱']);
    const preview = await imports.preview('vehicles',
      Buffer.from(await book.xlsx.writeBuffer()), 'li', T0);

    expect(preview.errors.map((e) => [e.row, e.column, e.code]))
      .toEqual([[2, 'K', 'number.invalid']]);
  });
});
