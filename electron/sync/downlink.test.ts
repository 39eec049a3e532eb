// The alert downlink against the real platform simulator over HTTP: the city publishes a
// measure, the gate's signed poll takes it in our codes, once, and follows a moved end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { silentLogger } from '../log/logger.ts';
import { AlertService } from '../alerts/alert-service.ts';
import { startPlatformSim, type PlatformSim } from '../sim/platform.ts';
import { SIM_MEASURES_PATH } from '../sim/platform-measures.ts';
import { ControlMeasuresPoller } from './downlink.ts';
import { OPEN_END_MS, mapControlMeasure, type ControlMeasure } from './downlink-measures.ts';
import { TEST_CREDENTIALS } from './test-support.ts';

const sh = (y: number, mo: number, d: number, h = 0, mi = 0) =>
  Date.UTC(y, mo - 1, d, h, mi) - 8 * 3_600_000;
const ENTERPRISE = 'E410100000001';

const orange: ControlMeasure = {
  id: 1024, entNo: ENTERPRISE, entName: '豫中示范水泥', startTime: '2024-11-06 00:00:00',
  endTime: '2024-11-08 00:00:00', warningLevel: '橙色', respondLevel: 'II级',
  controlMeasures: '国四及以下重型柴油货车禁止通行；运输量削减50%',
};

let db: Db;
let sim: PlatformSim;
let alerts: AlertService;

beforeEach(async () => {
  db = openDatabase(':memory:');
  sim = await startPlatformSim({ ...TEST_CREDENTIALS, log: silentLogger() });
  alerts = new AlertService({ db, log: silentLogger() });
});

afterEach(async () => {
  await sim.stop();
  db.close();
});

function poller(secret = TEST_CREDENTIALS.secret): ControlMeasuresPoller {
  return new ControlMeasuresPoller({
    platform: { url: sim.url, appId: TEST_CREDENTIALS.appId, secret },
    enterpriseCode: ENTERPRISE, log: silentLogger(),
    take: (taken) => alerts.takeFromPlatform(taken),
  });
}

/** Publishes as the city (or a trainer) does: a POST to the simulator's own endpoint. */
async function publish(measure: ControlMeasure): Promise<number> {
  const response = await fetch(sim.url + SIM_MEASURES_PATH, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(measure),
  });
  return response.status;
}

describe('the control measures downlink', () => {
  it('takes the city orange alert in our codes and Shanghai times, and leaves others', async () => {
    expect(await publish(orange)).toBe(200);
    expect(await publish({ ...orange, id: 'other', entNo: 'E130100000009' })).toBe(200);
    expect(await publish({ ...orange, id: 'odd', warningLevel: '紫色' })).toBe(200);

    expect(await poller().pollOnce()).toEqual({ ok: true, taken: 1, skipped: 2 });

    expect(alerts.list(10)).toEqual([expect.objectContaining({
      level: 'orange', response: 'II', source: 'platform', platformId: '1024',
      startsAt: sh(2024, 11, 6), endsAt: sh(2024, 11, 8), createdBy: 'platform',
      measure: '国四及以下重型柴油货车禁止通行；运输量削减50%',
    })]);
  });

  it('takes each announcement once, and follows the city when it moves the end', async () => {
    await publish(orange);
    const gate = poller();
    await gate.pollOnce();
    await gate.pollOnce();
    expect(alerts.list(10)).toHaveLength(1);

    await publish({ ...orange, endTime: '2024-11-09 12:00:00' });
    await gate.pollOnce();
    expect(alerts.list(10)).toEqual([expect.objectContaining({ platformId: '1024',
      endsAt: sh(2024, 11, 9, 12) })]);
  });

  it('is refused with a wrong secret, and nothing is taken', async () => {
    await publish(orange);
    const outcome = await poller('not-the-shared-secret-0000000000').pollOnce();
    expect(outcome).toEqual({ ok: false, error: 'code 401: bad signature' });
    expect(alerts.list(10)).toEqual([]);
  });

  it('reports a platform that cannot be reached', async () => {
    const url = sim.url;
    await sim.stop();
    const gate = new ControlMeasuresPoller({
      platform: { url, ...TEST_CREDENTIALS }, enterpriseCode: ENTERPRISE, log: silentLogger(),
      take: () => undefined,
    });
    expect(await gate.pollOnce()).toMatchObject({ ok: false });
    sim = await startPlatformSim({ ...TEST_CREDENTIALS, log: silentLogger() });
  });
});

describe('mapping a measure into our codes', () => {
  it('reads the level words the platforms write', () => {
    const map = (over: Partial<ControlMeasure>) =>
      mapControlMeasure({ ...orange, ...over }, ENTERPRISE);
    expect(map({ warningLevel: '黄色预警', respondLevel: 'Ⅲ级' })).toMatchObject({
      ok: true, alert: { level: 'yellow', response: 'III' } });
    expect(map({ warningLevel: '红色', respondLevel: '一级响应' })).toMatchObject({
      ok: true, alert: { level: 'red', response: 'I' } });
    expect(map({ warningLevel: '橙色', respondLevel: null })).toMatchObject({
      ok: true, alert: { response: 'II' } });
    expect(map({ entNo: '' })).toMatchObject({ ok: true });
    expect(map({ respondLevel: 'IV级' })).toMatchObject({ ok: false });
  });

  it('reads bare dates as whole days, and holds an open end for a week', () => {
    const day = mapControlMeasure({ ...orange, startTime: '2024-11-06',
      endTime: '2024-11-07' }, ENTERPRISE);
    expect(day).toMatchObject({ ok: true, alert: { startsAt: sh(2024, 11, 6),
      endsAt: sh(2024, 11, 8) } });

    const open = mapControlMeasure({ ...orange, endTime: null }, ENTERPRISE);
    expect(open).toMatchObject({ ok: true, alert: { endsAt: sh(2024, 11, 6) + OPEN_END_MS } });

    const backwards = mapControlMeasure({ ...orange, endTime: '2024-11-05 00:00:00' },
      ENTERPRISE);
    expect(backwards).toEqual({ ok: false, reason: 'ends before it starts' });
  });
});
