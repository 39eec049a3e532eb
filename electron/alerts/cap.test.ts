// The cap's baseline and counter over a real ledger: the last N normal working days, alert days
// and idle days skipped, Asia/Shanghai midnights, and today's trips counted as the lane asks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { silentLogger } from '../log/logger.ts';
import { insertPassage, type NewPassage } from '../ledger/passages.ts';
import { recordOverride } from '../ledger/passage-overrides.ts';
import { AlertService } from './alert-service.ts';
import { CapService } from './cap.ts';
import { writeCapSettings } from './cap-settings.ts';
import { alertDays } from './alert-days.ts';

/** UTC ms of a local Asia/Shanghai wall-clock time. */
const sh = (y: number, mo: number, d: number, h = 0, mi = 0) =>
  Date.UTC(y, mo - 1, d, h, mi) - 8 * 3_600_000;

// November 2024: the 11th is a Monday, the 10th and 17th are Sundays.
const MONDAY_18 = sh(2024, 11, 18, 10);

let db: Db;
let now: number;
let alerts: AlertService;
let cap: CapService;
let seq = 0;

beforeEach(() => {
  db = openDatabase(':memory:');
  now = MONDAY_18;
  alerts = new AlertService({ db, log: silentLogger(), now: () => now });
  cap = new CapService({ db, alerts, now: () => now });
  alerts.onChange(() => cap.invalidate());
});

afterEach(() => {
  db.close();
});

function passage(at: number, over: Partial<NewPassage> = {}): string {
  const id = `p-${++seq}`;
  insertPassage(db, {
    id, laneId: 'lane-1', gateId: 'gate-1', cameraId: 'cam-1', direction: 'in',
    plate: `豫A${String(seq).padStart(5, '0')}`, plateColor: 'yellow', readPlateColor: 'yellow',
    colorMismatch: false, recognitionMode: 'auto', confidence: 95, vendorEventId: null,
    offlineReplay: false, vehicleId: null, emissionStage: '5', fuel: 'B', decision: 'allow',
    reasonCode: 'STAGE_V_OR_VI', reasonZh: '准予通行', reasonEn: 'allowed', ruleVersion: 't@1',
    controlState: 'normal', capturedAt: at, createdAt: at, testPush: false, ...over,
  }, []);
  return id;
}

/** `trucks` admitted entries at 10:00 on a local day. */
function trips(y: number, mo: number, d: number, trucks: number): void {
  for (let i = 0; i < trucks; i++) passage(sh(y, mo, d, 10, i));
}

/** An alert that was in force on a past day, set back then. */
function pastAlert(level: 'yellow' | 'orange', from: number, to: number): void {
  const saved = now;
  now = from;
  alerts.set({ level, startsAt: from, endsAt: to, measure: '' }, 'manager');
  now = saved;
}

