// The in-plant vehicle (厂内运输车辆, domain.md §1.5.2) and non-road mobile
// machinery (非道路移动机械, §1.5.3) inventories, as far as the compliance check needs
// them. SQL stays here. The full ledgers (documents, versions, platform upload) are the
// registries of electron/ledger/record-specs.ts over the same tables.
import type { Db } from '../db/database.ts';

export interface InPlantVehicle {
  id: number;
  registrationCode: string;
  vehicleType: string;
  fuel: string;
  emissionStage: string;
  stageEvidence: string;
}

export interface Machinery {
  id: number;
  envRegistrationCode: string;
  machineType: string;
  fuel: string;
  /** '0'–'6', 'D' (electric), 'X' (no emission stage). */
  emissionStage: string;
  stageEvidence: string;
  powerKw: number | null;
  productionDate: string | null;
}

export type NewInPlantVehicle = Omit<InPlantVehicle, 'id'> & {
  registrationDate?: string; vin?: string; engineNo?: string;
};
export type NewMachinery = Omit<Machinery, 'id' | 'powerKw' | 'productionDate'> & {
  powerKw?: number; productionDate?: string; machineCode?: string;
};

export class Inventory {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  inPlantVehicles(): InPlantVehicle[] {
    return this.db.prepare(
      `SELECT id, registration_code AS registrationCode, vehicle_type AS vehicleType, fuel,
         emission_stage AS emissionStage, stage_evidence AS stageEvidence
       FROM inplant_vehicles ORDER BY registration_code`,
    ).all() as InPlantVehicle[];
  }

  machinery(): Machinery[] {
    return this.db.prepare(
      `SELECT id, env_registration_code AS envRegistrationCode, machine_type AS machineType,
         fuel, emission_stage AS emissionStage, stage_evidence AS stageEvidence,
         power_kw AS powerKw, production_date AS productionDate
       FROM machinery ORDER BY env_registration_code`,
    ).all() as Machinery[];
  }

  /** Adds an in-plant vehicle unless its registration code is known; whether it was added. */
  addInPlantVehicle(v: NewInPlantVehicle, now = Date.now()): boolean {
    const info = this.db.prepare(
      `INSERT INTO inplant_vehicles (registration_code, vehicle_type, fuel, emission_stage,
         stage_evidence, registration_date, vin, engine_no, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(registration_code) DO NOTHING`,
    ).run(v.registrationCode, v.vehicleType, v.fuel, v.emissionStage, v.stageEvidence,
      v.registrationDate ?? null, v.vin ?? null, v.engineNo ?? null, now, now);
    return info.changes > 0;
  }

  /** Adds a machine unless its registration code is known; whether it was added. */
  addMachinery(m: NewMachinery, now = Date.now()): boolean {
    const info = this.db.prepare(
      `INSERT INTO machinery (env_registration_code, machine_type, fuel, emission_stage,
         stage_evidence, power_kw, production_date, machine_code, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(env_registration_code) DO NOTHING`,
    ).run(m.envRegistrationCode, m.machineType, m.fuel, m.emissionStage, m.stageEvidence,
      m.powerKw ?? null, m.productionDate ?? null, m.machineCode ?? null, now, now);
    return info.changes > 0;
  }
}
