// The calls of the electronic ledgers (issue #4), part of the API contract; contract.ts spreads
// them into CALLS. Reading is for the officer, the manager and the installer; writing the
// registries is the officer's job (domain.md §5.1); the guard may record cargo at the exit.
//
// Saves answer `{ record, issues }`: `record` is null when an issue of severity 'error' blocked
// the save (nothing was written); warnings never block. Passages are never edited: cargo is a
// new row that points at the row it corrects. Vehicles and machines are edited as versions:
// an update names the version it was made from and is refused with 'conflict' when someone
// else saved in between.
//
// Exports are answered in the call's result as base64 bytes (no download server, no token to
// leak): one file of at most EXPORT_MAX_ROWS rows; narrow the filter for more. Long imports and
// exports report `ledger.progress` events under a `jobId`: the one the client passes (to show
// progress before the call returns), else one the core makes up and returns.
import { z } from 'zod';
import type { Role } from '../contract.ts';
import {
  CHAIN_FAULTS, IMPORTABLE_LEDGERS, IN_PLANT_SORTS, LEDGERS, LOG_SORTS, MACHINERY_SORTS,
  VEHICLE_SORTS, VISIT_SORTS, cargoView, documentView, fieldIssue, inPlantFields, inPlantFilter,
  inPlantView, logFields, logFilter, logView, machineryFields, machineryFilter, machineryView,
  pageInput, passagePhotoView, vehicleFields, vehicleFilter, vehicleView, visitFilter, visitView,
} from './ledger-views.ts';

const READERS: readonly Role[] = ['officer', 'manager', 'installer'];
const KEEPERS: readonly Role[] = ['officer'];
const CARGO_WRITERS: readonly Role[] = ['guard', 'officer'];

/** A photo upload's cap: a phone photo of a driving licence fits; a raw scan does not. */
export const LEDGER_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** An import file's cap: 5 000 vehicles in xlsx are well under 2 MB. */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;
/** A passages export verified through the API (about 10 000 rows); larger files: the CLI,
 *  `node electron/cli.ts verify-export FILE`. */
export const VERIFY_MAX_BYTES = 8 * 1024 * 1024;
/** Rows in one export file. */
export const EXPORT_MAX_ROWS = 200_000;
/** Rows an import preview carries back (all errors always come back). */
export const PREVIEW_ROWS_SHOWN = 200;

const base64Of = (maxBytes: number) =>
  z.string().min(4).max(Math.ceil(maxBytes / 3) * 4 + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

const call = <I extends z.ZodType, O extends z.ZodType>(
  input: I, output: O, access: readonly Role[],
) => ({ input, output, access });

const pageOf = <T extends z.ZodType>(row: T) =>
  z.object({ total: z.number(), rows: z.array(row) });

const saved = <T extends z.ZodType>(view: T) =>
  z.object({ record: view.nullable(), issues: z.array(fieldIssue) });

/** The previous versions of a vehicle or machine, newest first, with who saved them. */
const historyView = z.array(z.object({
  version: z.number(),
  at: z.number(),
  by: z.string(),
  /** The record as it stood in that version (the view's fields). */
  fields: z.record(z.string(), z.unknown()),
}));

const idInput = z.object({ id: z.number().int().positive() });
/** A client-chosen id its `ledger.progress` events will carry. */
const jobId = z.string().min(1).max(64).optional();
const updateOf = <T extends z.ZodObject>(fields: T) =>
  z.object({ id: z.number().int().positive(), version: z.number().int().positive(), fields });

const exportFilter = z.discriminatedUnion('ledger', [
  z.object({ ledger: z.literal('vehicles'), filter: vehicleFilter.default({}) }),
  z.object({ ledger: z.literal('inPlant'), filter: inPlantFilter.default({}) }),
  z.object({ ledger: z.literal('machinery'), filter: machineryFilter.default({}) }),
  z.object({ ledger: z.literal('logs'), filter: logFilter.default({}) }),
  z.object({ ledger: z.literal('visits'), filter: visitFilter.default({ state: 'any' }) }),
  /** The passage events with their chain fields (seq, prev_hash, hash): what `verify` reads. */
  z.object({ ledger: z.literal('passages'),
    filter: z.object({ from: z.number().int().optional(), to: z.number().int().optional() })
      .default({}) }),
]);

const fileView = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string(),
  rows: z.number(),
});

