// One sheet row → the record's fields, with a problem per cell that cannot be read: text in a
// number column, an unknown colour or stage word, a date that is no date. The words people type
// are accepted (黄色, 国五, 柴油, 货运, 是) as well as our codes.
import type { FieldIssue } from '../../api/contract.ts';
import type { Column } from '../columns.ts';
import { issue } from '../checks/issues.ts';
import { cleanHeader, namesOf } from './header-aliases.ts';
import { gaCodes } from '../checks/codes.ts';
import { QUANTITY_FIELDS, readQuantity } from './quantity.ts';
import {
  readAudit, readColour, readDate, readLanes, readStage, readYesNo,
} from '../export/cells.ts';

const DATE_FIELDS = new Set(['registrationDate', 'licenceIssueDate', 'productionDate',
  'validFrom', 'validTo']);
/** Shown in the export, never read back: photos cannot travel in a sheet. */
const DOCUMENT_FLAGS = new Set(['envList', 'licence', 'engineNameplate']);

export interface ParsedRow {
  fields: Record<string, unknown>;
  /** The sheet's text per column key, for the preview. */
  values: Record<string, string | null>;
  issues: FieldIssue[];
}

/** A code, or the code whose Chinese word this is (柴油 → B). */
function codeOf(table: Readonly<Record<string, [string, string]>>, raw: string): string {
  const t = raw.trim();
  if (Object.hasOwn(table, t.toUpperCase())) return t.toUpperCase();
  const found = Object.entries(table).find(([, [zh, en]]) => zh === t || en === t.toLowerCase());
  return found ? found[0] : t.toUpperCase();
}

export function parseRow(columns: readonly Column[], keys: ReadonlyArray<string | null>,
  cells: readonly string[]): ParsedRow {
  const fields: Record<string, unknown> = { documents: [] };
  const values: Record<string, string | null> = {};
  const issues: FieldIssue[] = [];

  keys.forEach((key, i) => {
    if (!key || DOCUMENT_FLAGS.has(key)) return;
    const raw = (cells[i] ?? '').trim();
    values[key] = raw === '' ? null : raw;
    const label = columns.find((c) => c.key === key)!;
    const bad = (code: string) =>
      issues.push(issue(code, key, { label: label.zh, labelEn: label.en, value: raw }));
    if (raw === '') return;

    if (QUANTITY_FIELDS.has(key)) {
      const n = readQuantity(key, raw);
      if (n !== null) fields[key] = n;
      else bad('number.invalid');
    } else if (DATE_FIELDS.has(key)) {
      const date = readDate(raw);
      if (/^\d{4}-\d{2}-\d{2}$/.test(date)) fields[key] = date;
      else bad('date.invalid');
    } else if (key === 'plateColor') {
      const colour = readColour(raw);
      if (colour) fields[key] = colour;
      else bad('value.invalid');
    } else if (key === 'emissionStage') {
      const stage = readStage(raw);
      if (stage) fields[key] = stage;
      else bad('value.invalid');
    } else if (key === 'obdOnline' || key === 'blacklisted') {
      const yes = readYesNo(raw);
      if (yes === 'bad') bad('value.invalid');
      else fields[key] = yes;
    } else if (key === 'auditStatus') {
      const status = readAudit(raw);
      if (status) fields[key] = status;
      else bad('value.invalid');
    } else if (key === 'authorisedLanes') {
      fields[key] = readLanes(raw);
    } else if (key === 'fuel') {
      fields[key] = codeOf(gaCodes().fuel, raw);
    } else if (key === 'vehicleType') {
      fields[key] = codeOf(gaCodes().vehicleTypes, raw);
    } else if (key === 'useCharacter') {
      fields[key] = codeOf(gaCodes().use, raw);
    } else if (key === 'stageEvidenceKind') {
      fields[key] = raw.toUpperCase();
    } else {
      fields[key] = raw;
    }
  });
  return { fields, values, issues };
}

/** The sheet's header → our column keys; a header we do not know, or repeated, maps to null. */
export function headerKeys(columns: readonly Column[], header: readonly string[]):
Array<string | null> {
  const taken = new Set<string>();
  return header.map((h) => {
    const key = columnFor(columns, h)?.key ?? null;
    if (key === null || taken.has(key)) return null;
    taken.add(key);
    return key;
  });
}

/** The column a header names, by its names or an alias, whatever the case and spacing. */
export function columnFor(columns: readonly Column[], header: string): Column | null {
  const wanted = cleanHeader(header);
  if (wanted === '') return null;
  return columns.find((c) => namesOf(c).some((n) => cleanHeader(n) === wanted)) ?? null;
}

/** 0 → A, 25 → Z, 26 → AA: the column letters Excel shows. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
