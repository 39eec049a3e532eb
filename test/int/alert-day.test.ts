// An alert day at a B-level Henan cement plant, on a fixed clock and real parts: a week of
// normal traffic through the lanes makes the baseline, the manager schedules an orange alert for
// Monday, the lanes admit half the baseline, the next truck is denied "quota reached", and the
// guard's override — approved with the manager's login — lets it in, flagged, on the relay
// board.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes.ts';
import { barrierEventsOf, passagesOf, rowsOf } from './lane-harness.ts';
import {
  ACCOUNTS, passwordOf, startAlertDayWorld, type AlertDayWorld,
} from './alert-day-harness.ts';

/** UTC ms of a local Asia/Shanghai wall-clock time in November 2024 (the 11th is a Monday). */
const nov = (d: number, h = 0, mi = 0) => Date.UTC(2024, 10, d, h, mi) - 8 * 3_600_000;

const ORANGE_MEASURE = '橙色预警：国四及以下禁行，运输量削减50%';
const OVERRIDE_REASON = '水泥熟料急需入厂，厂长电话批准';

let world: AlertDayWorld;
let truckNo = 0;

beforeEach(async () => {
  world = await startAlertDayWorld(nov(11, 7));
  truckNo = 0;
});

afterEach(async () => {
  await world.close();
});

/** `n` trucks through the Vzenith lane on a local day, from 08:00 a quarter-hour apart. */
async function normalDay(day: number, n: number): Promise<void> {
  world.clock.now = nov(day, 8);
  for (let i = 0; i < n; i++) await world.truck(truckNo++, nov(day, 8, 15 * i), 'cam-2');
}

async function lastWeek(): Promise<void> {
  await normalDay(11, 6);
  await normalDay(12, 6);
  await normalDay(13, 6);

  // Wednesday evening the city announces a yellow alert for Thursday: Thursday is no normal day.
  world.clock.now = nov(13, 19);
  const yellow = await world.call('manager', 'alerts.set', { level: 'yellow',
    startsAt: nov(14), endsAt: nov(15), measure: '黄色预警：运输车辆削减50%' });
  expect(yellow).toMatchObject({ ok: true, value: { source: 'scheduled' } });
  await normalDay(14, 3);

  await normalDay(15, 6);
  await normalDay(16, 6);
  await normalDay(17, 2); // Sunday: no working day
}