/** One sampled record as the inspector sees it: every field with its problem, and evidence. */
const sampleRow = z.object({
  id: z.string(),
  /** Plate, registration code or visit plate + time: what the row is called on screen. */
  title: z.string(),
  fields: z.array(z.object({
    key: z.string(),
    zh: z.string(),
    en: z.string(),
    value: z.string().nullable(),
    issue: fieldIssue.nullable(),
  })),
  /** Document photos of a record. */
  photos: z.array(documentView),
  /** For a visit: the photos of its entry and exit passages. */
  passagePhotos: z.array(passagePhotoView),
  /** The stage re-derived from the evidence on file (§1.6.2), beside the recorded one. */
  stageCheck: z.object({
    recorded: z.string().nullable(),
    evidenceKind: z.string().nullable(),
    lowerBound: z.string().nullable(),
    consistent: z.boolean(),
  }).nullable(),
});

const importError = z.object({
  /** The sheet's row number as Excel shows it (the header is row 1). */
  row: z.number(),
  /** The column letter as Excel shows it, and its header. */
  column: z.string(),
  header: z.string(),
  code: z.string(),
  zh: z.string(),
  en: z.string(),
});

export const LEDGER_CALLS = {
  'ledger.vehicles.list': call(
    vehicleFilter.extend({ ...pageInput, sort: z.enum(VEHICLE_SORTS).default('updatedAt') }),
    pageOf(vehicleView), READERS),
  /** One vehicle with its documents and its earlier versions. */
  'ledger.vehicles.get': call(idInput, z.object({ record: vehicleView, history: historyView }),
    READERS),
  /** Checks a form without saving (errors and warnings as a save would report them). */
  'ledger.vehicles.validate': call(vehicleFields, z.array(fieldIssue), KEEPERS),
  'ledger.vehicles.create': call(vehicleFields, saved(vehicleView), KEEPERS),
  /** The identity (plate + colour) cannot change: register the other plate instead. */
  'ledger.vehicles.update': call(updateOf(vehicleFields), saved(vehicleView), KEEPERS),

  'ledger.inPlant.list': call(
    inPlantFilter.extend({ ...pageInput, sort: z.enum(IN_PLANT_SORTS).default('updatedAt') }),
    pageOf(inPlantView), READERS),
  'ledger.inPlant.get': call(idInput, z.object({ record: inPlantView, history: historyView }),
    READERS),
  'ledger.inPlant.validate': call(inPlantFields, z.array(fieldIssue), KEEPERS),
  'ledger.inPlant.create': call(inPlantFields, saved(inPlantView), KEEPERS),
  'ledger.inPlant.update': call(updateOf(inPlantFields), saved(inPlantView), KEEPERS),

  'ledger.machinery.list': call(
    machineryFilter.extend({ ...pageInput, sort: z.enum(MACHINERY_SORTS).default('updatedAt') }),
    pageOf(machineryView), READERS),
  'ledger.machinery.get': call(idInput,
    z.object({ record: machineryView, history: historyView }), READERS),
  'ledger.machinery.validate': call(machineryFields, z.array(fieldIssue), KEEPERS),
  'ledger.machinery.create': call(machineryFields, saved(machineryView), KEEPERS),
  'ledger.machinery.update': call(updateOf(machineryFields), saved(machineryView), KEEPERS),

  /** Fuel, urea and maintenance logs: written once, never edited. */
  'ledger.logs.list': call(
    logFilter.extend({ ...pageInput, sort: z.enum(LOG_SORTS).default('at') }),
    pageOf(logView), READERS),
  'ledger.logs.create': call(logFields, saved(logView), KEEPERS),

  'ledger.visits.list': call(
    visitFilter.extend({ ...pageInput, sort: z.enum(VISIT_SORTS).default('enteredAt') }),
    pageOf(visitView), [...READERS, 'guard']),
  /** A visit with both passages' photos and the whole cargo correction chain, oldest first. */
  'ledger.visits.get': call(
    z.object({ id: z.string().min(1) }),
    z.object({ visit: visitView, photos: z.array(passagePhotoView),
      cargoHistory: z.array(cargoView) }),
    [...READERS, 'guard']),
  /** Records the cargo, or corrects it: a new row pointing at the one in force. */
  'ledger.visits.setCargo': call(
    z.object({
      visitId: z.string().min(1),
      cargoName: z.string().trim().min(1).max(32),
      /** Tonnes; number(4,1) in the regulation's table. */
      tonnage: z.number().min(0).max(999.9),
      /** Required when correcting a recorded cargo. */
      reason: z.string().trim().max(200).default(''),
    }),
    z.object({ visit: visitView, cargo: cargoView }), CARGO_WRITERS),

  /** Stores a document photo under the media root; a save then names it by sha256. */
  'ledger.photos.upload': call(
    z.object({ mime: z.enum(['image/jpeg', 'image/png']),
      base64: base64Of(LEDGER_PHOTO_MAX_BYTES) }),
    z.object({ sha256: z.string(), mime: z.string(), bytes: z.number() }), KEEPERS),

  /** Reads an xlsx sheet and checks every row; nothing is written until `import.confirm`. */
  'ledger.import.preview': call(
    z.object({ ledger: z.enum(IMPORTABLE_LEDGERS), fileName: z.string().max(200),
      base64: base64Of(IMPORT_MAX_BYTES), jobId }),
    z.object({
      previewId: z.string(),
      jobId: z.string(),
      total: z.number(),
      /** Rows that would be imported (no error; warnings allowed). */
      valid: z.number(),
      /** The first PREVIEW_ROWS_SHOWN rows: sheet row, the parsed values, whether it is good. */
      rows: z.array(z.object({ row: z.number(), ok: z.boolean(),
        values: z.record(z.string(), z.string().nullable()) })),
      errors: z.array(importError),
      warnings: z.array(importError),
      expiresAt: z.number(),
    }), KEEPERS),
  /** Imports the good rows of a preview (each with its outbox message); rows with errors stay
   *  out and are counted as skipped. A preview is used once. */
  'ledger.import.confirm': call(
    z.object({ previewId: z.string().min(1), jobId }),
    z.object({ jobId: z.string(), imported: z.number(), skipped: z.number(),
      duplicates: z.number() }), KEEPERS),
  /** An empty sheet in the import's column order, to fill in. */
  'ledger.import.template': call(
    z.object({ ledger: z.enum(IMPORTABLE_LEDGERS) }), fileView, KEEPERS),

  /** The ledger in the regulation's column order (domain.md §1.5, §2.5). */
  'ledger.export': call(
    z.object({ format: z.enum(['xlsx', 'csv']), query: exportFilter, jobId }),
    fileView.extend({ jobId: z.string() }), READERS),

  /** 5–10 random rows with their evidence, as an inspector samples them (§1.6.1). */
  'ledger.sample': call(
    z.object({ ledger: z.enum(LEDGERS), count: z.number().int().min(5).max(10).default(5) }),
    z.object({ ledger: z.enum(LEDGERS), rows: z.array(sampleRow) }), READERS),

  /**
   * Re-derives the hash chain from a passages export (xlsx or csv) and compares it with the
   * database; with no file, verifies the database's own chain.
   */
  'ledger.chain.verify': call(
    z.object({ fileName: z.string().max(200).optional(),
      base64: base64Of(VERIFY_MAX_BYTES).optional() }),
    z.object({
      ok: z.boolean(),
      rows: z.number(),
      /**
       * The first row that fails and why (`fault` for the UI, `reason` in English for the CLI
       * and the log); rows after it are not trusted.
       */
      firstBad: z.object({ seq: z.number(), passageId: z.string().nullable(),
        fault: z.enum(CHAIN_FAULTS), reason: z.string() }).nullable(),
      /** Whether the database still holds every exported row unchanged (null: no file). */
      matchesDatabase: z.boolean().nullable(),
    }), READERS),
} as const;

/** Progress of a long import or export; `done` of `total` rows. */
export const LEDGER_EVENTS = {
  'ledger.progress': {
    payload: z.object({
      jobId: z.string(),
      job: z.enum(['import-preview', 'import', 'export']),
      ledger: z.string(),
      done: z.number(),
      total: z.number(),
    }),
    access: READERS,
  },
  /** A record was created or changed: lists showing this ledger refetch. */
  'ledger.changed': {
    payload: z.object({ ledger: z.enum(LEDGERS), id: z.string() }),
    access: [...READERS, 'guard'] as readonly Role[],
  },
} as const;
