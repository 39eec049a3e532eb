import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.ts';
import { logFields, machineryFields, vehicleFields } from '../../api/contract.ts';
import { LogLedger } from '../log-ledger.ts';
import { insertPassage } from '../passages.ts';
import { openRegistries } from '../record-specs.ts';
import { Visits } from '../visits.ts';
import { verifyDatabaseChain, verifyExport } from '../chain-verify.ts';
import { readSheet } from '../import/read-sheet.ts';
import { exportSource } from './sources.ts';
import { writeExport } from './write-file.ts';
import { writeFileSync } from 'node:fs';
import { runVerifyExport } from '../verify-command.ts';

const T0 = Date.UTC(2026, 10, 2, 1, 0, 0);
let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-export-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Passages p{from}… a minute apart; `at0` moves their clock (an offline replay's earlier one). */
function passages(count: number, from = 0, at0 = T0): void {
  for (let i = from; i < from + count; i++) {
    const at = at0 + i * 60_000;
    db.transaction(() => insertPassage(db, {
      id: `p${i}`, laneId: i % 2 ? 'L2' : 'L1', gateId: 'G1', cameraId: 'C1',
      direction: i % 2 ? 'out' : 'in', plate: `豫A1000${Math.floor(i / 2)}`,
      plateColor: 'yellow',
      readPlateColor: 'yellow', colorMismatch: false, recognitionMode: 'auto', confidence: 97,
      vendorEventId: i === 3 ? null : `ev,"${i}"`, offlineReplay: false, vehicleId: null,
      emissionStage: '5', fuel: 'B', decision: 'allow', reasonCode: 'ok',
      reasonZh: '放行，国五',
      reasonEn: 'allowed', ruleVersion: 'r1', controlState: 'none', capturedAt: at,
      createdAt: at + 5, testPush: false,
    }, [{ kind: 'scene', sha256: `${i}`.padStart(64, 'a'), mime: 'image/jpeg',
      bytes: 100 + i }]))();
  }
}

const exportOf = (ledger: string, format: 'xlsx' | 'csv', filter = {}) =>
  writeExport(exportSource(db, ledger, filter), format);

describe('the vehicle ledger export', () => {
  it('writes CSV with a BOM, in the regulation\'s column order, and the rows', async () => {
    openRegistries(db).vehicles.create(vehicleFields.parse({ plate: '豫A12345',
      plateColor: 'yellow', vin: 'LFV2A21K3D4012345', registrationDate: '2019-05-20',
      emissionStage: '5', fuel: 'B', vehicleType: 'H11', fleet: '顺达, 物流' }),
    { username: 'li', now: T0 });

    const { bytes, rows } = await exportOf('vehicles', 'csv');
    const text = bytes.toString('utf8');
    expect(rows).toBe(1);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split('\r\n')[0]!.split(',').slice(0, 9)).toEqual(['\ufeff号牌号码',
      '号牌颜色', '注册日期', '车辆识别代号', '发动机号码',
      '排放阶段', '随车清单', '行驶证', '车队名称']);
    expect(text.split('\r\n')[1]!.startsWith(
      '豫A12345,黄色,20190520,LFV2A21K3D4012345,,5,否,否,"顺达, 物流",H11')).toBe(true);
  });
});

