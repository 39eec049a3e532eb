// One repository shape for the three registries (transport vehicles, in-plant vehicles,
// machinery): list with filters and paging, get with documents and history, create, and update
// as a new version. Each registry is a spec (record-specs.ts) of its table, columns, checks and
// platform message. A save checks first and writes nothing when an error is found; otherwise the
// row, its photos, its version snapshot and its outbox message commit in one transaction.
import { sql } from '../sync/statements.ts';
import type { Db } from '../db/database.ts';
import type { DocumentView, FieldIssue } from '../api/contract.ts';
import { documentsOf, setDocuments, unknownUploads } from './documents.ts';
import { hasErrors, issue } from './checks/issues.ts';
import { whereOfFilter, type RecordFilter } from './record-filter.ts';
import { parseLaneList } from './vehicles.ts';

export type RecordLedgerName = 'vehicles' | 'inPlant' | 'machinery';
type Fields = Record<string, unknown> & { documents: Array<{ kind: string; sha256: string }> };

export interface RecordSpec {
  ledger: RecordLedgerName;
  table: string;
  /** Field → column; boolean fields are stored 0/1. */
  columns: Readonly<Record<string, string>>;
  booleans?: readonly string[];
  /** List fields, stored comma-separated (the authorised lanes). */
  lists?: readonly string[];
  /** Text fields older rows may hold as NULL; the view shows them as ''. */
  texts?: readonly string[];
  /** The fields that name the record (unique together); an update may not change them. */
  identity: readonly string[];
  searchColumns: readonly string[];
  sorts: Readonly<Record<string, string>>;
  /** Kinds of which at least one must be on file, else the record lacks its documents. */
  documentKinds: readonly string[];
  normalise(fields: Fields): Fields;
  check(fields: Fields, now: number): FieldIssue[];
  /** The checks against the site as configured (the lanes a vehicle may be authorised for). */
  checkSite?(fields: Fields, site: SiteFacts): FieldIssue[];
  /** Fields the view adds (plate kind, the date's stage bound). */
  extend?(fields: Fields): Record<string, unknown>;
  /** Writes the platform message of record `id` as it now stands (inside the transaction). */
  report(db: Db, id: number, now: number): void;
}

/** What a save is checked against from the site's configuration. */
export interface SiteLane { id: string; name: string; nameEn: string }
export interface SiteFacts { lanes: readonly SiteLane[] }
/** No site configured: no lane exists to be authorised for. */
export const NO_SITE: SiteFacts = { lanes: [] };

export interface ListQuery extends RecordFilter {
  limit: number;
  offset: number;
  sort: string;
  dir: 'asc' | 'desc';
}

export type Saved = { record: Record<string, unknown> | null; issues: FieldIssue[] };
export type UpdateOutcome = Saved | { missing: true } | { conflict: number };

export interface Actor { username: string; now: number }

interface StoredRow extends Record<string, unknown> {
  id: number;
  version: number;
  created_at: number;
  updated_at: number;
  updated_by: string;
}

export class RecordLedger {
  readonly spec: RecordSpec;
  readonly db: Db;
  /** The site as it is configured now (read at each save: the installer may change it). */
  readonly site: () => SiteFacts;

  constructor(db: Db, spec: RecordSpec, site: () => SiteFacts = () => NO_SITE) {
    this.db = db;
    this.spec = spec;
    this.site = site;
  }

  list(q: ListQuery): { total: number; rows: Record<string, unknown>[] } {
    const { where, args } = whereOfFilter(this.spec, q);
    const sortColumn = this.spec.sorts[q.sort] ?? 'updated_at';
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';

    const total = (sql(this.db, `SELECT COUNT(*) AS n FROM ${this.spec.table} ${where}`)
      .get(...args) as { n: number }).n;
    const rows = sql(this.db,
      `SELECT * FROM ${this.spec.table} ${where}
       ORDER BY ${sortColumn} ${dir}, id ${dir} LIMIT ? OFFSET ?`,
    ).all(...args, q.limit, q.offset) as StoredRow[];
    return { total, rows: rows.map((r) => this.toView(r)) };
  }

  get(id: number): Record<string, unknown> | null {
    const row = this.rowOf(id);
    return row ? this.toView(row) : null;
  }

