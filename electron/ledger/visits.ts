// The visit ledger (an entry and its exit, domain.md §1.5.1) and its cargo. Cargo is recorded
// at the exit or later, and a correction is a new row pointing at the row it corrects: the
// ledger shows the latest, an inspector can read the whole chain, nothing is overwritten.
import type { Db } from '../db/database.ts';
import type { CargoView, PassagePhotoView, VisitView } from '../api/contract.ts';
import { normalisePlate, plateKind } from '../devices/lpr/plate.ts';
import { pairVisits } from './visit-pairing.ts';
import { reportCargoEntry } from './cargo-report.ts';
import { containing } from './record-filter.ts';
import { sql } from '../sync/statements.ts';

export interface VisitQuery {
  plate?: string;
  from?: number;
  to?: number;
  state: 'open' | 'closed' | 'any';
  cargoMissing?: boolean;
  stages?: readonly string[];
  fleet?: string;
  limit: number;
  offset: number;
  sort: 'enteredAt' | 'exitedAt' | 'plate';
  dir: 'asc' | 'desc';
}

const SORT_COLUMNS = { enteredAt: 'v.sort_at', exitedAt: 'v.exited_at', plate: 'v.plate' };

/** The cargo row no other row corrects: the one in force. */
const CURRENT_CARGO = `(SELECT json_object('id', c.id, 'cargoName', c.cargo_name,
  'tonnage', c.tonnage, 'enteredBy', c.entered_by, 'at', c.at, 'corrects', c.corrects,
  'reason', c.reason) FROM visit_cargo c WHERE c.visit_id = v.id
  AND NOT EXISTS (SELECT 1 FROM visit_cargo n WHERE n.corrects = c.id)) AS cargo_json`;

interface VisitRow {
  id: string; plate: string; plate_color: string; entry_passage_id: string | null;
  exit_passage_id: string | null; entered_at: number | null; exited_at: number | null;
  emission_stage: string | null; fuel: string | null; fleet: string | null; decision: string;
  cargo_json: string | null;
}

export type CargoOutcome =
  | { ok: true; visit: VisitView; cargo: CargoView }
  | { ok: false; code: 'not_found' | 'invalid_input'; message: string };

export function visitWhere(q: Omit<VisitQuery, 'limit' | 'offset' | 'sort' | 'dir'>):
{ where: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    parts.push(clause);
    args.push(...values);
  };

  // A whole plate uses the (plate, time) index; a fragment searches.
  const plate = q.plate ? normalisePlate(q.plate) : '';
  if (plate && plateKind(plate)) add('v.plate = ?', plate);
  else if (plate) add("v.plate LIKE ? ESCAPE '\\'", containing(plate));
  if (q.from !== undefined) add('v.sort_at >= ?', q.from);
  if (q.to !== undefined) add('v.sort_at < ?', q.to);
  // The times stand for the passages (set together), and the indexes cover the times.
  if (q.state === 'open') add('v.exited_at IS NULL AND v.entered_at IS NOT NULL');
  if (q.state === 'closed') add('v.exited_at IS NOT NULL AND v.entered_at IS NOT NULL');
  if (q.cargoMissing) {
    add(`v.exited_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM visit_cargo c WHERE c.visit_id = v.id)`);
  }
  if (q.stages?.length) {
    add(`v.emission_stage IN (${q.stages.map(() => '?').join(', ')})`, ...q.stages);
  }
  if (q.fleet) add('v.vehicle_id IN (SELECT id FROM vehicles WHERE fleet = ?)', q.fleet);
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}

export class Visits {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  list(q: VisitQuery): { total: number; rows: VisitView[] } {
    pairVisits(this.db);
    const { where, args } = visitWhere(q);
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';

