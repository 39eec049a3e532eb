// The inspection sample (domain.md §1.6.1): 5–10 random rows of a ledger, each with every
// field, the problem found in it, its photos, and the stage re-derived from the evidence on
// file beside the recorded one — what an inspector asks to see on a spot check.
import { randomInt } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type {
  DocumentView, FieldIssue, Ledger, LogView, PassagePhotoView,
} from '../api/contract.ts';
import {
  IN_PLANT_COLUMNS, LOG_COLUMNS, MACHINERY_COLUMNS, VEHICLE_COLUMNS, VISIT_COLUMNS,
  type Column,
} from './columns.ts';
import { checkRequired } from './checks/field-checks.ts';
import { cutoverClassOf, stageLowerBound } from './checks/stage-cutovers.ts';
import { stageRank } from '../rules/measures.ts';
import { logCells, registryCell } from './export/sources.ts';
import type { Registries } from './record-specs.ts';
import { LogLedger } from './log-ledger.ts';
import { Visits } from './visits.ts';
import { pairVisits } from './visit-pairing.ts';
import { COLOUR_WORDS, writeTime } from './export/cells.ts';

export interface SampleRow {
  id: string;
  title: string;
  fields: Array<{ key: string; zh: string; en: string; value: string | null;
    issue: FieldIssue | null }>;
  photos: DocumentView[];
  passagePhotos: PassagePhotoView[];
  stageCheck: { recorded: string | null; evidenceKind: string | null; lowerBound: string | null;
    consistent: boolean } | null;
}

const TABLES: Readonly<Record<Ledger, string>> = {
  vehicles: 'vehicles', inPlant: 'inplant_vehicles', machinery: 'machinery',
  logs: 'ledger_logs', visits: 'visits',
};
const REGISTRY_COLUMNS = { vehicles: VEHICLE_COLUMNS, inPlant: IN_PLANT_COLUMNS,
  machinery: MACHINERY_COLUMNS };

/** Up to `count` distinct random rowids; probes random points when the table is large. */
export function randomRowids(db: Db, table: string, count: number): number[] {
  const { lo, hi, n } = db.prepare(
    `SELECT MIN(rowid) AS lo, MAX(rowid) AS hi, COUNT(*) AS n FROM ${table}`,
  ).get() as { lo: number | null; hi: number | null; n: number };
  if (n === 0 || lo === null || hi === null) return [];
  if (n <= count * 20) {
    return (db.prepare(`SELECT rowid AS r FROM ${table} ORDER BY random() LIMIT ?`)
      .all(count) as Array<{ r: number }>).map((x) => x.r);
  }

  const next = db.prepare(`SELECT rowid AS r FROM ${table} WHERE rowid >= ? LIMIT 1`);
  const picked = new Set<number>();
  for (let tries = 0; picked.size < count && tries < count * 10; tries++) {
    const row = next.get(randomInt(lo, hi + 1)) as { r: number } | undefined;
    if (row) picked.add(row.r);
  }
  return [...picked];
}

/** The columns that show whether a photo is on file; document issues belong to them. */
const DOCUMENT_COLUMNS = new Set(['envList', 'licence', 'engineNameplate']);
const isAbout = (i: FieldIssue, key: string) =>
  i.field === key || (i.field === 'documents' && DOCUMENT_COLUMNS.has(key));

const fieldOf = (c: Column, value: string | null, issues: readonly FieldIssue[]) => ({
  key: c.key, zh: c.zh, en: c.en, value: value === '' ? null : value,
  issue: issues.find((i) => isAbout(i, c.key))
    ?? (c.required ? checkRequired(c.key, value ?? '', c)[0] : undefined) ?? null,
});

export function stageCheck(recorded: string | null, evidenceKind: string | null,
  date: string | null, cls: 'heavy' | 'light' | 'machinery') {
  const lowerBound = date ? stageLowerBound(date, cls) : null;
  const consistent = recorded !== null && (lowerBound === null || recorded === 'D'
    || stageRank(recorded) >= stageRank(lowerBound));
  return { recorded, evidenceKind, lowerBound, consistent };
}

