// The checks of a whole ledger record: what an inspector would catch on the row, before the
// officer saves it. Pure functions of the record and the date; the repository adds the checks
// that need the database (duplicates, uploaded photos).
import type {
  FieldIssue, InPlantFields, LogFields, MachineryFields, VehicleFields,
} from '../../api/contract.ts';
import { normalisePlate, plateKind } from '../../devices/lpr/plate.ts';
import { IN_PLANT_COLUMNS, MACHINERY_COLUMNS, VEHICLE_COLUMNS, labelOf, type Column } from
  '../columns.ts';
import {
  checkDate, checkEvidence, checkFuel, checkRequired, checkStageAgainstDate, checkStageFuel,
  checkVin,
} from './field-checks.ts';
import { gaCodes } from './codes.ts';
import { issue } from './issues.ts';
import { cutoverClassOf } from './stage-cutovers.ts';
import { checkRegistryStatus } from './registry-status.ts';

/** The plate kinds whose colour is fixed, with the colour and its Chinese name. */
const KIND_COLOUR: Readonly<Record<string, [string, string, string]>> = {
  'nev-small': ['green', '小型新能源汽车', '渐变绿色'],
  'nev-large': ['yellowGreen', '大型新能源汽车', '黄绿双拼色'],
  'trailer': ['yellow', '挂车', '黄色'],
  'coach': ['yellow', '教练车', '黄色'],
};

const HEAVY_TYPE = /^[HQ]1/;

function requiredOf(columns: readonly Column[], record: Record<string, unknown>): FieldIssue[] {
  return columns.filter((c) => c.required && Object.hasOwn(record, c.key))
    .flatMap((c) => checkRequired(c.key, record[c.key], c));
}

export function checkVehicle(v: VehicleFields, now: number): FieldIssue[] {
  const plate = normalisePlate(v.plate);
  const kind = plateKind(plate);
  const issues: FieldIssue[] = [];

  if (!kind) issues.push(issue('plate.unknown-form', 'plate', { plate }));
  const fixed = kind ? KIND_COLOUR[kind] : undefined;
  if (fixed && fixed[0] !== v.plateColor) {
    issues.push(issue('plate.colour-mismatch', 'plateColor', { kind: kind!, kindZh: fixed[1],
      colour: v.plateColor, colourZh: v.plateColor }));
  }

  issues.push(...checkVin('vin', v.vin));
  issues.push(...checkDate('registrationDate', v.registrationDate,
    labelOf(VEHICLE_COLUMNS, 'registrationDate'), now));
  issues.push(...checkDate('licenceIssueDate', v.licenceIssueDate,
    labelOf(VEHICLE_COLUMNS, 'licenceIssueDate'), now));
  issues.push(...checkFuel('fuel', v.fuel));
  if (v.useCharacter && !Object.hasOwn(gaCodes().use, v.useCharacter)) {
    issues.push(issue('use.unknown', 'useCharacter', { value: v.useCharacter }));
  }
  if (!gaCodes().vehicleType.test(v.vehicleType)) {
    issues.push(issue('vehicle-type.unknown', 'vehicleType', { value: v.vehicleType }));
  }

  issues.push(...checkStageFuel(v.emissionStage, v.fuel));
  issues.push(...checkStageAgainstDate(v.emissionStage, v.stageEvidenceKind, v.registrationDate,
    cutoverClassOf(v.plateColor)));
  issues.push(...checkEvidence(v.stageEvidenceKind));
  if (v.emissionStage === '6' && HEAVY_TYPE.test(v.vehicleType) && v.obdOnline === null) {
    issues.push(issue('obd.unknown-heavy-6', 'obdOnline'));
  }
  issues.push(...checkRegistryStatus(v));

  const docs = new Set(v.documents.map((d) => d.kind));
  if (!docs.has('env-list') && !docs.has('licence-front') && !docs.has('licence-back')) {
    issues.push(issue('documents.missing', 'documents'));
  }
  issues.push(...requiredOf(VEHICLE_COLUMNS, v));
  return issues;
}

export function checkInPlant(v: InPlantFields, now: number): FieldIssue[] {
  const issues: FieldIssue[] = [];

  issues.push(...checkVin('vin', v.vin));
  issues.push(...checkDate('registrationDate', v.registrationDate,
    labelOf(IN_PLANT_COLUMNS, 'registrationDate'), now));
  issues.push(...checkFuel('fuel', v.fuel));
  if (!gaCodes().vehicleType.test(v.vehicleType)) {
    issues.push(issue('vehicle-type.unknown', 'vehicleType', { value: v.vehicleType }));
  }

  issues.push(...checkStageFuel(v.emissionStage, v.fuel));
  issues.push(...checkStageAgainstDate(v.emissionStage, v.stageEvidenceKind, v.registrationDate,
    'heavy'));
  issues.push(...checkEvidence(v.stageEvidenceKind));

  const docs = new Set(v.documents.map((d) => d.kind));
  if (!docs.has('env-list') && !docs.has('licence-front') && !docs.has('licence-back')) {
    issues.push(issue('documents.missing', 'documents'));
  }
  issues.push(...requiredOf(IN_PLANT_COLUMNS, v));
  return issues;
}

export function checkMachinery(m: MachineryFields, now: number): FieldIssue[] {
  const issues: FieldIssue[] = [];

  issues.push(...checkDate('productionDate', m.productionDate,
    labelOf(MACHINERY_COLUMNS, 'productionDate'), now));
  issues.push(...checkFuel('fuel', m.fuel));
  if (m.emissionStage !== 'X') issues.push(...checkStageFuel(m.emissionStage, m.fuel));
  issues.push(...checkStageAgainstDate(m.emissionStage, m.stageEvidenceKind, m.productionDate,
    'machinery'));
  issues.push(...checkEvidence(m.stageEvidenceKind));

  if (!m.documents.some((d) => d.kind === 'engine-nameplate')) {
    issues.push(issue('documents.nameplate-missing', 'documents'));
  }
  issues.push(...requiredOf(MACHINERY_COLUMNS, m));
  return issues;
}

/** Which units each fill is measured in. */
const UNITS_OF: Readonly<Record<string, readonly string[]>> = {
  diesel: ['L', 'kg'], petrol: ['L', 'kg'], urea: ['L', 'kg'], lng: ['kg', 'L'], cng: ['kg'],
  electricity: ['kWh'],
};

export function checkLog(l: LogFields, now: number): FieldIssue[] {
  const issues: FieldIssue[] = [];

  if (l.at > now) issues.push(issue('log.future', 'at'));
  if (l.kind === 'maintenance') return issues;

  if (l.fill === null || l.quantity === null || l.unit === null) {
    issues.push(issue('log.quantity-required', 'quantity'));
  } else if (!UNITS_OF[l.fill]?.includes(l.unit)) {
    issues.push(issue('log.unit-mismatch', 'unit', { fill: l.fill, unit: l.unit }));
  }
  return issues;
}
