// The three registries as specs of the one repository shape (record-ledger.ts): which table,
// which column holds each field of the contract, what identifies a record, what is searched and
// sorted, which checks run and which platform message a change writes.
import type { Db } from '../db/database.ts';
import type { InPlantFields, MachineryFields, VehicleFields } from '../api/contract.ts';
import { normalisePlate, plateKind } from '../devices/lpr/plate.ts';
import { normaliseVin } from './checks/vin.ts';
import { checkInPlant, checkMachinery, checkVehicle } from './checks/record-checks.ts';
import { cutoverClassOf, stageLowerBound } from './checks/stage-cutovers.ts';
import { checkAuthorisedLanes } from './checks/registry-status.ts';
import { NO_SITE, RecordLedger, type RecordSpec, type SiteFacts } from './record-ledger.ts';
import { reportInPlantVehicle, reportMachinery, reportTransportVehicle } from
  './platform-reports.ts';

type AnyFields = Parameters<RecordSpec['check']>[0];

/** Upper case without spaces: how VINs, engine numbers and codes are compared and stored. */
const code = (s: unknown) => String(s ?? '').replace(/\s+/g, '').toUpperCase();

export const VEHICLE_SPEC: RecordSpec = {
  ledger: 'vehicles',
  table: 'vehicles',
  columns: {
    plate: 'plate', plateColor: 'plate_color', vin: 'vin', engineNo: 'engine_no',
    registrationDate: 'registration_date', emissionStage: 'emission_stage',
    stageEvidenceKind: 'stage_evidence', stageEvidence: 'stage_evidence_note', fuel: 'fuel',
    vehicleType: 'vehicle_type', useCharacter: 'use_character', brandModel: 'brand_model',
    fleet: 'fleet', owner: 'owner', obdOnline: 'obd_online', ratedLoadKg: 'rated_load_kg',
    grossMassKg: 'gross_mass_kg', licenceIssueDate: 'licence_issue_date',
    exemptionClass: 'exemption_class', authorisedLanes: 'authorised_lanes',
    validFrom: 'valid_from', validTo: 'valid_to', blacklisted: 'blacklisted',
    blacklistReason: 'blacklist_reason', auditStatus: 'audit_status',
  },
  booleans: ['obdOnline', 'blacklisted'],
  lists: ['authorisedLanes'],
  texts: ['vin', 'engineNo', 'fleet', 'owner', 'useCharacter', 'brandModel', 'stageEvidence'],
  identity: ['plate', 'plateColor'],
  searchColumns: ['plate', 'vin', 'engine_no', 'owner', 'fleet'],
  sorts: { plate: 'plate', registrationDate: 'registration_date',
    emissionStage: 'emission_stage', fleet: 'fleet', updatedAt: 'updated_at' },
  documentKinds: ['env-list', 'licence-front', 'licence-back'],
  normalise: (f) => ({ ...f, plate: normalisePlate(String(f.plate)),
    vin: normaliseVin(String(f.vin ?? '')), engineNo: code(f.engineNo) }),
  check: (f, now) => checkVehicle(f as unknown as VehicleFields, now),
  checkSite: (f, site) => checkAuthorisedLanes(f.authorisedLanes as string[] | undefined, site),
  extend: (f: AnyFields) => {
    const date = f.registrationDate as string | null;
    return {
      plateKind: plateKind(String(f.plate)),
      stageLowerBound: date ? stageLowerBound(date, cutoverClassOf(String(f.plateColor))) : null,
    };
  },
  report: reportTransportVehicle,
};

export const IN_PLANT_SPEC: RecordSpec = {
  ledger: 'inPlant',
  table: 'inplant_vehicles',
  columns: {
    registrationCode: 'registration_code', registrationDate: 'registration_date', vin: 'vin',
    engineNo: 'engine_no', emissionStage: 'emission_stage', stageEvidenceKind: 'stage_evidence',
    stageEvidence: 'stage_evidence_note', fuel: 'fuel', vehicleType: 'vehicle_type',
  },
  texts: ['vin', 'engineNo', 'stageEvidence'],
  identity: ['registrationCode'],
  searchColumns: ['registration_code', 'vin', 'engine_no'],
  sorts: { registrationCode: 'registration_code', registrationDate: 'registration_date',
    emissionStage: 'emission_stage', updatedAt: 'updated_at' },
  documentKinds: ['env-list', 'licence-front', 'licence-back'],
  normalise: (f) => ({ ...f, registrationCode: code(f.registrationCode),
    vin: normaliseVin(String(f.vin ?? '')), engineNo: code(f.engineNo) }),
  check: (f, now) => checkInPlant(f as unknown as InPlantFields, now),
  report: reportInPlantVehicle,
};

export const MACHINERY_SPEC: RecordSpec = {
  ledger: 'machinery',
  table: 'machinery',
  columns: {
    envRegistrationCode: 'env_registration_code', productionDate: 'production_date',
    emissionStage: 'emission_stage', stageEvidenceKind: 'stage_evidence',
    stageEvidence: 'stage_evidence_note', machineCode: 'machine_code',
    machineType: 'machine_type', fuel: 'fuel', powerKw: 'power_kw', pin: 'pin',
    engineModel: 'engine_model', engineNo: 'engine_no', engineMaker: 'engine_maker',
    owner: 'owner',
  },
  texts: ['machineCode', 'stageEvidence'],
  identity: ['envRegistrationCode'],
  searchColumns: ['env_registration_code', 'machine_code', 'pin', 'engine_no', 'owner'],
  sorts: { envRegistrationCode: 'env_registration_code', productionDate: 'production_date',
    emissionStage: 'emission_stage', updatedAt: 'updated_at' },
  documentKinds: ['engine-nameplate'],
  normalise: (f) => ({ ...f, envRegistrationCode: code(f.envRegistrationCode),
    machineCode: code(f.machineCode), pin: code(f.pin), engineNo: code(f.engineNo) }),
  check: (f, now) => checkMachinery(f as unknown as MachineryFields, now),
  report: reportMachinery,
};

/** The three registries over one database. */
export interface Registries {
  vehicles: RecordLedger;
  inPlant: RecordLedger;
  machinery: RecordLedger;
}

/** `site`: the site as configured now, which authorised lanes are checked against. */
export const openRegistries = (db: Db, site: () => SiteFacts = () => NO_SITE): Registries => ({
  vehicles: new RecordLedger(db, VEHICLE_SPEC, site),
  inPlant: new RecordLedger(db, IN_PLANT_SPEC),
  machinery: new RecordLedger(db, MACHINERY_SPEC),
});