    const total = (sql(this.db, `SELECT COUNT(*) AS n FROM visits v ${where}`)
      .get(...args) as { n: number }).n;
    // The page's rows are chosen from the indexes first; the fleet and the cargo in force are
    // read for those 50 only, not for every row the sort looks at.
    const order = `${SORT_COLUMNS[q.sort]} ${dir}, v.rowid ${dir}`;
    const rows = sql(this.db,
      `SELECT v.*, ve.fleet, ${CURRENT_CARGO}
       FROM (SELECT v.rowid AS r FROM visits v ${where} ORDER BY ${order} LIMIT ? OFFSET ?) page
       JOIN visits v ON v.rowid = page.r LEFT JOIN vehicles ve ON ve.id = v.vehicle_id
       ORDER BY ${order}`,
    ).all(...args, q.limit, q.offset) as VisitRow[];
    return { total, rows: rows.map(toView) };
  }

  get(id: string): { visit: VisitView; photos: PassagePhotoView[]; cargoHistory: CargoView[] }
    | null {
    pairVisits(this.db);
    const row = this.db.prepare(
      `SELECT v.*, ve.fleet, ${CURRENT_CARGO} FROM visits v
       LEFT JOIN vehicles ve ON ve.id = v.vehicle_id WHERE v.id = ?`,
    ).get(id) as VisitRow | undefined;
    if (!row) return null;

    const photos = this.db.prepare(
      `SELECT p.direction, f.kind, f.sha256, f.mime FROM passage_photos f
       JOIN passages p ON p.id = f.passage_id WHERE f.passage_id IN (?, ?)
       ORDER BY p.seq, f.rowid`,
    ).all(row.entry_passage_id, row.exit_passage_id) as PassagePhotoView[];
    return { visit: toView(row), photos, cargoHistory: this.cargoHistory(id) };
  }

  cargoHistory(visitId: string): CargoView[] {
    return this.db.prepare(
      `SELECT id, cargo_name AS cargoName, tonnage, entered_by AS enteredBy, at, corrects, reason
       FROM visit_cargo WHERE visit_id = ? ORDER BY id`,
    ).all(visitId) as CargoView[];
  }

  /**
   * Records the cargo; when one is recorded already, the new row corrects it (with a reason).
   * Either way the platform hears of it: a correction of the visit's passage is queued in the
   * same transaction, so the cargo and its report exist together or not at all.
   */
  setCargo(visitId: string, cargoName: string, tonnage: number, reason: string,
    actor: { username: string; now: number }, enterpriseCode: string): CargoOutcome {
    const write = this.db.transaction((): CargoOutcome => {
      const found = this.get(visitId);
      if (!found) return { ok: false, code: 'not_found', message: `no visit ${visitId}` };
      const current = found.visit.cargo;
      if (current && !reason.trim()) {
        return { ok: false, code: 'invalid_input',
          message: 'a correction of recorded cargo needs a reason' };
      }

      const rounded = Math.round(tonnage * 10) / 10;
      const info = this.db.prepare(
        `INSERT INTO visit_cargo (visit_id, cargo_name, tonnage, entered_by, at, corrects, reason)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(visitId, cargoName.trim(), rounded, actor.username, actor.now, current?.id ?? null,
        reason.trim());
      const after = this.get(visitId)!;
      const cargo = after.cargoHistory.find((c) => c.id === Number(info.lastInsertRowid))!;

      reportCargoEntry(this.db, visitId, cargo, current, enterpriseCode, actor.now);
      return { ok: true, visit: after.visit, cargo };
    });
    return write();
  }
}

function toView(r: VisitRow): VisitView {
  return {
    id: r.id, plate: r.plate, plateColor: r.plate_color, entryPassageId: r.entry_passage_id,
    exitPassageId: r.exit_passage_id, enteredAt: r.entered_at, exitedAt: r.exited_at,
    emissionStage: r.emission_stage, fuel: r.fuel, fleet: r.fleet, decision: r.decision,
    cargo: r.cargo_json ? JSON.parse(r.cargo_json) as CargoView : null,
  };
}
