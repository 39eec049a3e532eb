// The inventory check: what an A/B plant lists as non-compliant all year (R12), and which
// machinery must stand still while an orange alert is in force (R11).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { DEFAULT_COMPLIANCE_LIMITS, checkCompliance } from './compliance.ts';
import { Inventory } from './inventory.ts';

let db: Db;
let inventory: Inventory;

beforeEach(() => {
  db = openDatabase(':memory:');
  inventory = new Inventory(db);
  const vehicle = (code: string, stage: string) => inventory.addInPlantVehicle({
    registrationCode: code, vehicleType: 'H11', fuel: stage === 'D' ? 'C' : 'B',
    emissionStage: stage, stageEvidence: 'ENV_LIST' });
  vehicle('厂内01', '4');
  vehicle('厂内02', '5');
  vehicle('厂内03', 'D');

  const machine = (code: string, stage: string) => inventory.addMachinery({
    envRegistrationCode: code, machineType: 'loader', fuel: 'B', emissionStage: stage,
    stageEvidence: 'ENV_LIST', powerKw: 162, productionDate: '2015-06-01' });
  machine('豫A-L0001', '2');
  machine('豫A-L0002', '3');
  machine('豫A-L0003', 'X');
  machine('豫A-L0004', '4');
});

afterEach(() => {
  db.close();
});

const contents = () => ({ inPlant: inventory.inPlantVehicles(),
  machinery: inventory.machinery() });
const codes = (items: Array<{ code: string; issues: string[] }>) =>
  items.map((i) => [i.code, i.issues.join('+')]);

describe('the inventory of a B-level plant', () => {
  it('lists in-plant vehicles below China V and machinery below stage III all year', () => {
    const view = checkCompliance(contents(), DEFAULT_COMPLIANCE_LIMITS('B', 'none'), 'none');

    expect(view).toMatchObject({ level: 'none', inPlantTotal: 3, machineryTotal: 4,
      limits: { inPlantMinStage: '5', machineryMinStage: '3', machineryOperateMinStage: null } });
    expect(codes(view.items)).toEqual([
      ['厂内01', 'below-min-stage'],
      ['豫A-L0001', 'below-min-stage'],
      ['豫A-L0003', 'below-min-stage'],
    ]);
  });

  it('flags stage II and stageless machinery "must not operate" during an orange alert', () => {
    const view = checkCompliance(contents(), DEFAULT_COMPLIANCE_LIMITS('B', 'orange'), 'orange');
    expect(codes(view.items.filter((i) => i.kind === 'machinery'))).toEqual([
      ['豫A-L0001', 'below-min-stage+must-not-operate'],
      ['豫A-L0003', 'below-min-stage+must-not-operate'],
    ]);
  });
});

describe('the inventory of a C-level plant', () => {
  it('lists nothing all year, and only the machinery the orange alert stops', () => {
    expect(checkCompliance(contents(), DEFAULT_COMPLIANCE_LIMITS('C', 'yellow'), 'yellow').items)
      .toEqual([]);
    const orange = checkCompliance(contents(), DEFAULT_COMPLIANCE_LIMITS('C', 'red'), 'red');
    expect(codes(orange.items)).toEqual([
      ['豫A-L0001', 'must-not-operate'],
      ['豫A-L0003', 'must-not-operate'],
    ]);
  });
});

describe('limits handed in from a rule table', () => {
  it('are applied as given; an electric item meets every limit', () => {
    const strict = { allYear: { inPlantMinStage: '6', machineryMinStage: '4' },
      underAlert: null };
    const view = checkCompliance(contents(), strict, 'none');
    expect(codes(view.items)).toEqual([
      ['厂内01', 'below-min-stage'],
      ['厂内02', 'below-min-stage'],
      ['豫A-L0001', 'below-min-stage'],
      ['豫A-L0002', 'below-min-stage'],
      ['豫A-L0003', 'below-min-stage'],
    ]);
  });
});
