// The transport-vehicle registry as the lane needs it: find a registered vehicle by its
// identity (plate + plate colour), and the seeds' writer. Officers register and change vehicles
// through the ledger (record-specs.ts), which checks them and keeps each version's history.
// A registration or a change writes its M3 message into the outbox in the same transaction,
// under the plate's order key, so the platform hears of the vehicle before its next passage.
import type { Db } from '../db/database.ts';
import { reportTransportVehicle } from './platform-reports.ts';

export interface RegisteredVehicle {
  id: number;
  plate: string;
  plateColor: string;
  vehicleType: string;
  fuel: string;
  emissionStage: string;
  stageEvidence: string;
  fleet: string | null;
  /** R15 exemption class (special, hazardous-chemicals, livelihood…) when an officer set one. */
  exemptionClass: string | null;
  /** Connected to remote emission monitoring (联网状态, R13); null when not known. */
  obdOnline: boolean | null;
  /** M3's registry status (migration 10): the lane checks it before the rules (registry-bar). */
  blacklisted: boolean;
  blacklistReason: string;
  /** yyyy-MM-dd, both ends included; null: open. */
  validFrom: string | null;
  validTo: string | null;
  /** Lane ids the vehicle may enter by; empty: every lane. */
  authorisedLanes: string[];
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
  exemptionClass?: string;
  obdOnline?: boolean;
}

/** Registry status (M3), set by a change: a new vehicle is neither barred nor limited. */
export interface VehicleStatusChanges {
  blacklisted?: boolean;
  blacklistReason?: string;
  validFrom?: string;
  validTo?: string;
  /** Comma-separated lane ids. */
  authorisedLanes?: string;
}

/** Everything but the identity (plate + colour), which a change never touches. */
export type VehicleChanges = Partial<Omit<NewVehicle, 'plate' | 'plateColor'>>
  & VehicleStatusChanges;

export interface RegistryWrite {
  now?: number;
  /**
   * false only for entries the platform holds already: test fixtures and the demo registry,
   * which stand for vehicles filed before this PC was installed. Everything an officer
   * registers or changes is reported.
   */
  report?: boolean;
}

/** The registry's columns a change may set, by the NewVehicle field that carries them. */
const CHANGEABLE_COLUMNS: Readonly<Record<keyof VehicleChanges, string>> = {
  vehicleType: 'vehicle_type',
  fuel: 'fuel',
  emissionStage: 'emission_stage',
  stageEvidence: 'stage_evidence',
  vin: 'vin',
  engineNo: 'engine_no',
  registrationDate: 'registration_date',
  fleet: 'fleet',
  owner: 'owner',
  exemptionClass: 'exemption_class',
  obdOnline: 'obd_online',
  blacklisted: 'blacklisted',
  blacklistReason: 'blacklist_reason',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  authorisedLanes: 'authorised_lanes',
};

/** Stored as 0/1. */
const BOOLEAN_CHANGES: ReadonlySet<keyof VehicleChanges> = new Set(['obdOnline', 'blacklisted']);

/** The lanes column as a list: comma-separated ids, blanks dropped; empty means every lane. */
export const parseLaneList = (text: string | null | undefined): string[] =>
  (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

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
  exemption_class: string | null;
  obd_online: number | null;
  blacklisted: number;
  blacklist_reason: string;
  valid_from: string | null;
  valid_to: string | null;
  authorised_lanes: string;
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
  exemptionClass: r.exemption_class,
  obdOnline: r.obd_online === null ? null : r.obd_online === 1,
  blacklisted: r.blacklisted === 1,
  blacklistReason: r.blacklist_reason,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  authorisedLanes: parseLaneList(r.authorised_lanes),
});

export class VehicleRegistry {
  private readonly db: Db;
  private readonly byIdentity;
  private readonly byPlate;
  private readonly insert;

  constructor(db: Db) {
    this.db = db;
    this.byIdentity = db.prepare('SELECT * FROM vehicles WHERE plate = ? AND plate_color = ?');
    this.byPlate = db.prepare('SELECT * FROM vehicles WHERE plate = ? LIMIT 2');
    this.insert = db.prepare(
      `INSERT INTO vehicles (plate, plate_color, vehicle_type, fuel, emission_stage,
         stage_evidence, vin, engine_no, registration_date, fleet, owner, exemption_class,
         obd_online, created_at, updated_at)
       VALUES (@plate, @plateColor, @vehicleType, @fuel, @emissionStage, @stageEvidence, @vin,
         @engineNo, @registrationDate, @fleet, @owner, @exemptionClass, @obdOnline, @now, @now)
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

  /**
   * Adds a vehicle unless its identity is already registered; returns whether it was added.
   * The row and its outbox message commit together (a savepoint inside a caller's transaction).
   */
  add(v: NewVehicle, options: RegistryWrite = {}): boolean {
    const now = options.now ?? Date.now();
    const write = this.db.transaction(() => {
      const info = this.insert.run({
        vin: null, engineNo: null, registrationDate: null, fleet: null, owner: null,
        exemptionClass: null,
        ...v,
        obdOnline: v.obdOnline === undefined ? null : Number(v.obdOnline),
        now,
      });
      if (info.changes === 0) return false;

      if (options.report !== false) this.report(Number(info.lastInsertRowid), now);
      return true;
    });
    return write();
  }

  /** Changes a registered vehicle; false when no vehicle has this identity. */
  update(plate: string, plateColor: string, changes: VehicleChanges,
    options: RegistryWrite = {}): boolean {
    const now = options.now ?? Date.now();
    const fields = (Object.keys(changes) as (keyof VehicleChanges)[])
      .filter((f) => changes[f] !== undefined && Object.hasOwn(CHANGEABLE_COLUMNS, f));
    const sets = fields.map((f) => `${CHANGEABLE_COLUMNS[f]} = @${f}`);
    const values: Record<string, unknown> = { plate, plateColor, now };
    for (const f of fields) {
      values[f] = BOOLEAN_CHANGES.has(f) ? Number(changes[f]) : changes[f];
    }

    const write = this.db.transaction(() => {
      const row = this.byIdentity.get(plate, plateColor) as VehicleRow | undefined;
      if (!row) return false;

      this.db.prepare(
        `UPDATE vehicles SET ${[...sets, 'updated_at = @now', 'version = version + 1'].join(', ')}
         WHERE plate = @plate AND plate_color = @plateColor`,
      ).run(values);
      if (options.report !== false) this.report(row.id, now);
      return true;
    });
    return write();
  }

  /** The vehicle's M3 message as it stands now, queued ahead of the plate's later passages. */
  private report(id: number, now: number): void {
    reportTransportVehicle(this.db, id, now);
  }
}
