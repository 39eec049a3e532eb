// M3, a vehicle registration (运输车辆备案 / 厂内车辆备案, domain.md §2.3): a
// transport vehicle from the registry (plate + colour is its identity) or an in-plant vehicle (its
// registration code or internal number). A change must reach the platform within 24 hours.
import { z } from 'zod';
import { PLATE_COLORS } from '../../devices/lpr/plate-read.ts';
import type { InPlantVehicleRow, TransportVehicleRow } from './ledger-rows.ts';
import { parseLaneList } from '../../ledger/vehicles.ts';

/** Road vehicles: China 0–VI or electric; 'X' (no stage) is for machinery only. */
export const VEHICLE_STAGES = ['0', '1', '2', '3', '4', '5', '6', 'D'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The platform's audit of a registration (备案审核状态); ours until it answers: pending. */
export const AUDIT_STATUSES = ['pending', 'approved', 'rejected'] as const;

export const documentRef = z.object({ kind: z.string(), sha256: z.string() });
export const parseDocuments = (json: string | null | undefined) =>
  json ? (JSON.parse(json) as Array<{ kind: string; sha256: string }>) : [];

export const vehicleMessageSchema = z.object({
  /** Stable across changes: `transport:<plate>:<colour>` or `inPlant:<registration code>`. */
  vehicleKey: z.string().min(1),
  category: z.enum(['transport', 'inPlant']),
  /** The plate, or an in-plant vehicle's internal management number (内部管理号牌). */
  plate: z.string().min(1).max(32),
  /** 'unknown' for an in-plant vehicle that carries an internal number, not a plate. */
  plateColor: z.enum(PLATE_COLORS),
  /** GA 24.4 vehicle type (H11, Q11 …). */
  vehicleType: z.string().min(1).max(3),
  /** GA 24.9 fuel code (B diesel, C electric, E natural gas …). */
  fuel: z.string().min(1).max(2),
  emissionStage: z.enum(VEHICLE_STAGES),
  stageEvidence: z.string().min(1),
  vin: z.string().length(17).nullable(),
  engineNo: z.string().max(32).nullable(),
  registrationDate: z.string().regex(DATE, 'expected yyyy-MM-dd').nullable(),
  fleet: z.string().max(100).nullable(),
  /** Personal data: profiles send it only where the platform asks for it. */
  owner: z.string().max(100).nullable(),
  /** 联网状态: connected to remote emission monitoring (HJ 1239); null when not known. */
  obdOnline: z.boolean().nullable(),
  exemptionClass: z.string().nullable(),
  brandModel: z.string().max(100).nullable().default(null),
  /** GA 24.3 use character (F freight …). */
  useCharacter: z.string().max(1).nullable().default(null),
  /** The licence and 随车清单 photos by content hash; profiles send the bytes. */
  documents: z.array(documentRef).default([]),
  // The registry's status (migration 10); defaulted so a row queued before them still parses.
  /** Lane ids the vehicle may use (授权通道); empty: every lane. */
  authorisedChannels: z.array(z.string().min(1)).default([]),
  /** The registration's validity, yyyy-MM-dd, both ends included; null: open. */
  validFrom: z.string().regex(DATE, 'expected yyyy-MM-dd').nullable().default(null),
  validTo: z.string().regex(DATE, 'expected yyyy-MM-dd').nullable().default(null),
  blacklisted: z.boolean().default(false),
  blacklistReason: z.string().max(200).nullable().default(null),
  auditStatus: z.enum(AUDIT_STATUSES).default('pending'),
  changedAt: z.number().int(),
});

export type VehicleMessage = z.infer<typeof vehicleMessageSchema>;

export const transportVehicleKey = (plate: string, plateColor: string) =>
  `transport:${plate}:${plateColor}`;

export function buildTransportVehicleMessage(row: TransportVehicleRow): VehicleMessage {
  return {
    vehicleKey: transportVehicleKey(row.plate, row.plateColor),
    category: 'transport',
    plate: row.plate,
    plateColor: row.plateColor as VehicleMessage['plateColor'],
    vehicleType: row.vehicleType,
    fuel: row.fuel,
    emissionStage: row.emissionStage as VehicleMessage['emissionStage'],
    stageEvidence: row.stageEvidence,
    vin: row.vin || null,
    engineNo: row.engineNo || null,
    registrationDate: row.registrationDate,
    fleet: row.fleet || null,
    owner: row.owner || null,
    obdOnline: row.obdOnline === null ? null : row.obdOnline === 1,
    exemptionClass: row.exemptionClass,
    brandModel: row.brandModel || null,
    useCharacter: row.useCharacter || null,
    documents: parseDocuments(row.documentsJson),
    authorisedChannels: parseLaneList(row.authorisedLanes),
    validFrom: row.validFrom,
    validTo: row.validTo,
    blacklisted: row.blacklisted === 1,
    blacklistReason: row.blacklistReason || null,
    auditStatus: row.auditStatus as VehicleMessage['auditStatus'],
    changedAt: row.updatedAt,
  };
}

export function buildInPlantVehicleMessage(row: InPlantVehicleRow): VehicleMessage {
  return {
    vehicleKey: `inPlant:${row.registrationCode}`,
    category: 'inPlant',
    plate: row.registrationCode,
    plateColor: 'unknown',
    vehicleType: row.vehicleType,
    fuel: row.fuel,
    emissionStage: row.emissionStage as VehicleMessage['emissionStage'],
    stageEvidence: row.stageEvidence,
    vin: row.vin || null,
    engineNo: row.engineNo || null,
    registrationDate: row.registrationDate,
    fleet: null,
    owner: null,
    obdOnline: null,
    exemptionClass: null,
    brandModel: null,
    useCharacter: null,
    documents: parseDocuments(row.documentsJson),
    // TODO(#4): in-plant vehicles have no registry status columns yet.
    authorisedChannels: [],
    validFrom: null,
    validTo: null,
    blacklisted: false,
    blacklistReason: null,
    auditStatus: 'pending',
    changedAt: row.updatedAt,
  };
}
