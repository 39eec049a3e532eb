// The fuel, urea and maintenance logs of in-plant vehicles and machinery (domain.md §1.5.4).
// An entry is written once and never edited: a wrong entry is answered by a new one. Fuel and
// urea entries go to the platform as M8 in the same transaction; profiles that do not carry M8
// leave those rows waiting in the outbox, never lost.
import type { Db } from '../db/database.ts';
import type { FieldIssue, LogFields, LogView } from '../api/contract.ts';
import { checkLog } from './checks/record-checks.ts';
import { hasErrors, issue } from './checks/issues.ts';
import { documentsOf, setDocuments, unknownUploads } from './documents.ts';
import { containing } from './record-filter.ts';
import { reportFuelLog } from './platform-reports.ts';
import type { FuelLog } from '../sync/messages/fuel-log.ts';

export interface LogQuery {
  kinds?: readonly string[];
  subjectKind?: 'inPlant' | 'machinery';
  subjectId?: number;
  from?: number;
  to?: number;
  search?: string;
  limit: number;
  offset: number;
  sort: 'at' | 'kind' | 'quantity';
  dir: 'asc' | 'desc';
}

interface LogRow {
  id: number; kind: LogView['kind']; subject_kind: LogView['subjectKind']; subject_id: number;
  subject_code: string | null; at: number; fill: LogView['fill']; quantity: number | null;
  unit: LogView['unit']; grade: string; supplier: string; note: string; operator: string;
  created_at: number;
}

/** The subject's code, by a join the list and the export share. */
const SUBJECT_CODE = `CASE l.subject_kind
  WHEN 'inPlant' THEN (SELECT registration_code FROM inplant_vehicles WHERE id = l.subject_id)
  ELSE (SELECT env_registration_code FROM machinery WHERE id = l.subject_id) END`;

/** Our fill words → the M8 message's. */
const M8_FILL: Readonly<Record<string, FuelLog['kind']>> = {
  diesel: 'diesel', petrol: 'petrol', urea: 'urea', lng: 'LNG', cng: 'CNG',
  electricity: 'electricity',
};

export class LogLedger {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  create(f: LogFields, actor: { username: string; now: number }, enterpriseCode: string):
  { record: LogView | null; issues: FieldIssue[] } {
    const issues = checkLog(f, actor.now);
    const subjectCode = this.subjectCode(f.subjectKind, f.subjectId);
    if (subjectCode === null) issues.push(issue('log.subject-unknown', 'subjectId'));
    for (const sha of unknownUploads(this.db, f.documents.map((d) => d.sha256))) {
      issues.push(issue('documents.unknown', 'documents', { sha }));
    }
    if (hasErrors(issues)) return { record: null, issues };

    const id = this.db.transaction(() => {
      const info = this.db.prepare(
        `INSERT INTO ledger_logs (kind, subject_kind, subject_id, at, fill, quantity, unit, grade,
           supplier, note, operator, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(f.kind, f.subjectKind, f.subjectId, f.at, f.fill, f.quantity, f.unit, f.grade,
        f.supplier, f.note, actor.username, actor.now);
      const logId = Number(info.lastInsertRowid);
      setDocuments(this.db, 'logs', logId, f.documents, actor.now);

      if (f.kind !== 'maintenance') {
        reportFuelLog(this.db, {
          id: String(logId), subjectKind: f.subjectKind === 'inPlant' ? 'inPlantVehicle'
            : 'machinery',
          subjectCode: subjectCode!, filledAt: f.at, kind: M8_FILL[f.fill!]!,
          quantity: f.quantity!, unit: f.unit!, supplier: f.supplier || null,
          grade: f.grade || null,
          receiptPhoto: f.documents.find((d) => d.kind === 'receipt')?.sha256 ?? null,
          operator: actor.username,
        }, enterpriseCode, actor.now);
      }
      return logId;
    })();
    return { record: this.get(id), issues };
  }

  get(id: number): LogView | null {
    const row = this.db.prepare(`SELECT l.*, ${SUBJECT_CODE} AS subject_code FROM ledger_logs l
      WHERE l.id = ?`).get(id) as LogRow | undefined;
    return row ? this.toView(row) : null;
  }

  list(q: LogQuery): { total: number; rows: LogView[] } {
    const parts: string[] = [];
    const args: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      parts.push(clause);
      args.push(...values);
    };

    if (q.kinds?.length) add(`l.kind IN (${q.kinds.map(() => '?').join(', ')})`, ...q.kinds);
    if (q.subjectKind) add('l.subject_kind = ?', q.subjectKind);
    if (q.subjectId !== undefined) add('l.subject_id = ?', q.subjectId);
    if (q.from !== undefined) add('l.at >= ?', q.from);
    if (q.to !== undefined) add('l.at < ?', q.to);
    const search = q.search?.trim();
    if (search) {
      const like = containing(search);
      const columns = ['l.operator', 'l.supplier', 'l.grade', `(${SUBJECT_CODE})`];
      add(`(${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`,
        ...columns.map(() => like));
    }
    const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';

    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM ledger_logs l ${where}`)
      .get(...args) as { n: number }).n;
    const rows = this.db.prepare(
      `SELECT l.*, ${SUBJECT_CODE} AS subject_code FROM ledger_logs l ${where}
       ORDER BY l.${q.sort} ${dir}, l.id ${dir} LIMIT ? OFFSET ?`,
    ).all(...args, q.limit, q.offset) as LogRow[];
    return { total, rows: rows.map((r) => this.toView(r)) };
  }

  private subjectCode(kind: 'inPlant' | 'machinery', id: number): string | null {
    const sql = kind === 'inPlant'
      ? 'SELECT registration_code AS code FROM inplant_vehicles WHERE id = ?'
      : 'SELECT env_registration_code AS code FROM machinery WHERE id = ?';
    return (this.db.prepare(sql).get(id) as { code: string } | undefined)?.code ?? null;
  }

  private toView(r: LogRow): LogView {
    return {
      id: r.id, kind: r.kind, subjectKind: r.subject_kind, subjectId: r.subject_id,
      subjectCode: r.subject_code ?? '', at: r.at, fill: r.fill, quantity: r.quantity,
      unit: r.unit, grade: r.grade, supplier: r.supplier, note: r.note, operator: r.operator,
      createdAt: r.created_at, documents: documentsOf(this.db, 'logs', r.id),
    };
  }
}
