// Where each ledger's export rows come from: its columns in the regulation's order, how many
// rows the filter selects, and the rows a page at a time after a key (keyset paging, so a long
// export never holds a read cursor open across the pauses that keep the lanes answered).
import type { Db } from '../../db/database.ts';
import {
  IN_PLANT_COLUMNS, LOG_COLUMNS, MACHINERY_COLUMNS, VEHICLE_COLUMNS, VISIT_COLUMNS,
  type Column,
} from '../columns.ts';
import { NO_SITE, RecordLedger, type SiteFacts } from '../record-ledger.ts';
import { IN_PLANT_SPEC, MACHINERY_SPEC, VEHICLE_SPEC } from '../record-specs.ts';
import { whereOfFilter, type RecordFilter } from '../record-filter.ts';
import { LogLedger, type LogQuery } from '../log-ledger.ts';
import { visitWhere, type VisitQuery } from '../visits.ts';
import { pairVisits } from '../visit-pairing.ts';
import type { LogView } from '../../api/contract.ts';
import {
  AUDIT_WORDS, COLOUR_WORDS, FILL_WORDS, LOG_KIND_WORDS, NO, SUBJECT_WORDS, YES, writeDate,
  writeLanes, writeTime,
} from './cells.ts';
import { PASSAGE_CHAIN_COLUMNS, passageChainCells } from './passage-chain.ts';

export type Cell = string | number | null;

export interface ExportSource {
  columns: readonly Column[];
  total: number;
  /** Rows with a key above `after`, at most `limit`; `last` is the key to continue from. */
  page(after: number, limit: number): { last: number; cells: Cell[][] };
}

type Filter = Record<string, unknown>;
const has = (docs: Array<{ kind: string }>, ...kinds: string[]) =>
  docs.some((d) => kinds.includes(d.kind)) ? YES : NO;
const yesNo = (b: unknown) => (b === null || b === undefined ? '' : b ? YES : NO);

/** `site` names the lanes an in-plant vehicle is authorised for, as the officer knows them. */
export function exportSource(db: Db, ledger: string, filter: Filter,
  site: SiteFacts = NO_SITE): ExportSource {
  const registry = (spec: typeof VEHICLE_SPEC, columns: readonly Column[]) =>
    registrySource(db, spec, columns, filter, site);
  if (ledger === 'vehicles') return registry(VEHICLE_SPEC, VEHICLE_COLUMNS);
  if (ledger === 'inPlant') return registry(IN_PLANT_SPEC, IN_PLANT_COLUMNS);
  if (ledger === 'machinery') return registry(MACHINERY_SPEC, MACHINERY_COLUMNS);
  if (ledger === 'logs') return logSource(db, filter as Partial<LogQuery>);
  if (ledger === 'visits') return visitSource(db, filter as Partial<VisitQuery>);
  return passageSource(db, filter as { from?: number; to?: number });
}