describe('the passages export and its chain', () => {
  it('verifies from xlsx and CSV alike', async () => {
    passages(6);
    for (const format of ['xlsx', 'csv'] as const) {
      const { bytes } = await exportOf('passages', format);
      expect(await verifyExport(db, bytes)).toEqual({ ok: true, rows: 6, firstBad: null,
        matchesDatabase: true });
    }
  });

  it('names the row whose cells were edited in the file', async () => {
    passages(6);
    const { bytes } = await exportOf('passages', 'csv');
    const edited = Buffer.from(bytes.toString('utf8').replace('豫A10002', '豫A10009'), 'utf8');

    expect(await verifyExport(db, edited)).toMatchObject({ ok: false,
      firstBad: { seq: 5, passageId: 'p4', fault: 'export-edited' } });
  });

  it('names a passage taken out of the file, the truck the file would hide', async () => {
    passages(6);
    const { bytes } = await exportOf('passages', 'csv');
    const lines = bytes.toString('utf8').split('\r\n');
    const cut = Buffer.from([...lines.slice(0, 3), ...lines.slice(4)].join('\r\n'), 'utf8');

    expect(await verifyExport(db, cut)).toMatchObject({ ok: false, matchesDatabase: false,
      firstBad: { seq: 3, passageId: 'p2', fault: 'export-missing' } });
  });

  it('lets an hour\'s export skip a passage replayed from another hour', async () => {
    passages(3);
    passages(1, 3, T0 - 3_600_000);
    passages(3, 4);
    const { bytes } = await exportOf('passages', 'xlsx', { from: T0, to: T0 + 3_600_000 });

    expect(await verifyExport(db, bytes)).toEqual({ ok: true, rows: 6, firstBad: null,
      matchesDatabase: true });
  });

  it('says another ledger\'s sheet is not a passages export, rather than a broken chain',
    async () => {
      passages(2);
      const { bytes } = await exportOf('visits', 'xlsx');

      expect(await verifyExport(db, bytes)).toMatchObject({ ok: false, rows: 0,
        firstBad: { seq: 0, fault: 'not-chain-export' } });
    });

  it('finds a byte changed in the database after the export', async () => {
    passages(6);
    const { bytes } = await exportOf('passages', 'xlsx');
    db.prepare("UPDATE passages SET emission_stage = '6' WHERE id = 'p2'").run();

    expect(verifyDatabaseChain(db)).toMatchObject({ ok: false, firstBad: { seq: 3,
      passageId: 'p2', fault: 'database-changed' } });
    expect(await verifyExport(db, bytes)).toMatchObject({ ok: false, matchesDatabase: false,
      firstBad: { seq: 3, fault: 'database-changed' } });
  });
});

describe('the visits export', () => {
  it('pairs entry and exit on one row with cargo and both passages\' hashes', async () => {
    passages(2);
    new Visits(db).setCargo('p0', '熟料', 31.5, '', { username: 'li', now: T0 + 120_000 },
      'E410100000001');

    const sheet = await readSheet((await exportOf('visits', 'xlsx')).bytes);
    const hashes = db.prepare('SELECT hash FROM passages ORDER BY seq').all() as
      Array<{ hash: string }>;
    expect(sheet.header.slice(0, 5)).toEqual(['进厂时间', '出厂时间', '进厂照片',
      '出厂照片', '号牌号码']);
    expect(sheet.rows).toEqual([{ row: 2, cells: ['20261102 090000', '20261102 090100',
      '0'.padStart(64, 'a'), '1'.padStart(64, 'a'), '豫A10000', '黄色', '', '', '', '5', '', '',
      '熟料', '31.5', '', hashes[0]!.hash, hashes[1]!.hash] }]);
  });
});

describe('gatehouse verify-export', () => {
  it('says the chain holds for a fresh export, and names the row after an edit', async () => {
    passages(4);
    const file = join(dir, 'passages.csv');
    writeFileSync(file, (await exportOf('passages', 'csv')).bytes);
    const lines: string[] = [];

    expect(await runVerifyExport(dir, file, (l) => lines.push(l))).toBe(0);
    db.prepare("UPDATE passages SET decision = 'deny' WHERE id = 'p1'").run();
    expect(await runVerifyExport(dir, undefined, (l) => lines.push(l))).toBe(1);
    expect(lines).toEqual(['chain holds: 4 rows, identical in the database',
      'chain broken at seq 2 (p1): hash does not match the stored passage']);
  });
});

describe('the machinery and log exports', () => {
  it('write the nameplate flag, and each log row in words with its machine', async () => {
    const machine = openRegistries(db).machinery.create(machineryFields.parse({
      envRegistrationCode: 'HA410001', productionDate: '2018-04-01', emissionStage: '3',
      machineCode: 'LG956', machineType: '装载机', fuel: 'B', powerKw: 162,
      stageEvidenceKind: 'ENV_LIST' }), { username: 'li', now: T0 }).record!;
    new LogLedger(db).create(logFields.parse({ kind: 'fuel', subjectKind: 'machinery',
      subjectId: machine.id, at: T0, fill: 'diesel', quantity: 120.5, unit: 'L',
      grade: '国六 0#' }), { username: 'li', now: T0 }, '4101000001');

    const machines = (await exportOf('machinery', 'csv')).bytes.toString('utf8').split('\r\n');
    expect(machines[1]).toBe('HA410001,20180401,3,LG956,否,装载机,B,162,,,,,,ENV_LIST,');
    const logs = (await exportOf('logs', 'csv')).bytes.toString('utf8').split('\r\n');
    // The officer reads 加油 and 柴油 in Excel, not our codes fuel and diesel.
    expect(logs[1]).toBe('1,非道路移动机械,HA410001,20261102 090000,加油,柴油,120.5,L,,' +
      '国六 0#,,li,');
  });
});
