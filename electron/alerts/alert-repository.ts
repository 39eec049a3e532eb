// The alert rows. SQL stays here; callers see Alert values. An alert is never deleted: a
// cancellation is stamped on the row (who, when), so the record of what was in force survives.
import type { Db } from '../db/database.ts';
import type { ResponseLevel } from '../rules/decision-types.ts';
import {
  RESPONSE_OF, type Alert, type AlertColour, type AlertSource,
} from './control-state.ts';

export interface NewAlert {
  level: AlertColour;
  startsAt: number;
  endsAt: number;
  measure: string;
  source: Exclude<AlertSource, 'platform'>;
  createdBy: string;
}

/** An alert as the platform's downlink announced it, already in our codes. */
export interface PlatformAlert {
  platformId: string;
  level: AlertColour;
  response: ResponseLevel;
  startsAt: number;
  endsAt: number;
  measure: string;
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

/** The creator recorded on alerts the platform announced. */
export const PLATFORM_ACTOR = 'platform';

interface AlertRow {
  id: number;
  level: AlertColour;
  response: ResponseLevel;
  starts_at: number;
  ends_at: number;
  measure: string;
  source: AlertSource;
  platform_id: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  cancelled_at: number | null;
  cancelled_by: string | null;
}

const toAlert = (r: AlertRow): Alert => ({
  id: r.id, level: r.level, response: r.response, startsAt: r.starts_at, endsAt: r.ends_at,
  measure: r.measure, source: r.source, platformId: r.platform_id, createdBy: r.created_by,
  createdAt: r.created_at, updatedAt: r.updated_at, cancelledAt: r.cancelled_at,
  cancelledBy: r.cancelled_by,
});

/** Rows whose time in force (start to end or cancellation) overlaps [from, to). */
const OVERLAPPING = `SELECT * FROM alerts
  WHERE starts_at < @to AND ends_at > @from AND (cancelled_at IS NULL OR cancelled_at > @from)
    AND (cancelled_at IS NULL OR cancelled_at > starts_at)`;

export class AlertRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  insert(a: NewAlert, now: number): Alert {
    const info = this.db.prepare(
      `INSERT INTO alerts (level, response, starts_at, ends_at, measure, source, created_by,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(a.level, RESPONSE_OF[a.level], a.startsAt, a.endsAt, a.measure, a.source, a.createdBy,
      now, now);
    return this.byId(Number(info.lastInsertRowid))!;
  }

  byId(id: number): Alert | null {
    const row = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as
      | AlertRow
      | undefined;
    return row ? toAlert(row) : null;
  }

  /** Stamps the cancellation; false when the row is unknown or cancelled already. */
  cancel(id: number, by: string, at: number): boolean {
    const info = this.db.prepare(
      `UPDATE alerts SET cancelled_at = ?, cancelled_by = ?, updated_at = ?
       WHERE id = ? AND cancelled_at IS NULL`,
    ).run(at, by, at, id);
    return info.changes > 0;
  }

  /** Alerts in force at some moment of [from, to), cancelled ones included up to their end. */
  overlapping(from: number, to: number): Alert[] {
    const rows = this.db.prepare(OVERLAPPING).all({ from, to }) as AlertRow[];
    return rows.map(toAlert);
  }

  /** Alerts still to start or still in force after `at`: what the boundary timer watches. */
  pendingAfter(at: number): Alert[] {
    return this.overlapping(at, Number.MAX_SAFE_INTEGER);
  }

  /** The newest alerts first (by start), for the Alerts page. */
  list(limit: number): Alert[] {
    const rows = this.db.prepare('SELECT * FROM alerts ORDER BY starts_at DESC, id DESC LIMIT ?')
      .all(limit) as AlertRow[];
    return rows.map(toAlert);
  }

  /**
   * Takes an alert from the platform, once per platform id. A repeat with other times or text
   * updates the row (the city moved the end, or corrected the measure); a cancellation made
   * here stays: the next poll does not bring a cancelled alert back.
   */
  upsertPlatform(p: PlatformAlert, now: number): UpsertOutcome {
    const known = this.db.prepare('SELECT * FROM alerts WHERE platform_id = ?')
      .get(p.platformId) as AlertRow | undefined;

    if (!known) {
      this.db.prepare(
        `INSERT INTO alerts (level, response, starts_at, ends_at, measure, source, platform_id,
           created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'platform', ?, ?, ?, ?)`,
      ).run(p.level, p.response, p.startsAt, p.endsAt, p.measure, p.platformId, PLATFORM_ACTOR,
        now, now);
      return 'added';
    }

    const same = known.level === p.level && known.response === p.response &&
      known.starts_at === p.startsAt && known.ends_at === p.endsAt && known.measure === p.measure;
    if (same) return 'unchanged';

    this.db.prepare(
      `UPDATE alerts SET level = ?, response = ?, starts_at = ?, ends_at = ?, measure = ?,
         updated_at = ?
       WHERE id = ?`,
    ).run(p.level, p.response, p.startsAt, p.endsAt, p.measure, now, known.id);
    return 'updated';
  }
}
