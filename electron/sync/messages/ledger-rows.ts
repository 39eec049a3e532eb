// The ledger rows the canonical messages are built from, read with their every reportable field.
// SQL stays here so the builders are plain functions of records.
// TODO(#4): these reads repeat the registries' columns (ledger/record-specs.ts); fold them
// into the ledger repositories so a new field is named in one place.
import { sql } from '../statements.ts';
import type { Machinery } from '../../inventory/inventory.ts';
import type { Db } from '../../db/database.ts';
import type { NewPassage, PassagePhoto } from '../../ledger/passages.ts';

export interface TransportVehicleRow {
  id: number;
  plate: string;
  plateColor: string;
  category: string;
  vehicleType: string;
  fuel: string;
  emissionStage: string;
  stageEvidence: string;
  vin: string | null;
  engineNo: string | null;
  registrationDate: string | null;
  fleet: string | null;
  owner: string | null;
  exemptionClass: string | null;
  obdOnline: number | null;
  useCharacter: string | null;
  brandModel: string | null;
  /** The record's photos, `[{kind, sha256}]` as JSON. */
  documentsJson: string;
  /** Registry status (migration 10): lane ids comma-separated, dates yyyy-MM-dd, 0/1. */
  authorisedLanes: string;
  validFrom: string | null;
  validTo: string | null;
  blacklisted: number;
  blacklistReason: string;
  auditStatus: string;
  updatedAt: number;
}

export interface InPlantVehicleRow {
  id: number;
  registrationCode: string;
  vehicleType: string;
  fuel: string;
  emissionStage: string;
  stageEvidence: string;
  registrationDate: string | null;
  vin: string | null;
  engineNo: string | null;
  documentsJson: string;
  updatedAt: number;
}

/** A machinery inventory row as the M4 builder reads it: the inventory's fields and two more. */
export interface MachineryRow extends Machinery {
  machineCode: string | null;
  pin: string;
  engineModel: string;
  engineNo: string;
  engineMaker: string;
  owner: string;
  documentsJson: string;
  updatedAt: number;
}

const documentsOf = (ledger: string, table: string) => `(SELECT json_group_array(
  json_object('kind', d.kind, 'sha256', d.sha256)) FROM ledger_documents d
  WHERE d.ledger = '${ledger}' AND d.record_id = ${table}.id) AS documentsJson`;

const TRANSPORT_COLUMNS = `id, plate, plate_color AS plateColor, category,
  vehicle_type AS vehicleType, fuel, emission_stage AS emissionStage,
  stage_evidence AS stageEvidence, vin, engine_no AS engineNo,
  registration_date AS registrationDate, fleet, owner, exemption_class AS exemptionClass,
  obd_online AS obdOnline, use_character AS useCharacter, brand_model AS brandModel,
  ${documentsOf('vehicles', 'vehicles')}, authorised_lanes AS authorisedLanes,
  valid_from AS validFrom, valid_to AS validTo, blacklisted,
  blacklist_reason AS blacklistReason, audit_status AS auditStatus, updated_at AS updatedAt`;

const IN_PLANT_COLUMNS = `id, registration_code AS registrationCode,
  vehicle_type AS vehicleType, fuel, emission_stage AS emissionStage,
  stage_evidence AS stageEvidence, registration_date AS registrationDate, vin,
  engine_no AS engineNo, ${documentsOf('inPlant', 'inplant_vehicles')},
  updated_at AS updatedAt`;

const MACHINERY_COLUMNS = `id, env_registration_code AS envRegistrationCode,
  machine_type AS machineType, fuel, emission_stage AS emissionStage,
  stage_evidence AS stageEvidence, power_kw AS powerKw, production_date AS productionDate,
  machine_code AS machineCode, pin, engine_model AS engineModel, engine_no AS engineNo,
  engine_maker AS engineMaker, owner, ${documentsOf('machinery', 'machinery')},
  updated_at AS updatedAt`;

