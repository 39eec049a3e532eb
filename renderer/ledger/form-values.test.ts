// A registry form's values travel to the contract's shapes and back without loss: dates as
// yyyy-MM-dd, the unknown remote-monitoring state as null, blanks as the contract's empties,
// the blacklist as a switch and lanes as ids, and problems land on the field they name.
import dayjs from 'dayjs';
import { describe, expect, test } from 'vitest';
import type { TFunction } from 'i18next';
import { vehicleFields } from '../../electron/api/contract.ts';
import { coreIssues, schemaIssues } from './field-issues.ts';
import { LOG_FIELDS, VEHICLE_FIELDS } from './field-specs.ts';
import { fromFormValues, toFormValues } from './form-values.ts';
import { compact, withDayRange } from './use-ledger-params.ts';

const stored = {
  plate: '冀B6G001', plateColor: 'yellow', vin: 'LFWSRXRJ5N1000101',
  engineNo: 'CA6DM000101',
  registrationDate: '2022-03-15', emissionStage: '6', stageEvidenceKind: 'ENV_LIST',
  stageEvidence: '随车清单 000101', fuel: 'B', vehicleType: 'H11', useCharacter: 'F',
  brandModel: '解放牌CA4250', fleet: '顺达物流', owner: '顺达物流有限公司',
  obdOnline: null, ratedLoadKg: 25_000, grossMassKg: null, licenceIssueDate: null,
  authorisedLanes: ['lane-2'], validFrom: '2026-01-01', validTo: null, blacklisted: true,
  blacklistReason: '超载两次', auditStatus: 'approved',
};

describe('a vehicle form', () => {
  test('gives back the record it was filled from', () => {
    const values = toFormValues(VEHICLE_FIELDS, stored);
    expect(dayjs.isDayjs(values.registrationDate)).toBe(true);
    expect(values.obdOnline).toBe('unknown');
    expect(fromFormValues(VEHICLE_FIELDS, values)).toEqual(stored);
  });

  test('starts a new vehicle with the evidence to verify and nothing else', () => {
    const values = toFormValues(VEHICLE_FIELDS, null);
    expect(values.stageEvidenceKind).toBe('MANUAL');
    expect(values.plate).toBeUndefined();
    const fields = fromFormValues(VEHICLE_FIELDS, { ...values, plate: ' 冀B6G001 ',
      obdOnline: 'true' });
    expect(fields.plate).toBe('冀B6G001');
    expect(fields.obdOnline).toBe(true);
    expect(fields.registrationDate).toBeNull();
    expect(fields.vin).toBe('');
  });

  test('starts a new vehicle unbarred, on every lane, its registration unaudited', () => {
    const fields = fromFormValues(VEHICLE_FIELDS, toFormValues(VEHICLE_FIELDS, null));
    expect(fields).toMatchObject({ authorisedLanes: [], validFrom: null, validTo: null,
      blacklisted: false, blacklistReason: '', auditStatus: 'pending' });
  });

  test('names a field the contract refuses, once per field', () => {
    const t = ((key: string, options?: { max?: string }) =>
      `${key}:${options?.max ?? ''}`) as unknown as TFunction;
    const fields = { ...stored, vin: 'X'.repeat(40), documents: [] };
    expect(schemaIssues(vehicleFields, fields, t)).toEqual([
      { name: 'vin', errors: ['ledger.form.invalid.too_big:32'], warnings: [] },
    ]);
  });

  test('puts the core\'s errors and warnings on their fields in the reader\'s language', () => {
    const issues = [
      { field: 'vin', code: 'vin.check-digit', severity: 'error' as const,
        zh: '车辆识别代号第9位校验位应为5，实为1',
        en: 'VIN check digit should be 5, is 1' },
      { field: 'vin', code: 'x', severity: 'warning' as const, zh: '提示', en: 'note' },
    ];
    expect(coreIssues(issues, 'zh-CN')).toEqual([{ name: 'vin',
      errors: ['车辆识别代号第9位校验位应为5，实为1'], warnings: ['提示'] }]);
    expect(coreIssues(issues, 'en')[0]!.errors).toEqual(['VIN check digit should be 5, is 1']);
  });
});

describe('a log entry form', () => {
  test('sends a maintenance entry without fill or unit', () => {
    const fields = fromFormValues(LOG_FIELDS, { kind: 'maintenance', subjectKind: 'machinery',
      subjectId: 4, at: dayjs(new Date(2024, 4, 1, 8, 30)), note: '更换机油' });
    expect(fields).toMatchObject({ kind: 'maintenance', subjectId: 4, fill: null, unit: null,
      quantity: null, note: '更换机油' });
    // 08:30 on the picker is 08:30 in Beijing, whatever the PC's zone.
    expect(fields.at).toBe(Date.UTC(2024, 4, 1, 0, 30));
  });
});

describe('a ledger filter', () => {
  test('drops what is not a filter and trims what is', () => {
    expect(compact({ search: ' 冀B ', stages: [], fleet: '', missingDocuments: false,
      fuels: ['B'] })).toEqual({ search: '冀B', fuels: ['B'] });
  });

  test('takes picked days from the first midnight to the last day\'s end in Beijing', () => {
    const range = [dayjs(new Date(2024, 4, 1, 15)), dayjs(new Date(2024, 4, 2, 9))];
    expect(withDayRange({ range, plate: '冀B' })).toEqual({ plate: '冀B',
      from: Date.UTC(2024, 3, 30, 16), to: Date.UTC(2024, 4, 2, 15, 59, 59, 999) });
  });
});
