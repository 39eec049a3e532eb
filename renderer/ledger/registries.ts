// The three registries an officer keeps — transport vehicles (§1.5.1), in-plant vehicles
// (§1.5.2), non-road mobile machinery (§1.5.3) — as one shape the registry page works from:
// their calls, form fields, photo kinds, filters and the columns the table shows.
import type { z } from 'zod';
import {
  IN_PLANT_SORTS, MACHINERY_SORTS, VEHICLE_SORTS, inPlantFields, machineryFields,
  vehicleFields, type DocumentView, type FieldIssue,
} from '../../electron/api/contract.ts';
import {
  IN_PLANT_FIELDS, MACHINERY_FIELDS, VEHICLE_FIELDS, type FieldSpec,
} from './field-specs.ts';
import { MACHINERY_STAGES, VEHICLE_STAGES, VEHICLE_STATUS_FILTERS } from './ledger-codes.ts';

export type RegistryLedger = 'vehicles' | 'inPlant' | 'machinery';

/** A registry row as every list sends it; the rest of its fields are named by the specs. */
export type RegistryRow = Record<string, unknown> & {
  id: number;
  version: number;
  updatedAt: number;
  updatedBy: string;
  documents: DocumentView[];
  warnings: FieldIssue[];
};

export interface Registry {
  ledger: RegistryLedger;
  specs: readonly FieldSpec[];
  schema: z.ZodType;
  /** The field that names a row on screen (plate, registration code). */
  titleKey: string;
  documentKinds: readonly DocumentView['kind'][];
  /** Any one of these on file satisfies the regulation's document requirement. */
  requiredDocuments: readonly DocumentView['kind'][];
  stages: readonly string[];
  fleet: boolean;
  /** The registry statuses the list narrows to (transport vehicles: blacklisted, expired). */
  statuses?: readonly string[];
  sorts: readonly string[];
  /** The table's columns besides title, stage, documents and warnings. */
  columns: readonly string[];
}

const VEHICLE_DOCUMENTS = ['licence-front', 'licence-back', 'env-list', 'vehicle'] as const;

export const REGISTRIES: Readonly<Record<RegistryLedger, Registry>> = {
  vehicles: {
    ledger: 'vehicles',
    specs: VEHICLE_FIELDS,
    schema: vehicleFields,
    titleKey: 'plate',
    documentKinds: VEHICLE_DOCUMENTS,
    requiredDocuments: ['licence-front', 'licence-back', 'env-list'],
    stages: VEHICLE_STAGES,
    fleet: true,
    statuses: VEHICLE_STATUS_FILTERS,
    sorts: VEHICLE_SORTS,
    columns: ['registrationDate', 'fuel', 'vehicleType', 'fleet', 'vin', 'blacklisted',
      'validTo'],
  },
  inPlant: {
    ledger: 'inPlant',
    specs: IN_PLANT_FIELDS,
    schema: inPlantFields,
    titleKey: 'registrationCode',
    documentKinds: VEHICLE_DOCUMENTS,
    requiredDocuments: ['licence-front', 'licence-back', 'env-list'],
    stages: VEHICLE_STAGES,
    fleet: false,
    sorts: IN_PLANT_SORTS,
    columns: ['registrationDate', 'fuel', 'vehicleType', 'vin'],
  },
  machinery: {
    ledger: 'machinery',
    specs: MACHINERY_FIELDS,
    schema: machineryFields,
    titleKey: 'envRegistrationCode',
    documentKinds: ['engine-nameplate', 'machine-nameplate', 'env-label', 'machine'],
    requiredDocuments: ['engine-nameplate'],
    stages: MACHINERY_STAGES,
    fleet: false,
    sorts: MACHINERY_SORTS,
    columns: ['productionDate', 'machineType', 'fuel', 'powerKw', 'machineCode'],
  },
};