describe('the baseline', () => {
  it('is the mean of the last five normal working days before today', () => {
    trips(2024, 11, 11, 100);
    trips(2024, 11, 12, 10);
    trips(2024, 11, 13, 12);
    trips(2024, 11, 14, 8);
    trips(2024, 11, 15, 14);
    trips(2024, 11, 16, 6);
    trips(2024, 11, 17, 40); // Sunday: not a working day
    trips(2024, 11, 18, 3); // today: not part of its own baseline

    expect(cap.baseline(now)).toEqual({ perDay: 10, wanted: 5,
      days: ['2024-11-16', '2024-11-15', '2024-11-14', '2024-11-13', '2024-11-12'] });
  });

  it('skips a day on which an alert was in force, even for an hour, and an idle day', () => {
    for (const d of [8, 9, 11, 12, 13, 14, 15]) trips(2024, 11, d, 10);
    trips(2024, 11, 16, 2); // the orange day: transport was cut
    pastAlert('orange', sh(2024, 11, 16, 6), sh(2024, 11, 16, 7));
    // The 14th had an alert that was cancelled before it began: still a normal day.
    now = sh(2024, 11, 13, 18);
    const planned = alerts.set({ level: 'yellow', startsAt: sh(2024, 11, 14),
      endsAt: sh(2024, 11, 15), measure: '' }, 'manager');
    if (planned.ok) alerts.cancel(planned.value.id, 'manager');
    now = MONDAY_18;
    // Nothing at all passed on the 12th (the plant stopped): not a normal working day.
    db.prepare('DELETE FROM passages WHERE captured_at >= ? AND captured_at < ?')
      .run(sh(2024, 11, 12), sh(2024, 11, 13));

    expect(cap.baseline(now).days).toEqual([
      '2024-11-15', '2024-11-14', '2024-11-13', '2024-11-11', '2024-11-09',
    ]);
    expect(cap.baseline(now).perDay).toBe(10);
  });

  it('counts days by Shanghai midnight, not UTC midnight', () => {
    passage(sh(2024, 11, 15, 23, 59)); // Friday 23:59 in Shanghai, 15:59 UTC
    passage(sh(2024, 11, 16, 0, 0)); // Saturday 00:00 in Shanghai, still Friday in UTC
    writeCapSettings(db, { baselineDays: 2, workingWeekdays: [1, 2, 3, 4, 5, 6] }, 'manager');

    expect(cap.baseline(now)).toMatchObject({ perDay: 1, days: ['2024-11-16', '2024-11-15'] });
  });

  it('takes N and the working weekdays from the settings', () => {
    for (const d of [13, 14, 15, 16]) trips(2024, 11, d, 10);
    trips(2024, 11, 17, 4);
    writeCapSettings(db, { baselineDays: 3, workingWeekdays: [1, 2, 3, 4, 5, 6, 7] }, 'manager');

    expect(cap.baseline(now)).toMatchObject({ perDay: 8, wanted: 3,
      days: ['2024-11-17', '2024-11-16', '2024-11-15'] });
  });

  it('counts trips only: no exits, no denials unless overridden, no in-plant vehicles', () => {
    trips(2024, 11, 15, 4);
    passage(sh(2024, 11, 15, 11), { direction: 'out' });
    passage(sh(2024, 11, 15, 11), { decision: 'deny', reasonCode: 'UNREGISTERED' });
    const overridden = passage(sh(2024, 11, 15, 12), { decision: 'deny',
      reasonCode: 'UNREGISTERED' });
    recordOverride(db, { passageId: overridden, approver: 'manager', requestedBy: 'guard',
      reason: '临时送货', at: sh(2024, 11, 15, 12) }, { id: overridden, laneId: 'lane-1',
      plate: 'x', decision: 'deny', reasonCode: 'UNREGISTERED', overridden: false,
      offlineReplay: false });
    db.prepare(`INSERT INTO vehicles (id, plate, plate_color, category, vehicle_type, fuel,
      emission_stage, stage_evidence, created_at, updated_at)
      VALUES (7, '豫A00007', 'yellow', 'inPlant', 'H11', 'B', '5', 'ENV_LIST', 0, 0)`).run();
    passage(sh(2024, 11, 15, 13), { vehicleId: 7 });
    writeCapSettings(db, { baselineDays: 1, workingWeekdays: [1, 2, 3, 4, 5, 6] }, 'manager');

    expect(cap.baseline(now).perDay).toBe(5);
  });

  it('is null when no normal working day is on record', () => {
    expect(cap.baseline(now)).toEqual({ perDay: null, days: [], wanted: 5 });
  });
});

describe('the live counter and the cap', () => {
  it('counts today from local midnight, exempt trips aside, and caps at half the baseline', () => {
    for (const d of [12, 13, 14, 15, 16]) trips(2024, 11, d, 9);
    passage(sh(2024, 11, 17, 23, 59)); // Sunday night: yesterday
    trips(2024, 11, 18, 3);
    passage(sh(2024, 11, 18, 9), { decision: 'allow-with-exemption', reasonCode: 'EXEMPT' });

    expect(cap.capCounters(now)).toEqual({ baselinePerDay: 9, admittedToday: 3 });
    expect(cap.status()).toMatchObject({ day: '2024-11-18', level: 'none', capShare: null,
      cap: null, reached: false });

    alerts.set({ level: 'yellow', startsAt: now, endsAt: sh(2024, 11, 19), measure: '' }, 'm');
    expect(cap.status()).toMatchObject({ level: 'yellow', capShare: 0.5, cap: 4,
      admittedToday: 3, reached: false });
    passage(now + 1);
    expect(cap.status()).toMatchObject({ admittedToday: 4, reached: true });
  });

  it('reports each alert day against its own baseline; tonnage is not recorded yet', () => {
    for (const d of [11, 12, 13, 14, 15]) trips(2024, 11, d, 10);
    trips(2024, 11, 16, 4);
    passage(sh(2024, 11, 16, 11), { decision: 'deny', reasonCode: 'QUOTA_REACHED' });
    pastAlert('orange', sh(2024, 11, 16), sh(2024, 11, 17));

    const days = alertDays(alerts, cap, sh(2024, 11, 1), sh(2024, 11, 30));
    expect(days).toEqual([{ day: '2024-11-16', level: 'orange', trips: 4, denied: 1,
      overridden: 0, exempted: 0, baselinePerDay: 10, cap: 5, reductionPct: 60, tonnage: null }]);
  });
});
