import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { inPlantFields, logFields, machineryFields } from '../api/contract.ts';
import { listOutbox } from '../sync/outbox.ts';
import { checkCanonical } from '../sync/messages/kinds.ts';
import { openRegistries } from './record-specs.ts';
import { LogLedger } from './log-ledger.ts';
import { drawSample } from './sample.ts';

const T0 = Date.UTC(2026, 10, 2, 2, 0, 0);
const li = { username: 'li', now: T0 };
let dir: string;
let db: Db;
let logs: LogLedger;
let loader: number;
let forklift: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-logs-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  logs = new LogLedger(db);
  const registries = openRegistries(db);
  loader = registries.machinery.create(machineryFields.parse({ envRegistrationCode: 'HA410001',
    productionDate: '2018-04-01', emissionStage: '3', machineCode: 'LG956',
    machineType: '装载机', fuel: 'B', stageEvidenceKind: 'ENV_LIST' }), li).record!.id as number;
  forklift = registries.inPlant.create(inPlantFields.parse({ registrationCode: '厂内-07',
    registrationDate: '2021-03-01', emissionStage: '5', fuel: 'B', vehicleType: 'H21',
    stageEvidenceKind: 'ENV_LIST' }), li).record!.id as number;
  db.prepare('DELETE FROM outbox').run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the fuel, urea and maintenance logs', () => {
  it('queues an M8 message for urea put into a loader, with the operator', () => {
    const saved = logs.create(logFields.parse({ kind: 'urea', subjectKind: 'machinery',
      subjectId: loader, at: T0 - 3_600_000, fill: 'urea', quantity: 20, unit: 'L',
      supplier: '河南心连心', grade: 'AdBlue' }), li, '4101000001');

    expect(saved.record).toMatchObject({ subjectCode: 'HA410001', operator: 'li',
      quantity: 20 });
    const [row] = listOutbox(db);
    expect(row).toMatchObject({ kind: 'fuelLog', orderKey: 'machinery:HA410001',
      payload: { enterpriseCode: '4101000001', kind: 'urea', quantity: 20, unit: 'L',
        operator: 'li', subjectKind: 'machinery' } });
    expect(checkCanonical('fuelLog', row!.payload)).toMatchObject({ ok: true });
  });

  it('keeps maintenance to itself and refuses an entry for a machine not in the ledger', () => {
    logs.create(logFields.parse({ kind: 'maintenance', subjectKind: 'inPlant',
      subjectId: forklift, at: T0, note: '更换机油滤芯' }), li, '4101000001');
    const unknown = logs.create(logFields.parse({ kind: 'fuel', subjectKind: 'machinery',
      subjectId: 999, at: T0, fill: 'diesel', quantity: 80, unit: 'L' }), li, '4101000001');

    expect(listOutbox(db)).toEqual([]);
    expect(unknown).toMatchObject({ record: null, issues: [{ code: 'log.subject-unknown' }] });
    const maintenance = { kinds: ['maintenance'], limit: 50, offset: 0, sort: 'at' as const,
      dir: 'desc' as const };
    expect(logs.list(maintenance))
      .toMatchObject({ total: 1,
        rows: [{ subjectCode: '厂内-07', note: '更换机油滤芯' }] });
  });
});

describe('the inspection sample', () => {
  it('shows a log entry in words, and asks a maintenance entry for no fill', () => {
    logs.create(logFields.parse({ kind: 'maintenance', subjectKind: 'inPlant',
      subjectId: forklift, at: T0 - 60_000, note: '更换机油滤芯' }), li, '4101000001');
    const [row] = drawSample(db, openRegistries(db), 'logs', 5);
    const field = (key: string) => row!.fields.find((f) => f.key === key);

    expect(row!.title).toBe('厂内-07 20261102 095900');
    expect(field('kind')).toMatchObject({ value: '维修保养', issue: null });
    expect(field('subjectKind')).toMatchObject({ value: '厂内车辆', issue: null });
    for (const key of ['fill', 'quantity', 'unit']) {
      expect(field(key)).toMatchObject({ value: null, issue: null });
    }
    expect(row!.fields.filter((f) => f.issue !== null)).toEqual([]);
  });

  it('asks a fuel entry for what was filled, in words', () => {
    logs.create(logFields.parse({ kind: 'fuel', subjectKind: 'machinery', subjectId: loader,
      at: T0 - 60_000, fill: 'diesel', quantity: 80, unit: 'L' }), li, '4101000001');
    const [row] = drawSample(db, openRegistries(db), 'logs', 5);
    const field = (key: string) => row!.fields.find((f) => f.key === key);

    expect(field('kind')).toMatchObject({ value: '加油', issue: null });
    expect(field('fill')).toMatchObject({ value: '柴油', issue: null });
    expect(field('quantity')).toMatchObject({ value: '80', issue: null });
  });

  it('shows every field of a machine with the stage its production date proves', () => {
    const [row] = drawSample(db, openRegistries(db), 'machinery', 5);

    expect(row).toMatchObject({ title: 'HA410001', stageCheck: { recorded: '3',
      lowerBound: '3', consistent: true } });
    expect(row!.fields.find((f) => f.key === 'engineNameplate')).toMatchObject({
      value: '否', issue: { code: 'documents.nameplate-missing' } });
  });
});