  /** Earlier versions, newest first. */
  history(id: number): Array<{ version: number; at: number; by: string;
    fields: Record<string, unknown> }> {
    const rows = sql(this.db,
      `SELECT v.version, v.saved_at AS at, v.saved_by AS by, v.fields FROM ledger_versions v
       JOIN ${this.spec.table} r ON r.id = v.record_id
       WHERE v.ledger = ? AND v.record_id = ? AND v.version < r.version
       ORDER BY v.version DESC`,
    ).all(this.spec.ledger, id) as Array<{ version: number; at: number; by: string;
      fields: string }>;
    return rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, unknown> }));
  }

  /** The problems a save of `fields` would report, without saving. */
  validate(fields: Fields, now: number, exceptId?: number): FieldIssue[] {
    const f = this.spec.normalise(fields);
    const issues = this.spec.check(f, now);
    issues.push(...this.spec.checkSite?.(f, this.site()) ?? []);

    const unknown = unknownUploads(this.db, f.documents.map((d) => d.sha256));
    for (const sha of unknown) issues.push(issue('documents.unknown', 'documents', { sha }));

    const other = this.idOfIdentity(f);
    if (other !== null && other !== exceptId) {
      const key = this.spec.identity[0]!;
      const value = this.spec.identity.map((k) => String(f[k])).join(' ');
      issues.push(issue('duplicate.registry', key, { value }));
    }
    return issues;
  }

  create(fields: Fields, actor: Actor): Saved {
    const f = this.spec.normalise(fields);
    const issues = this.validate(f, actor.now);
    if (hasErrors(issues)) return { record: null, issues };

    const id = this.db.transaction(() => this.insertRow(f, actor))();
    return { record: this.get(id), issues };
  }

  /**
   * Inserts a checked record with its photos, version 1 and its message; call inside a
   * transaction (an import runs many in one).
   */
  insertRow(f: Fields, actor: Actor): number {
    const cols = Object.keys(this.spec.columns);
    const names = cols.map((k) => this.spec.columns[k]);
    const info = sql(this.db,
      `INSERT INTO ${this.spec.table} (${names.join(', ')}, version, created_at, updated_at,
         updated_by) VALUES (${cols.map(() => '?').join(', ')}, 1, ?, ?, ?)`,
    ).run(...cols.map((k) => this.toColumn(k, f[k])), actor.now, actor.now, actor.username);
    const id = Number(info.lastInsertRowid);

    this.afterWrite(id, 1, f, actor);
    return id;
  }

  update(id: number, version: number, fields: Fields, actor: Actor): UpdateOutcome {
    const row = this.rowOf(id);
    if (!row) return { missing: true };
    if (row.version !== version) return { conflict: row.version };

    const f = this.spec.normalise(fields);
    const issues = this.validate(f, actor.now, id);
    for (const key of this.spec.identity) {
      if (this.toColumn(key, f[key]) !== row[this.spec.columns[key]!]) {
        issues.push(issue('identity.changed', key));
      }
    }
    if (hasErrors(issues)) return { record: null, issues };

    const next = version + 1;
    const cols = Object.keys(this.spec.columns).filter((k) => !this.spec.identity.includes(k));
    const write = this.db.transaction(() => {
      const info = sql(this.db,
        `UPDATE ${this.spec.table} SET ${cols.map((k) => `${this.spec.columns[k]} = ?`).join(', ')},
           version = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
      ).run(...cols.map((k) => this.toColumn(k, f[k])), next, actor.now, actor.username, id,
        version);
      if (info.changes !== 1) return false;
      this.afterWrite(id, next, f, actor);
      return true;
    });
    if (!write()) return { conflict: this.rowOf(id)?.version ?? version };
    return { record: this.get(id), issues };
  }

  private afterWrite(id: number, version: number, f: Fields, actor: Actor): void {
    setDocuments(this.db, this.spec.ledger, id, f.documents, actor.now);
    sql(this.db,
      `INSERT INTO ledger_versions (ledger, record_id, version, fields, saved_by, saved_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(this.spec.ledger, id, version, JSON.stringify(f), actor.username, actor.now);
    this.spec.report(this.db, id, actor.now);
  }

  idOfIdentity(f: Record<string, unknown>): number | null {
    const where = this.spec.identity.map((k) => `${this.spec.columns[k]} = ?`).join(' AND ');
    const row = sql(this.db, `SELECT id FROM ${this.spec.table} WHERE ${where}`)
      .get(...this.spec.identity.map((k) => this.toColumn(k, f[k]))) as { id: number } | undefined;
    return row?.id ?? null;
  }

  private rowOf(id: number): StoredRow | null {
    return (sql(this.db, `SELECT * FROM ${this.spec.table} WHERE id = ?`).get(id) as
      StoredRow | undefined) ?? null;
  }

  private toColumn(key: string, value: unknown): unknown {
    if (this.spec.booleans?.includes(key)) return value === null || value === undefined
      ? null : Number(value);
    if (this.spec.lists?.includes(key)) return ((value ?? []) as string[]).join(',');
    return value ?? null;
  }

  /** The stored row as the contract's view: fields, version, photos and the warnings. */
  toView(row: StoredRow): Record<string, unknown> {
    const documents: DocumentView[] = documentsOf(this.db, this.spec.ledger, row.id);
    const refs = documents.map((d) => ({ kind: d.kind, sha256: d.sha256 }));
    const fields: Fields = { documents: refs };
    for (const [key, column] of Object.entries(this.spec.columns)) {
      const value = row[column];
      if (this.spec.booleans?.includes(key)) fields[key] = value === null ? null : value === 1;
      else if (this.spec.lists?.includes(key)) fields[key] = parseLaneList(value as string);
      else if (value === null && this.spec.texts?.includes(key)) fields[key] = '';
      else fields[key] = value ?? null;
    }

    const warnings = this.spec.check(fields, row.updated_at);
    const { documents: _refs, ...view } = fields;
    return {
      ...view, ...this.spec.extend?.(fields),
      id: row.id, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
      updatedBy: row.updated_by, documents, warnings,
    };
  }
}