function registrySource(db: Db, spec: typeof VEHICLE_SPEC, columns: readonly Column[],
  filter: RecordFilter, site: SiteFacts): ExportSource {
  const ledger = new RecordLedger(db, spec);
  const { where, args } = whereOfFilter(spec, filter);
  const and = where ? `${where} AND` : 'WHERE';
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM ${spec.table} ${where}`)
    .get(...args) as { n: number }).n;

  return {
    columns, total,
    page(after, limit) {
      const rows = db.prepare(
        `SELECT * FROM ${spec.table} ${and} id > ? ORDER BY id LIMIT ?`,
      ).all(...args, after, limit) as Array<{ id: number } & Record<string, unknown>>;
      const cells = rows.map((row) => {
        const view = ledger.toView(row as never) as Record<string, unknown>;
        return columns.map((c) => registryCell(c.key, view, site));
      });
      return { last: rows.at(-1)?.id ?? after, cells };
    },
  };
}

export function registryCell(key: string, v: Record<string, unknown>,
  site: SiteFacts = NO_SITE): Cell {
  const docs = v.documents as Array<{ kind: string }>;
  switch (key) {
    case 'plateColor': return COLOUR_WORDS[String(v.plateColor)] ?? String(v.plateColor);
    case 'registrationDate': case 'licenceIssueDate': case 'productionDate':
    case 'validFrom': case 'validTo':
      return writeDate(v[key] as string | null);
    case 'envList': return has(docs, 'env-list');
    case 'licence': return has(docs, 'licence-front', 'licence-back');
    case 'engineNameplate': return has(docs, 'engine-nameplate');
    case 'obdOnline': return yesNo(v.obdOnline);
    case 'blacklisted': return yesNo(v.blacklisted);
    case 'auditStatus': return AUDIT_WORDS[String(v.auditStatus)] ?? String(v.auditStatus);
    case 'authorisedLanes': return writeLanes(v.authorisedLanes as string[], site);
    default: return (v[key] ?? '') as Cell;
  }
}

function logSource(db: Db, filter: Partial<LogQuery>): ExportSource {
  const logs = new LogLedger(db);
  const base = { ...filter, sort: 'at' as const, dir: 'asc' as const };
  const total = logs.list({ ...base, limit: 1, offset: 0 }).total;

  return {
    columns: LOG_COLUMNS, total,
    page(after, limit) {
      const rows = logs.list({ ...base, limit, offset: after }).rows;
      return { last: after + rows.length, cells: rows.map(logCells) };
    },
  };
}

/** One log entry in LOG_COLUMNS' order, in words (加油, 柴油), never our codes (fuel, diesel). */
export function logCells(l: LogView): Cell[] {
  return [l.id, SUBJECT_WORDS[l.subjectKind] ?? l.subjectKind, l.subjectCode, writeTime(l.at),
    LOG_KIND_WORDS[l.kind] ?? l.kind, l.fill === null ? '' : (FILL_WORDS[l.fill] ?? l.fill),
    l.quantity, l.unit ?? '', l.supplier, l.grade,
    l.documents.find((d) => d.kind === 'receipt')?.sha256 ?? '', l.operator, l.note];
}

function visitSource(db: Db, filter: Partial<VisitQuery>): ExportSource {
  pairVisits(db);
  const { where, args } = visitWhere({ state: 'any', ...filter });
  const and = where ? `${where} AND` : 'WHERE';
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM visits v ${where}`)
    .get(...args) as { n: number }).n;
  const photo = (col: string) => `(SELECT f.sha256 FROM passage_photos f
    WHERE f.passage_id = v.${col} ORDER BY f.rowid LIMIT 1)`;
  const docs = (kinds: string) => `(SELECT COUNT(*) FROM ledger_documents d
    WHERE d.ledger = 'vehicles' AND d.record_id = v.vehicle_id AND d.kind IN (${kinds}))`;

  return {
    columns: VISIT_COLUMNS, total,
    page(after, limit) {
      const rows = db.prepare(
        `SELECT v.rowid AS k, v.*, ve.registration_date, ve.vin, ve.engine_no, ve.fleet,
           ${photo('entry_passage_id')} AS entry_photo, ${photo('exit_passage_id')} AS exit_photo,
           ${docs("'env-list'")} AS env_list, ${docs("'licence-front','licence-back'")} AS licence,
           (SELECT hash FROM passages WHERE id = v.entry_passage_id) AS entry_hash,
           (SELECT hash FROM passages WHERE id = v.exit_passage_id) AS exit_hash,
           c.cargo_name, c.tonnage
         FROM visits v LEFT JOIN vehicles ve ON ve.id = v.vehicle_id
         LEFT JOIN visit_cargo c ON c.visit_id = v.id
           AND NOT EXISTS (SELECT 1 FROM visit_cargo n WHERE n.corrects = c.id)
         ${and} v.rowid > ? ORDER BY v.rowid LIMIT ?`,
      ).all(...args, after, limit) as Array<Record<string, string | number | null>>;
      const cells = rows.map((r) => [writeTime(r.entered_at as number | null),
        writeTime(r.exited_at as number | null), r.entry_photo ?? '', r.exit_photo ?? '', r.plate,
        COLOUR_WORDS[String(r.plate_color)] ?? r.plate_color, writeDate(r.registration_date as
          string | null), r.vin ?? '', r.engine_no ?? '', r.emission_stage ?? '',
        r.vehicle_id === null ? '' : (Number(r.env_list) > 0 ? YES : NO),
        r.vehicle_id === null ? '' : (Number(r.licence) > 0 ? YES : NO),
        r.cargo_name ?? '', r.tonnage, r.fleet ?? '', r.entry_hash ?? '', r.exit_hash ?? '']);
      return { last: Number(rows.at(-1)?.k ?? after), cells };
    },
  };
}

function passageSource(db: Db, filter: { from?: number; to?: number }): ExportSource {
  const parts: string[] = [];
  const args: number[] = [];
  if (filter.from !== undefined) {
    parts.push('captured_at >= ?');
    args.push(filter.from);
  }
  if (filter.to !== undefined) {
    parts.push('captured_at < ?');
    args.push(filter.to);
  }
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  const and = where ? `${where} AND` : 'WHERE';
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM passages ${where}`).get(...args) as
    { n: number }).n;

  return {
    columns: PASSAGE_CHAIN_COLUMNS, total,
    page(after, limit) {
      const rows = db.prepare(`SELECT * FROM passages ${and} seq > ? ORDER BY seq LIMIT ?`)
        .all(...args, after, limit) as Array<{ seq: number } & Record<string, unknown>>;
      return { last: rows.at(-1)?.seq ?? after, cells: rows.map((r) => passageChainCells(db, r)) };
    },
  };
}
