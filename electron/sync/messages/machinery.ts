// M4, a non-road mobile machine's registration (非道路移动机械备案, domain.md §1.5.3 and
// §2.3), from the machinery inventory of migration 002.
import { z } from 'zod';
import { STAGE_CODES } from '../../rules/rule-schema.ts';
import type { MachineryRow } from './ledger-rows.ts';
import { documentRef, parseDocuments } from './vehicle.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const machineryMessageSchema = z.object({
  /** 环保登记编码: the city's machinery registration code, the machine's identity. */
  envRegistrationCode: z.string().min(1).max(32),
  /** Loader, forklift, excavator … (our words; profiles map them). */
  machineType: z.string().min(1),
  /** GA 24.9 fuel code. */
  fuel: z.string().min(1).max(2),
  /** '0'–'6', 'D' (electric) or 'X' (no emission stage). */
  emissionStage: z.enum(STAGE_CODES),
  stageEvidence: z.string().min(1),
  powerKw: z.number().positive().nullable(),
  productionDate: z.string().regex(DATE, 'expected yyyy-MM-dd').nullable(),
  /** 机械代码: product identification number or environmental information code. */
  machineCode: z.string().max(64).nullable(),
  pin: z.string().max(64).nullable().default(null),
  engineModel: z.string().max(64).nullable().default(null),
  engineNo: z.string().max(32).nullable().default(null),
  engineMaker: z.string().max(100).nullable().default(null),
  /** Personal data: profiles send it only where the platform asks for it. */
  owner: z.string().max(100).nullable().default(null),
  /** The engine nameplate and label photos by content hash. */
  documents: z.array(documentRef).default([]),
  changedAt: z.number().int(),
});

export type MachineryMessage = z.infer<typeof machineryMessageSchema>;

export function buildMachineryMessage(row: MachineryRow): MachineryMessage {
  return {
    envRegistrationCode: row.envRegistrationCode,
    machineType: row.machineType,
    fuel: row.fuel,
    emissionStage: row.emissionStage as MachineryMessage['emissionStage'],
    stageEvidence: row.stageEvidence,
    powerKw: row.powerKw,
    productionDate: row.productionDate,
    machineCode: row.machineCode || null,
    pin: row.pin || null,
    engineModel: row.engineModel || null,
    engineNo: row.engineNo || null,
    engineMaker: row.engineMaker || null,
    owner: row.owner || null,
    documents: parseDocuments(row.documentsJson),
    changedAt: row.updatedAt,
  };
}
