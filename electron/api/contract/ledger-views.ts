// The shapes of the electronic ledgers (issue #4), part of the API contract: the records the
// regulation asks for (domain.md §1.5), their field-level problems, filters and pages.
// Codes stay our own strings (domain.md §2.5); the platform profile translates them.
import { z } from 'zod';

// ---- codes ---------------------------------------------------------------------------------

/** 0–6 for 国0…国六, D electric; machinery adds X (no emission stage). */
export const VEHICLE_STAGES = ['0', '1', '2', '3', '4', '5', '6', 'D'] as const;
export const MACHINERY_STAGES = [...VEHICLE_STAGES, 'X'] as const;

/** A registered plate's colour (the read colour 'unknown' is never an identity). */
export const LEDGER_PLATE_COLORS = [
  'blue', 'yellow', 'white', 'black', 'green', 'yellowGreen',
] as const;

/** How the stage was determined, best evidence first (domain.md §1.6.2). */
export const STAGE_EVIDENCE_KINDS = [
  'ENV_LIST', 'NEV_PLATE', 'MODEL_CATALOGUE', 'SIBLING', 'REG_DATE', 'MANUAL',
] as const;

/** Photos a ledger record keeps, stored by content hash under the media root. */
export const DOCUMENT_KINDS = [
  'licence-front', 'licence-back', 'env-list', 'vehicle',
  'engine-nameplate', 'machine-nameplate', 'env-label', 'machine',
  'receipt',
] as const;

/** The platform's audit of a vehicle's registration (M3); unaudited until it answers. */
export const AUDIT_STATUSES = ['pending', 'approved', 'rejected'] as const;
/** The registry status a vehicle list may be narrowed to: barred, or out of its validity. */
export const VEHICLE_STATUS_FILTERS = ['blacklisted', 'expired'] as const;

export const LEDGERS = ['vehicles', 'inPlant', 'machinery', 'logs', 'visits'] as const;
export type Ledger = (typeof LEDGERS)[number];
/** The ledgers an Excel sheet may be imported into. */
export const IMPORTABLE_LEDGERS = ['vehicles', 'inPlant', 'machinery'] as const;

export const LOG_KINDS = ['fuel', 'urea', 'maintenance'] as const;
/** What was put in: GA 24.9-like words of our own, not the platform's codes. */
export const FILL_KINDS = ['diesel', 'petrol', 'urea', 'lng', 'cng', 'electricity'] as const;
export const QUANTITY_UNITS = ['L', 'kg', 'kWh'] as const;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written yyyy-MM-dd');
const text = (max: number) => z.string().trim().max(max);

// ---- shared pieces -------------------------------------------------------------------------

