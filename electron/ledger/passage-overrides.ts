// Overrides of denied passages. The passage is evidence and never changes; an override is a row
// of its own naming the passage, the approver whose login allowed it, the guard who asked and
// why. It is written with its audit row in one transaction.
import type { Db } from '../db/database.ts';
import { writeAudit } from '../db/audit.ts';

export interface PassageOverride {
  passageId: string;
  approver: string;
  requestedBy: string;
  reason: string;
  at: number;
}

/** The passage facts an override is judged on. */
export interface OverrideSubject {
  id: string;
  laneId: string;
  plate: string;
  decision: string;
  reasonCode: string;
  overridden: boolean;
  /** Reported late by a camera that was offline: the truck passed long ago. */
  offlineReplay: boolean;
}

export function overrideSubject(db: Db, passageId: string): OverrideSubject | null {
  const row = db.prepare(
    `SELECT p.id, p.lane_id, p.plate, p.decision, p.reason_code, p.offline_replay,
       EXISTS (SELECT 1 FROM passage_overrides o WHERE o.passage_id = p.id) AS overridden
     FROM passages p WHERE p.id = ?`,
  ).get(passageId) as { id: string; lane_id: string; plate: string; decision: string;
    reason_code: string; overridden: number; offline_replay: number } | undefined;
  if (!row) return null;

  return { id: row.id, laneId: row.lane_id, plate: row.plate, decision: row.decision,
    reasonCode: row.reason_code, overridden: row.overridden === 1,
    offlineReplay: row.offline_replay === 1 };
}

/** Writes the override and its audit row; false when the passage was overridden already. */
export function recordOverride(db: Db, o: PassageOverride, denial: OverrideSubject): boolean {
  const write = db.transaction(() => {
    const info = db.prepare(
      `INSERT INTO passage_overrides (passage_id, approver, requested_by, reason, at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT(passage_id) DO NOTHING`,
    ).run(o.passageId, o.approver, o.requestedBy, o.reason, o.at);
    if (info.changes === 0) return false;

    writeAudit(db, { actor: o.requestedBy, action: 'passage.override', subject: o.passageId,
      at: o.at, detail: { approver: o.approver, reason: o.reason, plate: denial.plate,
        lane: denial.laneId, deniedFor: denial.reasonCode } });
    return true;
  });
  return write();
}
