// The 50 % cap (domain.md §3.5, R10): "stop transport or cut it by half" during an alert.
// Baseline = mean daily admitted inbound transport passages over the last N normal working days
// before today; a normal day is a working weekday (settings) on which no alert was in force at
// any moment and the gate recorded at least one passage (a day with none was a shutdown, a
// holiday or a day before the system was installed, and would pull the mean towards zero).
// The lane asks `capCounters(at)` for every read; the decision compares them with the table.
import type { Db } from '../db/database.ts';
import type { CapCounters, ControlState } from '../rules/decision-types.ts';
import type { CapStatusView } from '../api/contract.ts';
import type { Alert } from './control-state.ts';
import { effectiveEnd } from './control-state.ts';
import { capLimit } from '../rules/decide.ts';
import { CapCounts } from './cap-counts.ts';
import { readCapSettings } from './cap-settings.ts';
import {
  DAY_MS, shanghaiDayKey, shanghaiDaysTouched, shanghaiWeekday, startOfShanghaiDay,
} from './shanghai-day.ts';

/**
 * Henan: "any alert → stop transport or reduce it by 50 %". The host reads the share from the
 * rule table in force (rule-conditions.ts); this default serves where no table is at hand.
 */
export const DEFAULT_CAP_SHARE = 0.5;

/**
 * How far back the baseline looks for its N normal days. Sixty days covers a run of alerts
 * in a bad winter; a site with fewer normal days in that span gets a baseline over those it has.
 */
export const BASELINE_LOOKBACK_DAYS = 60;

export interface AlertsInForce {
  overlapping(from: number, to: number): Alert[];
  controlStateAt(at: number): ControlState;
}

export interface CapServiceOptions {
  db: Db;
  alerts: AlertsInForce;
  /** Share of the baseline admitted under a control state; null when no cap applies. */
  capShare?: (control: ControlState, at: number) => number | null;
  now?: () => number;
}

export interface Baseline {
  perDay: number | null;
  /** The normal working days used, newest first, `yyyy-MM-dd`. */
  days: string[];
  wanted: number;
}

export const defaultCapShare = (control: ControlState): number | null =>
  control.level === 'none' ? null : DEFAULT_CAP_SHARE;

/** The most trips a day may admit, counted as the decision counts them (never rounded up). */
export function capOf(baselinePerDay: number | null, share: number | null): number | null {
  if (baselinePerDay === null || share === null) return null;
  return capLimit(share * 100, baselinePerDay);
}

export class CapService {
  private readonly db: Db;
  private readonly alerts: AlertsInForce;
  private readonly counts: CapCounts;
  private readonly capShare: (control: ControlState, at: number) => number | null;
  private readonly now: () => number;
  /** Baselines by day start; past days do not change, so only alerts and settings clear it. */
  private readonly baselines = new Map<number, Baseline>();

  constructor(opts: CapServiceOptions) {
    this.db = opts.db;
    this.alerts = opts.alerts;
    this.counts = new CapCounts(opts.db);
    this.capShare = opts.capShare ?? defaultCapShare;
    this.now = opts.now ?? Date.now;
  }

  /** Forget cached baselines: an alert, an override or the settings changed. */
  invalidate(): void {
    this.baselines.clear();
  }

  /**
   * What the decision needs for a read at `at`: the baseline and today's trips so far, as
   * committed. The lane reads these, decides and commits its passage in one turn of the event
   * loop, so two lanes deciding at the same moment see each other's trips.
   */
  capCounters(at: number): CapCounters {
    const dayStart = startOfShanghaiDay(at);
    return {
      baselinePerDay: this.baseline(at).perDay,
      admittedToday: this.counts.countedByCap(dayStart, dayStart + DAY_MS),
    };
  }

  status(at = this.now()): CapStatusView {
    const control = this.alerts.controlStateAt(at);
    const counters = this.capCounters(at);
    const baseline = this.baseline(at);
    const share = this.capShare(control, at);
    const cap = capOf(counters.baselinePerDay, share);

    return {
      day: shanghaiDayKey(at),
      level: control.level,
      baselinePerDay: counters.baselinePerDay,
      baselineDays: baseline.days,
      baselineDaysWanted: baseline.wanted,
      admittedToday: counters.admittedToday,
      capShare: share,
      cap,
      reached: cap !== null && counters.admittedToday >= cap,
    };
  }

  shareAt(control: ControlState, at: number): number | null {
    return this.capShare(control, at);
  }

  countsByDay(from: number, to: number) {
    return this.counts.byDay(from, to);
  }

  /** The baseline in force on the day that holds `at` (over the days before it). */
  baseline(at: number): Baseline {
    const today = startOfShanghaiDay(at);
    const cached = this.baselines.get(today);
    if (cached) return cached;

    const computed = this.computeBaseline(today);
    this.baselines.set(today, computed);
    return computed;
  }

  private computeBaseline(today: number): Baseline {
    const settings = readCapSettings(this.db);
    const wanted = settings.baselineDays;
    const from = today - BASELINE_LOOKBACK_DAYS * DAY_MS;
    const alertDays = daysUnderAlert(this.alerts.overlapping(from, today));
    const counts = this.counts.byDay(from, today);

    const used: Array<{ day: number; admitted: number }> = [];
    // Counted in days, not by comparing times: a time too large to step by a day still ends.
    for (let n = 1; n <= BASELINE_LOOKBACK_DAYS && used.length < wanted; n++) {
      const day = today - n * DAY_MS;
      if (!settings.workingWeekdays.includes(shanghaiWeekday(day))) continue;
      if (alertDays.has(day)) continue;
      const c = counts.get(day);
      if (!c || c.seen === 0) continue;
      used.push({ day, admitted: c.admitted });
    }

    if (used.length === 0) return { perDay: null, days: [], wanted };
    const total = used.reduce((sum, d) => sum + d.admitted, 0);
    return { perDay: total / used.length, days: used.map((d) => shanghaiDayKey(d.day)), wanted };
  }
}

/** Day starts of every Shanghai day on which one of the alerts was in force at some moment. */
export function daysUnderAlert(alerts: readonly Alert[]): Set<number> {
  const days = new Set<number>();
  for (const alert of alerts) {
    for (const day of shanghaiDaysTouched(alert.startsAt, effectiveEnd(alert))) days.add(day);
  }
  return days;
}
