// Excel import of a registry: a preview checks every row and keeps the good ones in memory;
// nothing reaches the ledger until the officer confirms. Both steps work in chunks and pause
// between them (the lanes share this one thread: a plate push must be answered while 5 000
// vehicles are read), and report progress as they go.
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLanes } from 'node:timers/promises';
import type { z } from 'zod';
import type { FieldIssue } from '../../api/contract.ts';
import { inPlantFields, machineryFields, vehicleFields } from '../../api/contract.ts';
import { IN_PLANT_COLUMNS, MACHINERY_COLUMNS, VEHICLE_COLUMNS, type Column } from '../columns.ts';
import { issue } from '../checks/issues.ts';
import type { RecordLedger, SiteFacts } from '../record-ledger.ts';
import type { Registries } from '../record-specs.ts';
import { readSheet, type Sheet } from './read-sheet.ts';
import { columnFor, columnLetter, headerKeys, parseRow } from './parse-row.ts';

export type ImportLedger = 'vehicles' | 'inPlant' | 'machinery';

/** Rows checked, or written, between two pauses. */
export const IMPORT_CHUNK = 250;
/** A preview not confirmed within this is forgotten; the officer previews again. */
export const PREVIEW_TTL_MS = 30 * 60_000;
/** Preview rows sent back for the table (every error is sent). */
export const PREVIEW_ROWS_SHOWN = 200;

const SCHEMAS: Readonly<Record<ImportLedger, z.ZodType>> = {
  vehicles: vehicleFields, inPlant: inPlantFields, machinery: machineryFields,
};
const COLUMNS: Readonly<Record<ImportLedger, readonly Column[]>> = {
  vehicles: VEHICLE_COLUMNS, inPlant: IN_PLANT_COLUMNS, machinery: MACHINERY_COLUMNS,
};

/** A sheet names lanes as people do, by id or by name; the ledger keeps their ids. */
function laneIdsOf(named: readonly string[], site: SiteFacts): string[] {
  return named.map((n) => site.lanes.find((l) => l.id === n || l.name === n
    || l.nameEn.toLowerCase() === n.toLowerCase())?.id ?? n);
}

export interface ImportIssue {
  row: number; column: string; header: string; code: string; zh: string; en: string;
}

export interface Preview {
  previewId: string; jobId: string; total: number; valid: number;
  rows: Array<{ row: number; ok: boolean; values: Record<string, string | null> }>;
  errors: ImportIssue[]; warnings: ImportIssue[]; expiresAt: number;
}

interface Held {
  ledger: ImportLedger; owner: string; expiresAt: number; skipped: number;
  good: Array<Record<string, unknown>>;
}

export type Progress = (jobId: string, done: number, total: number) => void;

export class LedgerImports {
  private readonly registries: Registries;
  private readonly held = new Map<string, Held>();

  constructor(registries: Registries) {
    this.registries = registries;
  }

  async preview(ledger: ImportLedger, bytes: Buffer, owner: string, now: number,
    progress: Progress = () => {}, jobId: string = randomUUID()): Promise<Preview> {
    this.forgetExpired(now);
    const columns = COLUMNS[ledger];
    const sheet = await readSheet(bytes,
      (cells) => cells.filter((c) => columnFor(columns, c) !== null).length);
    const keys = headerKeys(columns, sheet.header);
    const registry = this.registries[ledger];
    const identity = registry.spec.identity;
    const where = (field: string) => {
      const i = keys.indexOf(field);
      return { column: i < 0 ? '' : columnLetter(i), header: i < 0 ? field : sheet.header[i]! };
    };
    const report = (row: number, i: FieldIssue): ImportIssue =>
      ({ row, ...where(i.field), code: i.code, zh: i.zh, en: i.en });

    const errors: ImportIssue[] = [];
    const warnings: ImportIssue[] = headerWarnings(columns, sheet, keys);
    const missing = identity.filter((k) => !keys.includes(k));
    for (const key of missing) {
      const label = columns.find((c) => c.key === key)!;
      const named = { label: label.zh, labelEn: label.en };
      errors.push(report(sheet.headerRow, issue('required', key, named)));
    }

    const good: Held['good'] = [];
    const shown: Preview['rows'] = [];
    const firstRowOf = new Map<string, number>();
    for (let start = 0; start < sheet.rows.length && missing.length === 0;
      start += IMPORT_CHUNK) {
      for (const { row, cells } of sheet.rows.slice(start, start + IMPORT_CHUNK)) {
        const issues = this.checkRow(ledger, registry, keys, cells, now);
        const key = identity.map((k) => String(issues.fields?.[k] ?? '')).join(' ');
        const first = firstRowOf.get(key);
        if (issues.fields && first !== undefined) {
          issues.list.push(issue('duplicate.file', identity[0]!, { row: `${first}`, value: key }));
        } else if (issues.fields) {
          firstRowOf.set(key, row);
        }

        const rowErrors = issues.list.filter((i) => i.severity === 'error');
        errors.push(...rowErrors.map((i) => report(row, i)));
        warnings.push(...issues.list.filter((i) => i.severity === 'warning')
          .map((i) => report(row, i)));
        const ok = rowErrors.length === 0 && issues.fields !== null;
        if (ok) good.push(issues.fields!);
        if (shown.length < PREVIEW_ROWS_SHOWN) shown.push({ row, ok, values: issues.values });
      }
      progress(jobId, Math.min(start + IMPORT_CHUNK, sheet.rows.length), sheet.rows.length);
      await yieldToLanes();
    }

    const previewId = randomUUID();
    const expiresAt = now + PREVIEW_TTL_MS;
    this.held.set(previewId, { ledger, owner, expiresAt, good,
      skipped: sheet.rows.length - good.length });
    return { previewId, jobId, total: sheet.rows.length, valid: good.length, rows: shown,
      errors, warnings, expiresAt };
  }