/** One problem with one field, in both languages; errors block a save, warnings do not. */
export const fieldIssue = z.object({
  field: z.string(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  zh: z.string(),
  en: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssue>;

/** A stored document photo; its bytes come from `media.photo` with the same sha256. */
export const documentView = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  sha256: z.string(),
  mime: z.string(),
  bytes: z.number(),
});
export type DocumentView = z.infer<typeof documentView>;

/** A photo of a passage (scene, plate, vehicle), by the direction of the passage it is of. */
export const passagePhotoView = z.object({
  direction: z.enum(['in', 'out']),
  kind: z.string(),
  sha256: z.string(),
  mime: z.string(),
});
export type PassagePhotoView = z.infer<typeof passagePhotoView>;

/** What a create or update names: a photo uploaded first with `ledger.photos.upload`. */
export const documentRef = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Paging is done by the core; `limit` rows from `offset`, `total` counts the whole filter. */
export const pageInput = {
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
  dir: z.enum(['asc', 'desc']).default('desc'),
};

/** Who wrote the record's current version, and when. */
const versionFields = {
  id: z.number(),
  /** Starts at 1; every update writes the next version and keeps the old one in history. */
  version: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  updatedBy: z.string(),
  documents: z.array(documentView),
  /** What the checks find on the record as stored: empty required fields, warnings, and for
   *  rows older than a check, even errors. */
  warnings: z.array(fieldIssue),
};

// ---- transport vehicles (§1.5.1) -----------------------------------------------------------

export const vehicleFields = z.object({
  plate: z.string().trim().min(1).max(16),
  plateColor: z.enum(LEDGER_PLATE_COLORS),
  vin: text(32).default(''),
  engineNo: text(32).default(''),
  /** First registration date on the driving licence (注册日期). */
  registrationDate: date.nullable().default(null),
  emissionStage: z.enum(VEHICLE_STAGES),
  stageEvidenceKind: z.enum(STAGE_EVIDENCE_KINDS).default('MANUAL'),
  /** What the evidence says, e.g. the 随车清单 number or the catalogue entry. */
  stageEvidence: text(200).default(''),
  /** GA 24.9: A petrol, B diesel, C electric, E natural gas … */
  fuel: text(2).min(1),
  /** GA 24.4, e.g. H11 heavy truck, Q11 heavy tractor. */
  vehicleType: text(3).min(1),
  /** GA 24.3: A non-operating, F freight … */
  useCharacter: text(1).default(''),
  brandModel: text(100).default(''),
  fleet: text(100).default(''),
  owner: text(100).default(''),
  /** 联网状态 (HJ 1239 remote monitoring); null when not known. */
  obdOnline: z.boolean().nullable().default(null),
  ratedLoadKg: z.number().min(0).max(100_000).nullable().default(null),
  grossMassKg: z.number().min(0).max(200_000).nullable().default(null),
  licenceIssueDate: date.nullable().default(null),
  exemptionClass: text(32).nullable().default(null),
  /** The registry status (M3, migration 10) the entry lanes bar by (lanes/registry-bar.ts):
   *  lane ids it may enter by (none: every lane), its validity (either end open), the
   *  officer's blacklist with the reason the guard is shown, the platform's audit. */
  authorisedLanes: z.array(z.string().trim().min(1).max(64)).max(32).default([]),
  validFrom: date.nullable().default(null),
  validTo: date.nullable().default(null),
  blacklisted: z.boolean().default(false),
  blacklistReason: text(200).default(''),
  auditStatus: z.enum(AUDIT_STATUSES).default('pending'),
  documents: z.array(documentRef).max(12).default([]),
});
export type VehicleFields = z.output<typeof vehicleFields>;

export const vehicleView = vehicleFields.omit({ documents: true }).extend({
  ...versionFields,
  plateKind: z.string().nullable(),
  /** The lowest stage the registration date proves (§3.6), null without a date. */
  stageLowerBound: z.enum(VEHICLE_STAGES).nullable(),
});
export type VehicleView = z.infer<typeof vehicleView>;

export const vehicleFilter = z.object({
  /** Matched against plate, VIN, engine number, owner and fleet. */
  search: text(64).optional(),
  stages: z.array(z.enum(VEHICLE_STAGES)).optional(),
  fuels: z.array(text(2)).optional(),
  fleet: text(100).optional(),
  /** Neither the driving licence nor the 随车清单 is on file. */
  missingDocuments: z.boolean().optional(),
  /** Blacklisted, or expired: its validity ended before today (Beijing). */
  status: z.enum(VEHICLE_STATUS_FILTERS).optional(),
});
export const VEHICLE_SORTS = ['plate', 'registrationDate', 'emissionStage', 'fleet',
  'updatedAt'] as const;

// ---- in-plant vehicles (§1.5.2) ------------------------------------------------------------

export const inPlantFields = z.object({
  /** The plate, or the internal fleet number when it is not road-registered. */
  registrationCode: z.string().trim().min(1).max(32),
  registrationDate: date.nullable().default(null),
  vin: text(32).default(''),
  engineNo: text(32).default(''),
  emissionStage: z.enum(VEHICLE_STAGES),
  stageEvidenceKind: z.enum(STAGE_EVIDENCE_KINDS).default('MANUAL'),
  stageEvidence: text(200).default(''),
  fuel: text(2).min(1),
  vehicleType: text(3).min(1),
  documents: z.array(documentRef).max(12).default([]),
});
export type InPlantFields = z.output<typeof inPlantFields>;
export const inPlantView = inPlantFields.omit({ documents: true }).extend(versionFields);
export type InPlantView = z.infer<typeof inPlantView>;

export const inPlantFilter = z.object({
  search: text(64).optional(),
  stages: z.array(z.enum(VEHICLE_STAGES)).optional(),
  fuels: z.array(text(2)).optional(),
  missingDocuments: z.boolean().optional(),
});
export const IN_PLANT_SORTS = ['registrationCode', 'registrationDate', 'emissionStage',
  'updatedAt'] as const;

// ---- non-road mobile machinery (§1.5.3) ----------------------------------------------------

export const machineryFields = z.object({
  /** The local 环保登记 code (format varies by city). */
  envRegistrationCode: z.string().trim().min(1).max(32),
  productionDate: date.nullable().default(null),
  emissionStage: z.enum(MACHINERY_STAGES),
  stageEvidenceKind: z.enum(STAGE_EVIDENCE_KINDS).default('MANUAL'),
  stageEvidence: text(200).default(''),
  /** Product identification number or environmental information code. */
  machineCode: text(64).default(''),
  /** By use: excavator, loader, forklift … (free text, the cities' lists differ). */
  machineType: text(32).min(1),
  fuel: text(2).min(1),
  powerKw: z.number().min(0).max(10_000).nullable().default(null),
  pin: text(64).default(''),
  engineModel: text(64).default(''),
  engineNo: text(32).default(''),
  engineMaker: text(100).default(''),
  owner: text(100).default(''),
  documents: z.array(documentRef).max(12).default([]),
});
export type MachineryFields = z.output<typeof machineryFields>;
export const machineryView = machineryFields.omit({ documents: true }).extend(versionFields);
export type MachineryView = z.infer<typeof machineryView>;

export const machineryFilter = z.object({
  search: text(64).optional(),
  stages: z.array(z.enum(MACHINERY_STAGES)).optional(),
  fuels: z.array(text(2)).optional(),
  /** No engine nameplate photo on file. */
  missingDocuments: z.boolean().optional(),
});
export const MACHINERY_SORTS = ['envRegistrationCode', 'productionDate', 'emissionStage',
  'updatedAt'] as const;

// ---- fuel, urea and maintenance logs (§1.5.4) ----------------------------------------------

export const logFields = z.object({
  kind: z.enum(LOG_KINDS),
  subjectKind: z.enum(['inPlant', 'machinery']),
  subjectId: z.number().int().positive(),
  /** When it was filled or serviced (UTC ms). */
  at: z.number().int(),
  /** Null for maintenance; required for fuel and urea. */
  fill: z.enum(FILL_KINDS).nullable().default(null),
  quantity: z.number().positive().max(100_000).nullable().default(null),
  unit: z.enum(QUANTITY_UNITS).nullable().default(null),
  /** e.g. 国六 0# for diesel. */
  grade: text(32).default(''),
  supplier: text(100).default(''),
  note: text(500).default(''),
  documents: z.array(documentRef).max(6).default([]),
});
export type LogFields = z.output<typeof logFields>;
export const logView = logFields.omit({ documents: true }).extend({
  id: z.number(),
  /** The registration code of the vehicle or machine, for display. */
  subjectCode: z.string(),
  /** The user who recorded it (操作人). */
  operator: z.string(),
  createdAt: z.number(),
  documents: z.array(documentView),
});
export type LogView = z.infer<typeof logView>;

export const logFilter = z.object({
  kinds: z.array(z.enum(LOG_KINDS)).optional(),
  subjectKind: z.enum(['inPlant', 'machinery']).optional(),
  subjectId: z.number().int().optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  search: text(64).optional(),
});
export const LOG_SORTS = ['at', 'kind', 'quantity'] as const;

// ---- visits: an entry and its exit (§1.5.1, paired) ----------------------------------------

export const cargoView = z.object({
  id: z.number(),
  cargoName: z.string(),
  /** Tonnes, one decimal (number(4,1): at most 999.9). */
  tonnage: z.number(),
  enteredBy: z.string(),
  at: z.number(),
  /** The cargo row this one corrects; null for the first entry. */
  corrects: z.number().nullable(),
  reason: z.string(),
});
export type CargoView = z.infer<typeof cargoView>;

export const visitView = z.object({
  /** The entry passage's id (or the exit's, for an exit without an entry). */
  id: z.string(),
  plate: z.string(),
  plateColor: z.string(),
  entryPassageId: z.string().nullable(),
  exitPassageId: z.string().nullable(),
  enteredAt: z.number().nullable(),
  exitedAt: z.number().nullable(),
  emissionStage: z.string().nullable(),
  fuel: z.string().nullable(),
  fleet: z.string().nullable(),
  decision: z.string(),
  /** The cargo in force: the latest row of its correction chain; null until recorded. */
  cargo: cargoView.nullable(),
});
export type VisitView = z.infer<typeof visitView>;

export const visitFilter = z.object({
  plate: text(16).optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  /** open: entered, not yet out; closed: both; any (default). */
  state: z.enum(['open', 'closed', 'any']).default('any'),
  /** Closed visits of transport vehicles without cargo recorded. */
  cargoMissing: z.boolean().optional(),
  stages: z.array(z.string().max(1)).optional(),
  fleet: text(100).optional(),
});
export const VISIT_SORTS = ['enteredAt', 'exitedAt', 'plate'] as const;

// ---- the passages' hash chain --------------------------------------------------------------

/**
 * Why a chain check failed, as a code the UI words: the file is no passages export; a row's
 * cells do not give its hash (edited in the file); a row does not follow the one before it; a
 * passage of the file's time span is missing from it (rows removed); the database holds the row
 * differently; the database's own chain is broken (changed behind the program's back).
 */
export const CHAIN_FAULTS = ['not-chain-export', 'export-edited', 'export-unlinked',
  'export-missing', 'export-differs', 'database-changed'] as const;
export type ChainFault = (typeof CHAIN_FAULTS)[number];
