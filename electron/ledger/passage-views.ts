// Read side of the passage ledger: the rows the Lanes and Passages pages show.
import type { Db } from '../db/database.ts';
import type { PassageView } from '../api/contract.ts';
import { barrierFailure, type BarrierFailure } from '../api/contract/barrier-failures.ts';
import { normalisePlate } from '../devices/lpr/plate.ts';

interface Row {
  id: string;
  lane_id: string;
  direction: 'in' | 'out';
  plate: string;
  plate_color: string;
  read_plate_color: string;
  color_mismatch: number;
  decision: PassageView['decision'];
  reason_code: string;
  reason_zh: string;
  reason_en: string;
  emission_stage: string | null;
  fuel: string | null;
  control_state: string;
  rule_version: string;
  captured_at: number;
  offline_replay: number;
  test_push: number;
}

type ViewRow = Row & { barrier_json: string | null; override_json: string | null };

const BARRIER_SUBQUERY = `(SELECT json_object('ok', ok, 'path', path, 'error', error,
    'failure', failure)
  FROM barrier_events b WHERE b.passage_id = p.id ORDER BY b.id DESC LIMIT 1) AS barrier_json,
  (SELECT json_object('approver', o.approver, 'reason', o.reason, 'at', o.at)
  FROM passage_overrides o WHERE o.passage_id = p.id) AS override_json`;

export class PassageViews {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  byId(id: string): PassageView | null {
    const row = this.db
      .prepare(`SELECT p.*, ${BARRIER_SUBQUERY} FROM passages p WHERE p.id = ?`)
      .get(id) as ViewRow | undefined;
    return row ? this.toView(row) : null;
  }

  recent(laneId: string | undefined, limit: number): PassageView[] {
    const rows = (
      laneId
        ? this.db
            .prepare(
              `SELECT p.*, ${BARRIER_SUBQUERY} FROM passages p WHERE p.lane_id = ?
               ORDER BY p.captured_at DESC, p.seq DESC LIMIT ?`,
            )
            .all(laneId, limit)
        : this.db
            .prepare(
              `SELECT p.*, ${BARRIER_SUBQUERY} FROM passages p
               ORDER BY p.captured_at DESC, p.seq DESC LIMIT ?`,
            )
            .all(limit)
    ) as ViewRow[];
    return rows.map((r) => this.toView(r));
  }

  search(q: { plate?: string; from?: number; to?: number; limit: number; offset: number }): {
    total: number;
    rows: PassageView[];
  } {
    const where: string[] = [];
    const args: Array<string | number> = [];
    // Typed as painted or spoken (豫B 00123, 豫b·00123): the spelling passages are stored in.
    const plate = q.plate ? normalisePlate(q.plate) : '';
    if (plate) {
      where.push("p.plate LIKE ? ESCAPE '\\'");
      args.push(`%${plate.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (q.from !== undefined) {
      where.push('p.captured_at >= ?');
      args.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('p.captured_at < ?');
      args.push(q.to);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';

    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM passages p ${clause}`).get(...args) as {
        n: number;
      }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT p.*, ${BARRIER_SUBQUERY} FROM passages p ${clause}
         ORDER BY p.captured_at DESC, p.seq DESC LIMIT ? OFFSET ?`,
      )
      .all(...args, q.limit, q.offset) as ViewRow[];
    return { total, rows: rows.map((r) => this.toView(r)) };
  }

  private toView(r: ViewRow): PassageView {
    const photos = this.db
      .prepare('SELECT kind, sha256, mime FROM passage_photos WHERE passage_id = ?')
      .all(r.id) as Array<{ kind: string; sha256: string; mime: string }>;
    const barrier = barrierState(r);

    return {
      id: r.id,
      laneId: r.lane_id,
      direction: r.direction,
      plate: r.plate,
      plateColor: r.plate_color,
      readPlateColor: r.read_plate_color,
      colorMismatch: r.color_mismatch === 1,
      decision: r.decision,
      reasonCode: r.reason_code,
      reasonZh: r.reason_zh,
      reasonEn: r.reason_en,
      emissionStage: r.emission_stage,
      fuel: r.fuel,
      controlState: r.control_state,
      ruleVersion: r.rule_version,
      capturedAt: r.captured_at,
      photos,
      barrier: barrier.state,
      barrierError: barrier.error,
      barrierFailure: barrier.failure,
      override: r.override_json
        ? (JSON.parse(r.override_json) as NonNullable<PassageView['override']>)
        : null,
      testPush: r.test_push === 1,
    };
  }
}

function barrierState(r: ViewRow): {
  state: PassageView['barrier'];
  error: string | null;
  failure: BarrierFailure | null;
} {
  const none = { error: null, failure: null };
  if (r.barrier_json) {
    const b = JSON.parse(r.barrier_json) as { ok: number; path: string; error: string | null;
      failure: string | null };
    if (b.path === 'camera-reply' && b.ok) return { state: 'camera-reply', ...none };
    if (b.ok) return { state: 'opened', ...none };
    // A failure recorded before its kind was kept reads as 'other': the sentence says the rest.
    const failure = barrierFailure.safeParse(b.failure).data ?? 'other';
    return { state: 'failed', error: b.error, failure };
  }
  // An overridden denial is opened next; until its outcome is written it is pending.
  if (r.override_json && r.offline_replay === 0) return { state: 'pending', ...none };
  if (r.decision === 'deny' || r.offline_replay === 1) {
    return { state: 'not-commanded', ...none };
  }
  return { state: 'pending', ...none };
}