  private checkRow(ledger: ImportLedger, registry: RecordLedger,
    keys: ReadonlyArray<string | null>, cells: readonly string[], now: number) {
    const parsed = parseRow(COLUMNS[ledger], keys, cells);
    const list = [...parsed.issues];
    const failed = new Set(list.map((i) => i.field));
    for (const f of failed) delete parsed.fields[f];
    if (Array.isArray(parsed.fields.authorisedLanes)) {
      parsed.fields.authorisedLanes = laneIdsOf(parsed.fields.authorisedLanes, registry.site());
    }

    const shaped = SCHEMAS[ledger].safeParse(parsed.fields);
    if (!shaped.success) {
      for (const zi of shaped.error.issues) {
        const field = String(zi.path[0] ?? '');
        if (failed.has(field)) continue;
        const label = COLUMNS[ledger].find((c) => c.key === field) ?? { zh: field, en: field };
        const value = parsed.values[field] ?? '';
        list.push(value === '' ? issue('required', field, { label: label.zh, labelEn: label.en })
          : issue('value.invalid', field, { label: label.zh, labelEn: label.en, value }));
      }
      // A row missing a field the record cannot be without is an error, not a warning.
      return { fields: null, values: parsed.values,
        list: list.map((i) => ({ ...i, severity: 'error' as const })) };
    }

    // Photos never come in a sheet: their absence is for the ledger to show, not the import.
    const fields = registry.spec.normalise(shaped.data as never);
    const checks = registry.validate(fields, now)
      .filter((i) => !i.code.startsWith('documents.'));
    return { fields, values: parsed.values, list: [...list, ...checks] };
  }

  /** The ledger a waiting preview is for, or null. */
  ledgerOf(previewId: string): ImportLedger | null {
    return this.held.get(previewId)?.ledger ?? null;
  }

  /** Writes the good rows of a preview; rows that became duplicates since are skipped. */
  async confirm(previewId: string, actor: { username: string; now: number },
    progress: Progress = () => {}, jobId: string = randomUUID()): Promise<{ jobId: string;
      imported: number; skipped: number; duplicates: number } | null> {
    this.forgetExpired(actor.now);
    const held = this.held.get(previewId);
    if (!held || held.owner !== actor.username) return null;
    this.held.delete(previewId);

    const registry = this.registries[held.ledger];
    let imported = 0;
    let duplicates = 0;
    for (let start = 0; start < held.good.length; start += IMPORT_CHUNK) {
      const chunk = held.good.slice(start, start + IMPORT_CHUNK);
      registry.db.transaction(() => {
        for (const fields of chunk) {
          if (registry.idOfIdentity(fields) !== null) {
            duplicates++;
          } else {
            registry.insertRow(fields as never, actor);
            imported++;
          }
        }
      })();
      progress(jobId, Math.min(start + IMPORT_CHUNK, held.good.length), held.good.length);
      await yieldToLanes();
    }
    return { jobId, imported, skipped: held.skipped, duplicates };
  }

  private forgetExpired(now: number): void {
    for (const [id, h] of this.held) if (h.expiresAt <= now) this.held.delete(id);
  }
}

/** A header row's columns that are left out: not ours, or a second column for one field. */
function headerWarnings(columns: readonly Column[], sheet: Sheet,
  keys: ReadonlyArray<string | null>): ImportIssue[] {
  const warnings: ImportIssue[] = [];
  sheet.header.forEach((text, i) => {
    if (keys[i] !== null || text.trim() === '') return;
    const column = columnLetter(i);
    const named = columnFor(columns, text);
    const found = named === null
      ? issue('column.unknown', '', { column, header: text })
      : issue('column.repeated', named.key, { column, header: text, label: named.zh,
        labelEn: named.en, first: columnLetter(keys.indexOf(named.key)) });
    warnings.push({ row: sheet.headerRow, column, header: text, code: found.code,
      zh: found.zh, en: found.en });
  });
  return warnings;
}
