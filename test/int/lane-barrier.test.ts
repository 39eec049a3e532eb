// The lane and its barrier on real parts: a camera's repeated reads pulse the relay once, a dead
// relay board reaches the guard as an error, and a guard's manual open is audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { heartbeatOpenExpiredError } from '../../electron/devices/barrier/heartbeat-opens.ts';
import { DEDUPE_WINDOW_MS } from '../../electron/lanes/lane-service.ts';
import { waitFor } from '../support/processes.ts';
import {
  OPEN_EXPIRY_MS, MORNING, PULSE_MS, barrierEventsOf, passagesOf, plateRead, rowsOf, settle,
  startLaneWorld, type LaneWorld,
} from './lane-harness.ts';

let world: LaneWorld;

beforeEach(async () => {
  world = await startLaneWorld();
});

afterEach(async () => {
  await world.close();
});

const outcomeOf = (passageId: string | null) =>
  waitFor('the barrier outcome', () => {
    const rows = barrierEventsOf(world.db, passageId);
    return rows.length ? rows : undefined;
  });

describe('a camera that reads the same truck again', () => {
  it('resending its event id makes no second passage and no second pulse', async () => {
    const first = await world.lanes.handleRead(
      plateRead({ plate: '豫A12345', vendorEventId: 'hik-000201' }), world.camera('cam-1'));
    await outcomeOf(first.passageId);

    const resend = await world.lanes.handleRead(
      plateRead({ plate: '豫A12345', vendorEventId: 'hik-000201', capturedAt: MORNING + 4_000 }),
      world.camera('cam-1'));
    await settle(PULSE_MS * 3);

    expect(resend).toEqual({ open: false, passageId: first.passageId });
    expect(passagesOf(world.db, '豫A12345')).toHaveLength(1);
    expect(world.board.frames.map((f) => f.value)).toEqual([true, false]);
    expect(barrierEventsOf(world.db, first.passageId)).toHaveLength(1);
    expect(rowsOf(world.db, 'SELECT id FROM outbox')).toHaveLength(1);
  });

  it('pushing one event twice at once makes one passage, one pulse and keeps its photos',
    async () => {
      const read = plateRead({ plate: '豫A12345', vendorEventId: 'hik-000202' });

      const [a, b] = await Promise.allSettled([
        world.lanes.handleRead(read, world.camera('cam-1')),
        world.lanes.handleRead({ ...read }, world.camera('cam-1')),
      ]);

      const [p] = passagesOf(world.db, '豫A12345');
      expect([a, b]).toEqual([
        { status: 'fulfilled', value: { open: false, passageId: p.id } },
        { status: 'fulfilled', value: { open: false, passageId: p.id } },
      ]);
      await outcomeOf(p.id);
      await settle(PULSE_MS * 3);
      expect(world.board.frames.map((f) => f.value)).toEqual([true, false]);
      for (const f of world.views.byId(p.id)!.photos) {
        expect(await world.media.read(f.sha256, f.mime)).not.toBeNull();
      }
    });

  it('without an event id, is one passage within the dedupe window and a new one after it',
    async () => {
      const lane2 = world.camera('cam-2');
      const at = (ms: number) => plateRead({ plate: '豫A12345', cameraId: 'cam-2',
        vendor: 'vzenith', capturedAt: MORNING + ms });

      const first = await world.lanes.handleRead(at(0), lane2);
      const waiting = await world.lanes.handleRead(at(DEDUPE_WINDOW_MS - 1), lane2);
      const later = await world.lanes.handleRead(at(DEDUPE_WINDOW_MS + 1), lane2);

      // The camera asks again because it is still waiting: it gets the same answer.
      expect(waiting).toEqual({ open: true, passageId: first.passageId });
      expect(later.open).toBe(true);
      expect(later.passageId).not.toBe(first.passageId);
      expect(passagesOf(world.db, '豫A12345').map((p) => p.captured_at)).toEqual([
        MORNING, MORNING + DEDUPE_WINDOW_MS + 1,
      ]);
      expect(rowsOf(world.db, "SELECT id FROM barrier_events WHERE path = 'camera-reply'"))
        .toHaveLength(2);
    });
});

