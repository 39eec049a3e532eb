import { describe, expect, it } from 'vitest';
import { vehicleFields, machineryFields, logFields } from '../../api/contract.ts';
import { checkLog, checkMachinery, checkVehicle } from './record-checks.ts';
import { vinCheckDigit, vinProblem } from './vin.ts';
import { stageLowerBound } from './stage-cutovers.ts';

const NOW = Date.UTC(2026, 11, 3, 12);
const GOOD = vehicleFields.parse({
  plate: '冀A12345', plateColor: 'yellow', vin: 'LFV2A21K3D4012345', engineNo: 'WP10-8842',
  registrationDate: '2019-05-20', emissionStage: '5', stageEvidenceKind: 'ENV_LIST',
  fuel: 'B', vehicleType: 'H11', useCharacter: 'F', brandModel: '解放 CA4250',
  fleet: '顺达物流',
  owner: '顺达物流有限公司', documents: [{ kind: 'env-list', sha256: 'a'.repeat(64) }],
});
const codes = (v: object) => checkVehicle(vehicleFields.parse({ ...GOOD, ...v }), NOW)
  .map((i) => `${i.severity}:${i.code}`);

describe('the VIN', () => {
  it('computes the ISO 3779 check digit, X for ten', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(vinCheckDigit('LFV2A21K3D4012345')).toBe('3');
    expect(vinProblem('LFV2A21K3D4012345')).toBeNull();
  });

  it('names the digit a one-character slip should have had', () => {
    expect(vinProblem('LFV2A21K7D4012345')).toEqual(
      { kind: 'check-digit', expected: '3', found: '7' });
    const [issue] = checkVehicle(vehicleFields.parse({ ...GOOD, vin: 'LFV2A21K7D4012345' }), NOW);
    expect(issue).toMatchObject({ field: 'vin', severity: 'error',
      zh: '车辆识别代号第9位校验位应为3，实为7' });
  });

  it('refuses 16 characters and the letters I, O and Q', () => {
    expect(vinProblem('LFV2A21K3D401234')).toEqual({ kind: 'length', length: 16 });
    expect(vinProblem('LFV2A21K3D40I2345')).toEqual({ kind: 'characters', bad: 'I' });
  });
});

describe('a transport vehicle record', () => {
  it('with every field and the list on file raises nothing', () => {
    expect(codes({})).toEqual([]);
  });

  it('with a plate of no known form is refused', () => {
    expect(codes({ plate: '冀12A345' })).toContain('error:plate.unknown-form');
  });

  it('electric must be stage D, and D must be electric', () => {
    expect(codes({ fuel: 'C', emissionStage: '5' })).toContain('error:stage.electric-must-be-d');
    expect(codes({ fuel: 'B', emissionStage: 'D' })).toContain('error:stage.d-needs-electric');
    expect(codes({ fuel: 'C', emissionStage: 'D', registrationDate: '2022-01-01' }))
      .toEqual([]);
  });

  it('refuses a registration date in the future or on 30 February', () => {
    expect(codes({ registrationDate: '2027-01-02' })).toContain('error:date.out-of-range');
    expect(codes({ registrationDate: '2019-02-30' })).toContain('error:date.invalid');
  });

  it('warns, never refuses, when the stage disagrees with the registration date', () => {
    // Registered 2019-05: at least 国V; a recorded 国IV is probably a typing mistake.
    const below = checkVehicle(vehicleFields.parse({ ...GOOD, emissionStage: '4' }), NOW);
    expect(below).toEqual([expect.objectContaining({ code: 'stage.below-registration-date',
      severity: 'warning',
      zh: '按注册日期至少应为国五，登记为国四，请核对' })]);
    // A date alone proves 国V, not 国VI.
    expect(codes({ emissionStage: '6', stageEvidenceKind: 'REG_DATE', obdOnline: true }))
      .toEqual(['warning:stage.above-date-evidence']);
  });

  it('warns when neither the licence nor the environmental list is on file', () => {
    expect(codes({ documents: [] })).toEqual(['warning:documents.missing']);
  });

  it('warns of every empty field the regulation requires', () => {
    expect(codes({ vin: '', fleet: '' })).toEqual(['warning:required', 'warning:required']);
  });

  it('refuses fuel and use codes that are not in the GA tables', () => {
    expect(codes({ fuel: 'Q' })).toContain('error:fuel.unknown');
    expect(codes({ useCharacter: '9' })).toContain('error:use.unknown');
  });
});

describe('the stage cut-over table', () => {
  it('gives the lowest stage a date proves', () => {
    expect(stageLowerBound('2016-03-01', 'heavy')).toBe('4');
    expect(stageLowerBound('2017-07-01', 'heavy')).toBe('5');
    expect(stageLowerBound('2000-01-01', 'heavy')).toBeNull();
    expect(stageLowerBound('2018-01-01', 'machinery')).toBe('3');
  });
});

describe('machinery and logs', () => {
  it('machinery may be stage X; a missing nameplate photo is a warning', () => {
    const m = machineryFields.parse({ envRegistrationCode: 'JX-0001', productionDate: '2012-04-01',
      emissionStage: 'X', machineCode: 'PIN123', machineType: '装载机', fuel: 'B',
      stageEvidenceKind: 'ENV_LIST' });
    expect(checkMachinery(m, NOW).map((i) => i.code)).toEqual(['documents.nameplate-missing']);
  });

  it('a urea entry needs a quantity in a unit urea is measured in', () => {
    const base = { kind: 'urea', subjectKind: 'machinery', subjectId: 1, at: NOW - 1000 };
    expect(checkLog(logFields.parse({ ...base, fill: 'urea', quantity: 20, unit: 'L' }), NOW))
      .toEqual([]);
    expect(checkLog(logFields.parse({ ...base, fill: 'urea', quantity: 20, unit: 'kWh' }), NOW)
      .map((i) => i.en)).toEqual(['urea is not measured in kWh']);
    expect(checkLog(logFields.parse(base), NOW).map((i) => i.code))
      .toEqual(['log.quantity-required']);
  });
});
