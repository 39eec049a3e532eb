// The alert-period compliance report (domain.md §5.3): for each Asia/Shanghai day on which an
// alert was in force, the trips admitted against that day's baseline and cap, the denials and
// the overrides. Inspectors compare exactly these numbers (§5.4).
import type { AlertDayView } from '../api/contract.ts';
import { LEVEL_RANK, effectiveEnd, type AlertColour } from './control-state.ts';
import { capOf, type CapService } from './cap.ts';
import type { AlertService } from './alert-service.ts';
import { DAY_MS, shanghaiDayKey, shanghaiDaysTouched, startOfShanghaiDay } from './shanghai-day.ts';

/** A report spans at most a year of days: enough for a season's alerts, bounded for the UI. */
export const MAX_REPORT_DAYS = 366;

/** Tonnes per day (start of the Asia/Shanghai day → t); days absent were not recorded. */
export type TonnageByDay = (from: number, to: number) => ReadonlyMap<number, number>;

export function alertDays(
  alerts: AlertService, cap: CapService, from: number, to: number,
  tonnage: TonnageByDay = () => new Map(),
): AlertDayView[] {
  const first = startOfShanghaiDay(from);
  const end = Math.min(to, first + MAX_REPORT_DAYS * DAY_MS);
  if (end <= first) return [];

  const levels = highestLevelByDay(alerts, first, end);
  const counts = cap.countsByDay(first, startOfShanghaiDay(end - 1) + DAY_MS);
  const tonnes = tonnage(first, startOfShanghaiDay(end - 1) + DAY_MS);

  return [...levels.entries()].sort(([a], [b]) => a - b).map(([day, level]) => {
    const c = counts.get(day);
    const baseline = cap.baseline(day).perDay;
    const share = cap.shareAt({ level, response: null, alertId: null }, day);
    const trips = c?.admitted ?? 0;

    return {
      day: shanghaiDayKey(day),
      level,
      trips,
      denied: c?.denied ?? 0,
      overridden: c?.overridden ?? 0,
      exempted: c?.exempted ?? 0,
      baselinePerDay: baseline,
      cap: capOf(baseline, share),
      reductionPct: baseline ? round1(((baseline - trips) / baseline) * 100) : null,
      tonnage: tonnes.get(day) ?? null,
    };
  });
}

function highestLevelByDay(alerts: AlertService, from: number, to: number) {
  const levels = new Map<number, AlertColour>();
  for (const alert of alerts.overlapping(from, to)) {
    for (const day of shanghaiDaysTouched(alert.startsAt, effectiveEnd(alert))) {
      if (day < from || day >= to) continue;
      const known = levels.get(day);
      if (!known || LEVEL_RANK[alert.level] > LEVEL_RANK[known]) levels.set(day, alert.level);
    }
  }
  return levels;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
