// Which alert governs a moment: overlapping alerts, alerts scheduled ahead, cancellations and
// the exact start and end instants of a Shanghai alert day.
import { describe, expect, it } from 'vitest';
import {
  alertStatus, controlStateOf, governingAlert, nextBoundaryAfter, type Alert,
} from './control-state.ts';

/** UTC ms of a local Asia/Shanghai wall-clock time. */
const sh = (y: number, mo: number, d: number, h = 0, mi = 0) =>
  Date.UTC(y, mo - 1, d, h, mi) - 8 * 3_600_000;

let nextId = 1;
function alert(over: Partial<Alert> & Pick<Alert, 'level' | 'startsAt' | 'endsAt'>): Alert {
  const response = ({ yellow: 'III', orange: 'II', red: 'I' } as const)[over.level];
  return {
    id: nextId++, response, measure: '', source: 'manual', platformId: null,
    createdBy: 'manager', createdAt: 0, updatedAt: 0, cancelledAt: null, cancelledBy: null,
    ...over,
  };
}

describe('the control state at a moment', () => {
  it('is none without alerts, and none outside every alert', () => {
    expect(controlStateOf([], sh(2024, 11, 6, 9))).toEqual({ level: 'none', response: null,
      alertId: null });
    const a = alert({ level: 'yellow', startsAt: sh(2024, 11, 6), endsAt: sh(2024, 11, 7) });
    expect(controlStateOf([a], sh(2024, 11, 5, 23, 59)).level).toBe('none');
    expect(controlStateOf([a], sh(2024, 11, 7, 0, 1)).level).toBe('none');
  });

  it('switches at local midnight: the start is in force, the end is not', () => {
    const a = alert({ level: 'orange', startsAt: sh(2024, 11, 6), endsAt: sh(2024, 11, 8) });
    expect(controlStateOf([a], sh(2024, 11, 6) - 1).level).toBe('none');
    expect(controlStateOf([a], sh(2024, 11, 6))).toEqual({ level: 'orange', response: 'II',
      alertId: a.id });
    expect(controlStateOf([a], sh(2024, 11, 8) - 1).level).toBe('orange');
    expect(controlStateOf([a], sh(2024, 11, 8)).level).toBe('none');
    // 16:00 UTC is midnight in Shanghai: the boundary is the local one, not UTC's.
    expect(sh(2024, 11, 6)).toBe(Date.UTC(2024, 10, 5, 16));
  });

  it('takes the highest level where alerts overlap, and the lower one again after it', () => {
    const yellow = alert({ level: 'yellow', startsAt: sh(2024, 12, 1), endsAt: sh(2024, 12, 5) });
    const red = alert({ level: 'red', startsAt: sh(2024, 12, 2), endsAt: sh(2024, 12, 3) });
    const alerts = [red, yellow];

    expect(controlStateOf(alerts, sh(2024, 12, 1, 12)).level).toBe('yellow');
    expect(controlStateOf(alerts, sh(2024, 12, 2, 12))).toEqual({ level: 'red', response: 'I',
      alertId: red.id });
    expect(controlStateOf(alerts, sh(2024, 12, 3, 12)).alertId).toBe(yellow.id);
  });

  it('between two alerts of one level, names the newer notice', () => {
    const first = alert({ level: 'orange', startsAt: sh(2024, 12, 1), endsAt: sh(2024, 12, 9),
      measure: 'first' });
    const moved = alert({ level: 'orange', startsAt: sh(2024, 12, 3), endsAt: sh(2024, 12, 6),
      measure: 'newer' });
    expect(governingAlert([moved, first], sh(2024, 12, 4))?.measure).toBe('newer');
  });

  it('holds an alert scheduled ahead until its start', () => {
    const ahead = alert({ level: 'red', startsAt: sh(2025, 1, 10, 8), endsAt: sh(2025, 1, 11) });
    expect(controlStateOf([ahead], sh(2025, 1, 9, 12)).level).toBe('none');
    expect(alertStatus(ahead, sh(2025, 1, 9, 12))).toBe('scheduled');
    expect(controlStateOf([ahead], sh(2025, 1, 10, 8)).level).toBe('red');
    expect(alertStatus(ahead, sh(2025, 1, 10, 8))).toBe('in-force');
    expect(alertStatus(ahead, sh(2025, 1, 11))).toBe('ended');
  });

  it('ends a cancelled alert at its cancellation, and a cancelled plan never starts', () => {
    const cut = alert({ level: 'orange', startsAt: sh(2024, 12, 1), endsAt: sh(2024, 12, 4),
      cancelledAt: sh(2024, 12, 2, 10), cancelledBy: 'manager' });
    expect(controlStateOf([cut], sh(2024, 12, 2, 9)).level).toBe('orange');
    expect(controlStateOf([cut], sh(2024, 12, 2, 10)).level).toBe('none');
    expect(alertStatus(cut, sh(2024, 12, 1))).toBe('cancelled');

    const dropped = alert({ level: 'red', startsAt: sh(2024, 12, 10), endsAt: sh(2024, 12, 11),
      cancelledAt: sh(2024, 12, 9) });
    expect(controlStateOf([dropped], sh(2024, 12, 10, 12)).level).toBe('none');
    expect(nextBoundaryAfter([dropped], sh(2024, 12, 9, 12))).toBeNull();
  });

  it('names the next start or end for the timer', () => {
    const a = alert({ level: 'yellow', startsAt: sh(2024, 12, 1), endsAt: sh(2024, 12, 3) });
    const b = alert({ level: 'red', startsAt: sh(2024, 12, 2), endsAt: sh(2024, 12, 2, 18) });
    expect(nextBoundaryAfter([a, b], sh(2024, 11, 30))).toBe(sh(2024, 12, 1));
    expect(nextBoundaryAfter([a, b], sh(2024, 12, 1))).toBe(sh(2024, 12, 2));
    expect(nextBoundaryAfter([a, b], sh(2024, 12, 2))).toBe(sh(2024, 12, 2, 18));
    expect(nextBoundaryAfter([a, b], sh(2024, 12, 2, 18))).toBe(sh(2024, 12, 3));
    expect(nextBoundaryAfter([a, b], sh(2024, 12, 3))).toBeNull();
  });
});