describe('a relay board that does not answer', () => {
  it('still answers the camera, and the guard sees the barrier error', async () => {
    await world.board.close();

    const verdict = await world.lanes.handleRead(
      plateRead({ plate: '豫A12345', vendorEventId: 'hik-000301' }), world.camera('cam-1'));

    expect(verdict.open).toBe(false);
    const [p] = passagesOf(world.db, '豫A12345');
    expect(verdict.passageId).toBe(p.id);
    const [outcome] = await outcomeOf(p.id);
    const port = `127.0.0.1:${world.board.port}`;
    expect(outcome).toMatchObject({ trigger: 'decision', path: 'modbus-tcp', ok: 0,
      failure: 'link-down' });
    expect(outcome.error).toContain(`relay board port ${port} could not be opened`);
    expect(outcome.error).toContain('ECONNREFUSED');

    const lane = world.lanes.laneViews().find((l) => l.id === 'lane-1');
    expect(lane).toMatchObject({ barrierState: 'error', barrierError: outcome.error,
      barrierFailure: 'link-down' });
    const changed = world.events.filter((e) => e.event === 'barrier.changed');
    expect(changed.map((e) => e.payload)).toMatchObject([
      { laneId: 'lane-1', passageId: p.id, state: 'failed', error: outcome.error,
        failure: 'link-down' },
    ]);
    expect(world.views.byId(p.id)).toMatchObject({ decision: 'allow', barrier: 'failed',
      barrierError: outcome.error, barrierFailure: 'link-down' });
  });
});

describe("a guard's manual open", () => {
  it('pulses the relay and audits who opened it and why', async () => {
    const reason = '司机忘带通行卡，已电话核实';

    const result = await world.lanes.manualOpen('lane-1', reason, 'guard-li');

    expect(result).toEqual({ opened: true, error: null, failure: null });
    const audit = rowsOf(world.db, "SELECT * FROM audit WHERE action = 'barrier.manual-open'");
    expect(audit).toMatchObject([{ actor: 'guard-li', subject: 'lane-1' }]);
    expect(JSON.parse(audit[0].detail)).toEqual({ reason });
    expect(barrierEventsOf(world.db, null)).toMatchObject([
      { lane_id: 'lane-1', trigger: 'manual', path: 'modbus-tcp', ok: 1, error: null,
        actor: 'guard-li', reason },
    ]);
    expect(world.board.frames.map((f) => f.value)).toEqual([true, false]);
    expect(world.events.map((e) => e.payload)).toMatchObject([
      { laneId: 'lane-1', passageId: null, state: 'opened', error: null },
    ]);
    expect(rowsOf(world.db, 'SELECT id FROM passages')).toEqual([]);
  });

  it('on a Vzenith lane whose camera never polls expires with a reason, still audited',
    async () => {
      const reason = '车牌污损，人工核实';
      const error = heartbeatOpenExpiredError(OPEN_EXPIRY_MS, 'vzenith');

      const result = await world.lanes.manualOpen('lane-2', reason, 'guard-li');

      expect(result).toEqual({ opened: false, error, failure: 'camera-silent' });
      const audit = rowsOf(world.db, "SELECT * FROM audit WHERE action = 'barrier.manual-open'");
      expect(audit).toMatchObject([{ actor: 'guard-li', subject: 'lane-2' }]);
      expect(JSON.parse(audit[0].detail)).toEqual({ reason });
      expect(barrierEventsOf(world.db, null)).toMatchObject([
        { lane_id: 'lane-2', trigger: 'manual', path: 'camera-reply', ok: 0, error },
      ]);
      const lane = world.lanes.laneViews().find((l) => l.id === 'lane-2');
      expect(lane).toMatchObject({ barrierState: 'error', barrierError: error });
    });
});
