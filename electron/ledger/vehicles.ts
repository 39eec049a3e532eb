// The transport-vehicle registry as the lane needs it: find a registered vehicle by its
// identity (plate + plate colour). Issue #4 brings the full ledger with its validation.
import type { Db } from '../db/database.ts';

export interface RegisteredVehicle {
  id: number;
  plate: string;
  plateColor: string;
  vehicleType: string;
  fuel: string;
  emissionStage: string;
  stageEvidence: string;
  fleet: string | null;
}

export interface NewVehicle {
  plate: string;
  plateColor: string;
  vehicleType: string;
  fuel: string;
  emissionStage: string;
  stageEvidence: string;
  vin?: string;
  engineNo?: string;
  registrationDate?: string;
  fleet?: string;
  owner?: string;
}

export type VehicleMatch =
  | { kind: 'exact'; vehicle: RegisteredVehicle }
  /** The read's colour was unknown and exactly one vehicle has this plate. */
  | { kind: 'plate-only'; vehicle: RegisteredVehicle }
  | { kind: 'none' };

interface VehicleRow {
  id: number;
  plate: string;
  plate_color: string;
  vehicle_type: string;
  fuel: string;
  emission_stage: string;
  stage_evidence: string;
  fleet: string | null;
}

const toVehicle = (r: VehicleRow): RegisteredVehicle => ({
  id: r.id,
  plate: r.plate,
  plateColor: r.plate_color,
  vehicleType: r.vehicle_type,
  fuel: r.fuel,
  emissionStage: r.emission_stage,
  stageEvidence: r.stage_evidence,
  fleet: r.fleet,
});

export class VehicleRegistry {
  private readonly byIdentity;
  private readonly byPlate;
  private readonly insert;

  constructor(db: Db) {
    this.byIdentity = db.prepare('SELECT * FROM vehicles WHERE plate = ? AND plate_color = ?');
    this.byPlate = db.prepare('SELECT * FROM vehicles WHERE plate = ? LIMIT 2');
    this.insert = db.prepare(
      `INSERT INTO vehicles (plate, plate_color, vehicle_type, fuel, emission_stage,
         stage_evidence, vin, engine_no, registration_date, fleet, owner, created_at, updated_at)
       VALUES (@plate, @plateColor, @vehicleType, @fuel, @emissionStage, @stageEvidence, @vin,
         @engineNo, @registrationDate, @fleet, @owner, @now, @now)
       ON CONFLICT(plate, plate_color) DO NOTHING`,
    );
  }

  match(plate: string, plateColor: string): VehicleMatch {
    if (plateColor !== 'unknown') {
      const row = this.byIdentity.get(plate, plateColor) as VehicleRow | undefined;
      return row ? { kind: 'exact', vehicle: toVehicle(row) } : { kind: 'none' };
    }

    const rows = this.byPlate.all(plate) as VehicleRow[];
    if (rows.length !== 1) return { kind: 'none' };
    return { kind: 'plate-only', vehicle: toVehicle(rows[0]!) };
  }

  /** Adds a vehicle unless its identity is already registered; returns whether it was added. */
  add(v: NewVehicle, now = Date.now()): boolean {
    const info = this.insert.run({
      vin: null, engineNo: null, registrationDate: null, fleet: null, owner: null,
      ...v,
      now,
    });
    return info.changes > 0;
  }
}