export function transportVehicleRows(db: Db): TransportVehicleRow[] {
  return sql(db, `SELECT ${TRANSPORT_COLUMNS} FROM vehicles ORDER BY id`)
    .all() as TransportVehicleRow[];
}

export function transportVehicleRow(db: Db, id: number): TransportVehicleRow | null {
  const row = sql(db, `SELECT ${TRANSPORT_COLUMNS} FROM vehicles WHERE id = ?`).get(id);
  return (row as TransportVehicleRow | undefined) ?? null;
}

/** The fleet of a registered vehicle, or null when there is no vehicle or it has no fleet. */
export function vehicleFleet(db: Db, vehicleId: number | null): string | null {
  if (vehicleId === null) return null;

  const row = sql(db, 'SELECT fleet FROM vehicles WHERE id = ?').get(vehicleId) as
    | { fleet: string | null }
    | undefined;
  return row?.fleet ?? null;
}

export function inPlantVehicleRows(db: Db): InPlantVehicleRow[] {
  return sql(db, `SELECT ${IN_PLANT_COLUMNS} FROM inplant_vehicles ORDER BY id`)
    .all() as InPlantVehicleRow[];
}

export function machineryRows(db: Db): MachineryRow[] {
  return sql(db, `SELECT ${MACHINERY_COLUMNS} FROM machinery ORDER BY id`)
    .all() as MachineryRow[];
}

export function inPlantVehicleRow(db: Db, id: number): InPlantVehicleRow | null {
  const row = sql(db, `SELECT ${IN_PLANT_COLUMNS} FROM inplant_vehicles WHERE id = ?`).get(id);
  return (row as InPlantVehicleRow | undefined) ?? null;
}

export function machineryRow(db: Db, id: number): MachineryRow | null {
  const row = sql(db, `SELECT ${MACHINERY_COLUMNS} FROM machinery WHERE id = ?`).get(id);
  return (row as MachineryRow | undefined) ?? null;
}

/** When the platform last acknowledged anything (UTC epoch ms), for the heartbeat. */
export function lastAcknowledgedAt(db: Db): number | null {
  const row = sql(db, "SELECT MAX(acked_at) AS at FROM outbox WHERE state = 'acked'")
    .get() as { at: number | null };
  return row.at;
}

interface RawPassage extends Omit<NewPassage, 'colorMismatch' | 'offlineReplay' | 'testPush'> {
  colorMismatch: number;
  offlineReplay: number;
  testPush: number;
}

const PASSAGE_COLUMNS = `id, lane_id AS laneId, gate_id AS gateId, camera_id AS cameraId,
  direction, plate, plate_color AS plateColor, read_plate_color AS readPlateColor,
  color_mismatch AS colorMismatch, recognition_mode AS recognitionMode, confidence,
  vendor_event_id AS vendorEventId, offline_replay AS offlineReplay, vehicle_id AS vehicleId,
  emission_stage AS emissionStage, fuel, decision, reason_code AS reasonCode,
  reason_zh AS reasonZh, reason_en AS reasonEn, rule_version AS ruleVersion,
  control_state AS controlState, captured_at AS capturedAt, created_at AS createdAt,
  test_push AS testPush`;

/** A stored passage with its photos, as the lane wrote them. */
export function passageWithPhotos(
  db: Db, passageId: string,
): { passage: NewPassage; photos: PassagePhoto[] } | null {
  const raw = sql(db, `SELECT ${PASSAGE_COLUMNS} FROM passages WHERE id = ?`)
    .get(passageId) as RawPassage | undefined;
  if (!raw) return null;

  const photos = sql(db,
    'SELECT kind, sha256, mime, bytes FROM passage_photos WHERE passage_id = ? ORDER BY rowid',
  ).all(passageId) as PassagePhoto[];
  const passage: NewPassage = {
    ...raw, colorMismatch: raw.colorMismatch === 1, offlineReplay: raw.offlineReplay === 1,
    testPush: raw.testPush === 1,
  };
  return { passage, photos };
}