describe('an orange alert day', () => {
  it('caps entries at half the baseline, denies the next truck, and admits it on override',
    async () => {
      await lastWeek();

      // Sunday evening: the manager schedules Monday's orange alert.
      world.clock.now = nov(17, 20);
      const set = await world.call('manager', 'alerts.set', { level: 'orange',
        startsAt: nov(18), endsAt: nov(19), measure: ORANGE_MEASURE });
      expect(set).toMatchObject({ ok: true, value: { level: 'orange', response: 'II',
        status: 'scheduled' } });

      world.clock.now = nov(18, 7, 30);
      expect(await world.call('guard', 'control.current', {})).toMatchObject({ ok: true,
        value: { level: 'orange', response: 'II', measure: ORANGE_MEASURE } });
      const lanes = await world.call('guard', 'lanes.list', {});
      expect(lanes.value.map((l: { controlState: string }) => l.controlState))
        .toEqual(['orange/II', 'orange/II']);
      const before = await world.call('guard', 'cap.status', {});
      expect(before).toMatchObject({ ok: true, value: { day: '2024-11-18', level: 'orange',
        baselinePerDay: 6, baselineDaysWanted: 5, admittedToday: 0, capShare: 0.5, cap: 3,
        reached: false,
        baselineDays: ['2024-11-16', '2024-11-15', '2024-11-13', '2024-11-12', '2024-11-11'] } });

      // Three trucks: half of six. Each is allowed and its barrier pulsed on the relay board.
      for (const minute of [0, 10, 20]) {
        world.clock.now = nov(18, 8, minute);
        const { passageId } = await world.truck(truckNo++, nov(18, 8, minute));
        const [p] = rowsOf(world.db, 'SELECT * FROM passages WHERE id = ?', passageId);
        expect(p).toMatchObject({ decision: 'allow', control_state: 'orange/II' });
        await waitFor('the barrier', () => barrierEventsOf(world.db, passageId)[0]);
      }

      // The fourth is over the cap.
      world.clock.now = nov(18, 8, 30);
      const plate = `豫B${String(truckNo).padStart(5, '0')}`;
      const { passageId } = await world.truck(truckNo++, nov(18, 8, 30));
      const [denied] = passagesOf(world.db, plate);
      expect(denied).toMatchObject({ id: passageId, decision: 'deny', reason_code: 'QUOTA_REACHED',
        control_state: 'orange/II' });
      expect(denied.reason_en).toMatch(/quota reached/i);
      expect(barrierEventsOf(world.db, passageId)).toEqual([]);
      expect(await world.call('guard', 'cap.status', {})).toMatchObject({ ok: true,
        value: { admittedToday: 3, cap: 3, reached: true } });

      // The guard overrides it with the manager's login; the relay board opens the barrier.
      const framesBefore = world.board.frames.length;
      const override = await world.call('guard', 'passages.override', { passageId,
        reason: OVERRIDE_REASON, approverUsername: ACCOUNTS.manager,
        approverPassword: passwordOf(ACCOUNTS.manager) });
      expect(override).toMatchObject({ ok: true, value: { opened: true, error: null,
        passage: { id: passageId, decision: 'deny', reasonCode: 'QUOTA_REACHED',
          override: { approver: ACCOUNTS.manager, reason: OVERRIDE_REASON } } } });
      expect(world.board.frames.length).toBeGreaterThan(framesBefore);

      // The passage itself is unchanged evidence; the override is a row of its own, audited.
      expect(passagesOf(world.db, plate)).toEqual([denied]);
      expect(rowsOf(world.db, 'SELECT * FROM passage_overrides')).toEqual([expect.objectContaining({
        passage_id: passageId, approver: ACCOUNTS.manager, requested_by: ACCOUNTS.guard })]);
      const [audit] = rowsOf(world.db, "SELECT * FROM audit WHERE action = 'passage.override'");
      expect(audit).toMatchObject({ actor: ACCOUNTS.guard, subject: passageId });
      expect(barrierEventsOf(world.db, passageId)).toEqual([expect.objectContaining({
        trigger: 'manual', ok: 1, actor: ACCOUNTS.guard })]);

      // The Lanes page hears of it: the passage flagged, then its barrier opened.
      const flagged = world.events.find((e) => e.event === 'passage.overridden');
      expect(flagged?.payload).toMatchObject({ id: passageId,
        override: { approver: ACCOUNTS.manager } });
      expect(world.events.at(-1)).toMatchObject({ event: 'barrier.changed',
        payload: { passageId, state: 'opened' } });
      expect(world.views.byId(passageId)).toMatchObject({ barrier: 'opened',
        override: { approver: ACCOUNTS.manager } });

      // The override counts as a trip: the report of the alert days says so.
      expect(await world.call('guard', 'cap.status', {})).toMatchObject({ ok: true,
        value: { admittedToday: 4 } });
      const report = await world.call('manager', 'cap.alertDays', { from: nov(1), to: nov(30) });
      expect(report.value).toEqual([
        expect.objectContaining({ day: '2024-11-14', level: 'yellow', trips: 3, tonnage: null }),
        { day: '2024-11-18', level: 'orange', trips: 4, denied: 0, overridden: 1, exempted: 0,
          baselinePerDay: 6, cap: 3, reductionPct: 33.3, tonnage: null },
      ]);
    });

  it('lets two lanes deciding at the same moment take the last trip only once', async () => {
    await lastWeek();
    world.clock.now = nov(17, 20);
    await world.call('manager', 'alerts.set', { level: 'orange', startsAt: nov(18),
      endsAt: nov(19), measure: ORANGE_MEASURE });

    world.clock.now = nov(18, 8);
    for (const minute of [0, 10]) await world.truck(truckNo++, nov(18, 8, minute));

    // One trip is left under the cap of three; both lanes read a truck in the same instant.
    const [a, b] = await Promise.all([
      world.truck(truckNo++, nov(18, 8, 20), 'cam-1'),
      world.truck(truckNo++, nov(18, 8, 20), 'cam-2'),
    ]);
    const decisions = [a, b].map(({ passageId }) =>
      rowsOf(world.db, 'SELECT decision, reason_code FROM passages WHERE id = ?', passageId)[0]);
    expect(decisions).toEqual(expect.arrayContaining([
      { decision: 'allow', reason_code: expect.any(String) },
      { decision: 'deny', reason_code: 'QUOTA_REACHED' },
    ]));
    expect(await world.call('guard', 'cap.status', {})).toMatchObject({ ok: true,
      value: { admittedToday: 3, cap: 3, reached: true } });
  });

  it('switches the lanes back to normal once the alert is cancelled', async () => {
    await lastWeek();
    world.clock.now = nov(18, 6);
    const set = await world.call('manager', 'alerts.set', { level: 'orange', startsAt: nov(18),
      endsAt: nov(19), measure: '' });
    for (const minute of [0, 10, 20]) await world.truck(truckNo++, nov(18, 8, minute));

    world.clock.now = nov(18, 9);
    const cancelled = await world.call('manager', 'alerts.cancel', { alertId: set.value.id });
    expect(cancelled).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(world.events.filter((e) => e.event === 'control.changed').at(-1)?.payload)
      .toMatchObject({ level: 'none' });

    const { passageId } = await world.truck(truckNo++, nov(18, 9, 5));
    expect(rowsOf(world.db, 'SELECT decision, control_state FROM passages WHERE id = ?',
      passageId)).toEqual([{ decision: 'allow', control_state: 'normal' }]);
  });
});
