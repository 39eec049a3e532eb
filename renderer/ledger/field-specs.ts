// The form fields of each registry, in the order of the regulation's tables (domain.md §1.5).
// A spec says how a field is entered; its label is `ledger.field.<key>` in the locale files and
// the core decides what is valid (its messages are shown at the field).
import { FILL_KINDS, LOG_KINDS, QUANTITY_UNITS } from '../../electron/api/contract.ts';
import {
  AUDIT_STATUSES, FUEL_CODES, LEDGER_PLATE_COLORS, MACHINERY_STAGES, STAGE_EVIDENCE_KINDS,
  USE_CODES, VEHICLE_STAGES,
} from './ledger-codes.ts';

export interface FieldSpec {
  key: string;
  kind: 'text' | 'note' | 'date' | 'datetime' | 'number' | 'select' | 'yesNo' | 'subject'
    /** A switch: on or off, never unknown. */
    | 'switch'
    /** Some of the site's lanes, picked by name; none picked: every lane. */
    | 'lanes';
  /** For selects: the codes, shown through `<labels>.<code>` in the locale files. */
  options?: readonly string[];
  labels?: string;
  /** GA codes are known by their letter too: show `B 柴油` rather than `柴油`. */
  showCode?: boolean;
  required?: boolean;
  max?: number;
  /** A new record's starting value, where the contract has a default worth showing. */
  initial?: string;
  /** The record's identity: entered once, never changed by an edit. */
  identity?: boolean;
}

const stage = (options: readonly string[]): FieldSpec =>
  ({ key: 'emissionStage', kind: 'select', options, labels: 'ledger.stage', required: true });
const evidence: FieldSpec[] = [
  { key: 'stageEvidenceKind', kind: 'select', options: STAGE_EVIDENCE_KINDS,
    labels: 'ledger.evidence', required: true, initial: 'MANUAL' },
  { key: 'stageEvidence', kind: 'text', max: 200 },
];
const fuel: FieldSpec =
  { key: 'fuel', kind: 'select', options: FUEL_CODES, labels: 'ledger.fuel', required: true,
    showCode: true };

export const VEHICLE_FIELDS: readonly FieldSpec[] = [
  { key: 'plate', kind: 'text', required: true, max: 16, identity: true },
  { key: 'plateColor', kind: 'select', options: LEDGER_PLATE_COLORS, labels: 'plateColor',
    required: true, identity: true },
  { key: 'vin', kind: 'text', max: 32 },
  { key: 'engineNo', kind: 'text', max: 32 },
  { key: 'registrationDate', kind: 'date' },
  stage(VEHICLE_STAGES),
  ...evidence,
  fuel,
  { key: 'vehicleType', kind: 'text', required: true, max: 3 },
  { key: 'useCharacter', kind: 'select', options: USE_CODES, labels: 'ledger.use',
    showCode: true },
  { key: 'brandModel', kind: 'text', max: 100 },
  { key: 'fleet', kind: 'text', max: 100 },
  { key: 'owner', kind: 'text', max: 100 },
  { key: 'obdOnline', kind: 'yesNo' },
  { key: 'ratedLoadKg', kind: 'number', max: 100_000 },
  { key: 'grossMassKg', kind: 'number', max: 200_000 },
  { key: 'licenceIssueDate', kind: 'date' },
  // The registry status (M3): what the entry lanes bar the truck by before the rules.
  { key: 'authorisedLanes', kind: 'lanes' },
  { key: 'validFrom', kind: 'date' },
  { key: 'validTo', kind: 'date' },
  { key: 'blacklisted', kind: 'switch' },
  { key: 'blacklistReason', kind: 'text', max: 200 },
  { key: 'auditStatus', kind: 'select', options: AUDIT_STATUSES, labels: 'ledger.audit',
    required: true, initial: 'pending' },
];

export const IN_PLANT_FIELDS: readonly FieldSpec[] = [
  { key: 'registrationCode', kind: 'text', required: true, max: 32, identity: true },
  { key: 'registrationDate', kind: 'date' },
  { key: 'vin', kind: 'text', max: 32 },
  { key: 'engineNo', kind: 'text', max: 32 },
  stage(VEHICLE_STAGES),
  ...evidence,
  fuel,
  { key: 'vehicleType', kind: 'text', required: true, max: 3 },
];

export const MACHINERY_FIELDS: readonly FieldSpec[] = [
  { key: 'envRegistrationCode', kind: 'text', required: true, max: 32, identity: true },
  { key: 'productionDate', kind: 'date' },
  stage(MACHINERY_STAGES),
  ...evidence,
  { key: 'machineCode', kind: 'text', max: 64 },
  { key: 'machineType', kind: 'text', required: true, max: 32 },
  fuel,
  { key: 'powerKw', kind: 'number', max: 10_000 },
  { key: 'pin', kind: 'text', max: 64 },
  { key: 'engineModel', kind: 'text', max: 64 },
  { key: 'engineNo', kind: 'text', max: 32 },
  { key: 'engineMaker', kind: 'text', max: 100 },
  { key: 'owner', kind: 'text', max: 100 },
];

/** A fuel, urea or maintenance log entry (§1.5.4): written once, never edited. */
export const LOG_FIELDS: readonly FieldSpec[] = [
  { key: 'kind', kind: 'select', options: LOG_KINDS, labels: 'ledger.logKind', required: true },
  { key: 'subjectKind', kind: 'select', options: ['inPlant', 'machinery'],
    labels: 'ledger.subjectKind', required: true },
  { key: 'subjectId', kind: 'subject', required: true },
  { key: 'at', kind: 'datetime', required: true },
  { key: 'fill', kind: 'select', options: FILL_KINDS, labels: 'ledger.fill' },
  { key: 'quantity', kind: 'number', max: 100_000 },
  { key: 'unit', kind: 'select', options: QUANTITY_UNITS, labels: 'ledger.unit' },
  { key: 'grade', kind: 'text', max: 32 },
  { key: 'supplier', kind: 'text', max: 100 },
  { key: 'note', kind: 'note', max: 500 },
];
