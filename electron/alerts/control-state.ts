// Which alert is in force at a moment, as a pure function of the alert rows. An alert is in force
// from its start (inclusive) to its end (exclusive), or until it was cancelled if that came
// first: a cancelled alert was still in force before the cancellation, which matters for the
// cap's "normal days" and the alert-day report. Overlapping alerts: the highest level wins.
import type {
  AlertLevel, ControlState, ResponseLevel,
} from '../rules/decision-types.ts';

export type AlertColour = Exclude<AlertLevel, 'none'>;
export type AlertSource = 'manual' | 'scheduled' | 'platform';
export type AlertStatus = 'scheduled' | 'in-force' | 'ended' | 'cancelled';

export interface Alert {
  id: number;
  level: AlertColour;
  response: ResponseLevel;
  startsAt: number;
  endsAt: number;
  measure: string;
  source: AlertSource;
  platformId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  cancelledAt: number | null;
  cancelledBy: string | null;
}

export const LEVEL_RANK: Readonly<Record<AlertLevel, number>> = {
  none: 0, yellow: 1, orange: 2, red: 3,
};

/**
 * The level names its response (domain.md §2.5): 黄色 ↔ III级, 橙色 ↔ II级,
 * 红色 ↔ I级.
 */
export const RESPONSE_OF: Readonly<Record<AlertColour, ResponseLevel>> = {
  yellow: 'III', orange: 'II', red: 'I',
};

export const NO_CONTROL: ControlState = { level: 'none', response: null, alertId: null };

/** When the alert stops being in force: its end, or its cancellation if that came first. */
export function effectiveEnd(alert: Alert): number {
  if (alert.cancelledAt === null) return alert.endsAt;
  return Math.min(alert.endsAt, alert.cancelledAt);
}

export function isInForce(alert: Alert, at: number): boolean {
  return alert.startsAt <= at && at < effectiveEnd(alert);
}

/**
 * The alert that sets the control state at `at`: the highest level in force; between equals the
 * one that started last (the newest notice carries the measure text the guard should read).
 */
export function governingAlert(alerts: readonly Alert[], at: number): Alert | null {
  let best: Alert | null = null;
  for (const alert of alerts) {
    if (!isInForce(alert, at)) continue;
    if (best === null || outranks(alert, best)) best = alert;
  }
  return best;
}

export function controlStateOf(alerts: readonly Alert[], at: number): ControlState {
  const alert = governingAlert(alerts, at);
  if (!alert) return NO_CONTROL;
  return { level: alert.level, response: alert.response, alertId: alert.id };
}

/** The next moment after `at` at which some alert starts or stops being in force. */
export function nextBoundaryAfter(alerts: readonly Alert[], at: number): number | null {
  let next: number | null = null;
  for (const alert of alerts) {
    const end = effectiveEnd(alert);
    if (end <= alert.startsAt) continue;
    for (const boundary of [alert.startsAt, end]) {
      if (boundary > at && (next === null || boundary < next)) next = boundary;
    }
  }
  return next;
}

export function alertStatus(alert: Alert, at: number): AlertStatus {
  if (alert.cancelledAt !== null) return 'cancelled';
  if (at < alert.startsAt) return 'scheduled';
  return at < alert.endsAt ? 'in-force' : 'ended';
}

function outranks(a: Alert, b: Alert): boolean {
  const rank = LEVEL_RANK[a.level] - LEVEL_RANK[b.level];
  if (rank !== 0) return rank > 0;
  if (a.startsAt !== b.startsAt) return a.startsAt > b.startsAt;
  return a.id > b.id;
}
