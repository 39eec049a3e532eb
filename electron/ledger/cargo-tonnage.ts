// Tonnes carried per Asia/Shanghai day, for the alert-period report: the cargo in force (the
// latest of each visit's correction chain) of visits that entered that day. A day whose visits
// have no cargo recorded is absent, which the report shows as "not recorded", not as zero.
import type { Db } from '../db/database.ts';
import { startOfShanghaiDay } from '../alerts/shanghai-day.ts';
import { pairVisits } from './visit-pairing.ts';

export function tonnageByDay(db: Db, from: number, to: number): Map<number, number> {
  pairVisits(db);
  const rows = db.prepare(
    `SELECT v.entered_at AS at, c.tonnage FROM visits v
     JOIN visit_cargo c ON c.visit_id = v.id
       AND NOT EXISTS (SELECT 1 FROM visit_cargo n WHERE n.corrects = c.id)
     WHERE v.sort_at >= ? AND v.sort_at < ? AND v.entered_at IS NOT NULL`,
  ).all(from, to) as Array<{ at: number; tonnage: number }>;

  const days = new Map<number, number>();
  for (const r of rows) {
    const day = startOfShanghaiDay(r.at);
    days.set(day, Math.round(((days.get(day) ?? 0) + r.tonnage) * 10) / 10);
  }
  return days;
}