export function drawSample(db: Db, registries: Registries, ledger: Ledger, count: number):
SampleRow[] {
  if (ledger === 'visits') pairVisits(db);
  const ids = randomRowids(db, TABLES[ledger], count);

  if (ledger === 'logs') {
    const logs = new LogLedger(db);
    return ids.map((id) => sampleLog(logs.get(id)!));
  }
  if (ledger === 'visits') return ids.map((rowid) => sampleVisit(db, registries, rowid));

  const registry = registries[ledger];
  return ids.map((id) => {
    const v = registry.get(id)!;
    const issues = v.warnings as FieldIssue[];
    const date = (v.registrationDate ?? v.productionDate ?? null) as string | null;
    const cls = ledger === 'machinery' ? 'machinery'
      : ledger === 'vehicles' ? cutoverClassOf(String(v.plateColor)) : 'heavy';
    return {
      id: String(id),
      title: String(v.plate ?? v.registrationCode ?? v.envRegistrationCode),
      fields: REGISTRY_COLUMNS[ledger].map((c) =>
        fieldOf(c, String(registryCell(c.key, v, registry.site()) ?? ''), issues)),
      photos: v.documents as DocumentView[], passagePhotos: [],
      stageCheck: stageCheck(String(v.emissionStage), String(v.stageEvidenceKind), date, cls),
    };
  });
}

/** What a fuel or urea entry must say and a maintenance entry has not (checkLog). */
const FILL_KEYS = new Set(['fill', 'quantity', 'unit']);

/** A log entry as its export row has it, so the sample and the file say the same words. */
function sampleLog(l: LogView): SampleRow {
  const cells = logCells(l);
  const columns = LOG_COLUMNS.map((c) =>
    l.kind === 'maintenance' && FILL_KEYS.has(c.key) ? { ...c, required: false } : c);

  return {
    id: String(l.id), title: `${l.subjectCode} ${writeTime(l.at)}`,
    fields: columns.map((c, i) => fieldOf(c, String(cells[i] ?? ''), [])),
    photos: l.documents, passagePhotos: [], stageCheck: null,
  };
}

function sampleVisit(db: Db, registries: Registries, rowid: number): SampleRow {
  const { id, vehicle_id: vehicleId } = db.prepare(
    'SELECT id, vehicle_id FROM visits WHERE rowid = ?').get(rowid) as
    { id: string; vehicle_id: number | null };
  const found = new Visits(db).get(id)!;
  const v = found.visit;
  const vehicle = vehicleId === null ? null : registries.vehicles.get(vehicleId);
  const values: Record<string, string | null> = {
    enteredAt: writeTime(v.enteredAt), exitedAt: writeTime(v.exitedAt),
    entryPhoto: found.photos.find((p) => p.direction === 'in')?.sha256 ?? null,
    exitPhoto: found.photos.find((p) => p.direction === 'out')?.sha256 ?? null,
    plate: v.plate, plateColor: COLOUR_WORDS[v.plateColor] ?? v.plateColor,
    emissionStage: v.emissionStage, cargoName: v.cargo?.cargoName ?? null,
    tonnage: v.cargo ? String(v.cargo.tonnage) : null, fleet: v.fleet,
  };
  for (const key of ['registrationDate', 'vin', 'engineNo', 'envList', 'licence']) {
    values[key] = vehicle ? String(registryCell(key, vehicle) ?? '') : null;
  }
  const hashOf = (pid: string | null) => pid === null ? null : (db.prepare(
    'SELECT hash FROM passages WHERE id = ?').get(pid) as { hash: string }).hash;
  values.entryHash = hashOf(v.entryPassageId);
  values.exitHash = hashOf(v.exitPassageId);

  return {
    id, title: `${v.plate} ${writeTime(v.enteredAt ?? v.exitedAt)}`,
    fields: VISIT_COLUMNS.map((c) => fieldOf(c, values[c.key] ?? null, [])),
    photos: [], passagePhotos: found.photos,
    stageCheck: stageCheck(v.emissionStage, vehicle ? String(vehicle.stageEvidenceKind) : null,
      (vehicle?.registrationDate ?? null) as string | null, cutoverClassOf(v.plateColor)),
  };
}
