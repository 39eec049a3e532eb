// A plate read through the lane on real parts: the decision, the evidence in one committed
// transaction, then the barrier — on a Modbus relay board lane and on a Vzenith lane.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passageMessageSchema } from '../../electron/sync/passage-message.ts';
import { waitFor } from '../support/processes.ts';
import {
  MORNING, PLATE_JPEG, PULSE_MS, RELAY_COIL, SCENE_JPEG, barrierEventsOf,
  countCommittedAtEachFrame, passagesOf, plateRead, rowsOf, settle, startLaneWorld,
  type LaneWorld,
} from './lane-harness.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let world: LaneWorld;

beforeEach(async () => {
  world = await startLaneWorld();
});

afterEach(async () => {
  await world.close();
});

describe('a registered China-V truck at the relay-board lane', () => {
  it('is recorded with photos, outbox and audit before the relay is pulsed', async () => {
    const committedAtFrame = countCommittedAtEachFrame(world, '豫A12345');

    const verdict = await world.lanes.handleRead(
      plateRead({ plate: '豫A12345', vendorEventId: 'hik-000101' }), world.camera('cam-1'));

    expect(verdict.open).toBe(false);
    const [p] = passagesOf(world.db, '豫A12345');
    expect(verdict.passageId).toBe(p.id);
    expect(p).toMatchObject({
      lane_id: 'lane-1', gate_id: 'gate-1', camera_id: 'cam-1', direction: 'in',
      plate_color: 'yellow', read_plate_color: 'yellow', color_mismatch: 0,
      vendor_event_id: 'hik-000101', offline_replay: 0, emission_stage: '5', fuel: 'B',
      decision: 'allow', reason_code: 'STAGE_V_OR_VI',
      reason_zh: '国五及以上排放，准予通行',
      rule_version: 'henan-bulk-transport@2021-01-20.1', captured_at: MORNING,
    });

    const photos = rowsOf(world.db,
      'SELECT * FROM passage_photos WHERE passage_id = ? ORDER BY rowid', p.id);
    expect(photos.map((f) => [f.kind, f.sha256, f.bytes])).toEqual([
      ['scene', sha256(SCENE_JPEG), SCENE_JPEG.length],
      ['plate', sha256(PLATE_JPEG), PLATE_JPEG.length],
    ]);
    const scenePath = world.media.pathOf(sha256(SCENE_JPEG), 'image/jpeg');
    expect(scenePath.endsWith(`${sha256(SCENE_JPEG)}.jpg`)).toBe(true);
    expect(readFileSync(scenePath).equals(SCENE_JPEG)).toBe(true);
    const platePath = world.media.pathOf(sha256(PLATE_JPEG), 'image/jpeg');
    expect(readFileSync(platePath).equals(PLATE_JPEG)).toBe(true);

    const outbox = rowsOf(world.db, 'SELECT * FROM outbox');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ kind: 'passage', subject_id: p.id, state: 'pending',
      order_key: 'plate:豫A12345:yellow' });
    const message = passageMessageSchema.parse(JSON.parse(outbox[0].payload));
    expect(message).toMatchObject({ passageId: p.id, enterpriseCode: 'DEMO410100001',
      direction: 1, passedAt: '2024-11-05 09:30:00', plate: '豫A12345', plateColor: 'yellow',
      decision: 'allow', emissionStage: '5', backfill: false,
      photos: [sha256(SCENE_JPEG), sha256(PLATE_JPEG)], recognitionMode: 'auto',
      category: 'transport', reasonText: '国五及以上排放，准予通行',
      fleet: '郑州顺达物流', cargo: null,
      // No camera of the demo gate records without ONVIF settings: there is no clip to name.
      videoRef: null });

    const audit = rowsOf(world.db, "SELECT * FROM audit WHERE action = 'passage.recorded'");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'lane:lane-1', subject: p.id });
    expect(JSON.parse(audit[0].detail)).toEqual({ plate: '豫A12345', decision: 'allow',
      reason: 'STAGE_V_OR_VI' });

    const [outcome] = await waitFor('the barrier outcome', () => {
      const rows = barrierEventsOf(world.db, p.id);
      return rows.length ? rows : undefined;
    });
    expect(outcome).toMatchObject({ lane_id: 'lane-1', trigger: 'decision', path: 'modbus-tcp',
      ok: 1, error: null });

    const frames = world.board.frames.map((f) => ({ fn: f.fn, coil: f.coil, value: f.value }));
    expect(frames).toEqual([
      { fn: 5, coil: RELAY_COIL, value: true },
      { fn: 5, coil: RELAY_COIL, value: false },
    ]);
    // Held for the pulse (timers run on a millisecond loop clock, so allow it a hair early).
    const held = world.board.frames[1]!.at - world.board.frames[0]!.at;
    expect(held).toBeGreaterThanOrEqual(PULSE_MS - 2);
    expect(committedAtFrame[0]).toEqual({ passages: 1, photos: 2, outbox: 1, audit: 1,
      barrier: 0 });

    expect(world.events.map((e) => e.event)).toEqual(['passage.created', 'barrier.changed']);
    expect(world.events[0]!.payload).toMatchObject({ id: p.id, plate: '豫A12345',
      barrier: 'pending' });
    expect(world.events[1]!.payload).toMatchObject({ laneId: 'lane-1', passageId: p.id,
      state: 'opened', error: null });
    expect(world.outboxWakes).toBe(1);
    expect(world.views.byId(p.id)).toMatchObject({ barrier: 'opened', barrierError: null });
  });
});

describe('a Vzenith lane opens by its reply', () => {
  it('tells the camera to open for an allowed truck, the reply being the path', async () => {
    const read = plateRead({ plate: '豫A12345', cameraId: 'cam-2', vendor: 'vzenith',
      vendorEventId: '8812' });

    const verdict = await world.lanes.handleRead(read, world.camera('cam-2'));

    const [p] = passagesOf(world.db, '豫A12345');
    expect(verdict).toEqual({ open: true, passageId: p.id });
    expect(p).toMatchObject({ lane_id: 'lane-2', decision: 'allow' });
    expect(barrierEventsOf(world.db, p.id)).toMatchObject([
      { lane_id: 'lane-2', trigger: 'decision', path: 'camera-reply', ok: 1, error: null },
    ]);
    expect(world.views.byId(p.id)!.barrier).toBe('camera-reply');
    expect(world.board.frames).toEqual([]);
  });

  it('keeps the barrier down for an unregistered truck', async () => {
    const read = plateRead({ plate: '豫C88888', cameraId: 'cam-2', vendor: 'vzenith',
      vendorEventId: '8813', plateColor: 'blue' });

    const verdict = await world.lanes.handleRead(read, world.camera('cam-2'));

    const [p] = passagesOf(world.db, '豫C88888');
    expect(verdict).toEqual({ open: false, passageId: p.id });
    expect(p).toMatchObject({ decision: 'deny', reason_code: 'UNREGISTERED', vehicle_id: null,
      reason_zh: '未备案车辆，禁止通行' });
    expect(barrierEventsOf(world.db, p.id)).toEqual([]);
    expect(world.views.byId(p.id)!.barrier).toBe('not-commanded');
  });
});

describe('a truck the registry bars', () => {
  it('is denied with the officer\'s blacklist reason, the barrier kept down', async () => {
    world.registry.update('豫A12345', 'yellow', { blacklisted: true,
      blacklistReason: '多次超载' }, { report: false });
    const read = plateRead({ plate: '豫A12345', cameraId: 'cam-2', vendor: 'vzenith',
      vendorEventId: '8820' });

    const verdict = await world.lanes.handleRead(read, world.camera('cam-2'));

    const [p] = passagesOf(world.db, '豫A12345');
    expect(verdict).toEqual({ open: false, passageId: p.id });
    expect(p).toMatchObject({ decision: 'deny', reason_code: 'BLACKLISTED',
      reason_zh: '黑名单车辆，禁止通行：多次超载',
      reason_en: 'Blacklisted vehicle: entry denied (多次超载)' });
    expect(p.vehicle_id).not.toBeNull();
    expect(barrierEventsOf(world.db, p.id)).toEqual([]);
  });

  it('is denied after its registration ran out, and let in again once renewed', async () => {
    world.registry.update('豫A12345', 'yellow', { validTo: '2024-11-04' }, { report: false });
    await world.lanes.handleRead(plateRead({ plate: '豫A12345', cameraId: 'cam-2',
      vendor: 'vzenith', vendorEventId: '8821' }), world.camera('cam-2'));
    world.registry.update('豫A12345', 'yellow', { validTo: '2025-11-04' }, { report: false });
    await world.lanes.handleRead(plateRead({ plate: '豫A12345', cameraId: 'cam-2',
      vendor: 'vzenith', vendorEventId: '8822', capturedAt: MORNING + 60_000 }),
    world.camera('cam-2'));

    expect(passagesOf(world.db, '豫A12345').map((p) => [p.decision, p.reason_code])).toEqual([
      ['deny', 'REGISTRATION_EXPIRED'], ['allow', 'STAGE_V_OR_VI'],
    ]);
  });
});

describe('a read whose plate colour the camera could not tell', () => {
  it('matches the one vehicle registered under that plate and flags the colour', async () => {
    const verdict = await world.lanes.handleRead(
      plateRead({ plate: '豫A12345', cameraId: 'cam-2', vendor: 'vzenith', plateColor: 'unknown',
        rawPlateColor: '0' }),
      world.camera('cam-2'));

    const [p] = passagesOf(world.db, '豫A12345');
    expect(verdict.open).toBe(true);
    expect(p).toMatchObject({ plate_color: 'yellow', read_plate_color: 'unknown',
      color_mismatch: 1, decision: 'allow', reason_code: 'STAGE_V_OR_VI', emission_stage: '5' });
    expect(p.vehicle_id).toBeTypeOf('number');
    expect(rowsOf(world.db, 'SELECT order_key FROM outbox')).toEqual([
      { order_key: 'plate:豫A12345:yellow' },
    ]);
  });

  it('matches nobody when a tractor and a car share the plate in two colours', async () => {
    world.registry.add({ plate: '豫A66666', plateColor: 'yellow', vehicleType: 'Q11', fuel: 'B',
      emissionStage: '6', stageEvidence: 'ENV_LIST' });
    world.registry.add({ plate: '豫A66666', plateColor: 'blue', vehicleType: 'K33', fuel: 'A',
      emissionStage: '6', stageEvidence: 'ENV_LIST' });

    const verdict = await world.lanes.handleRead(
      plateRead({ plate: '豫A66666', cameraId: 'cam-2', vendor: 'vzenith',
        plateColor: 'unknown' }),
      world.camera('cam-2'));

    const [p] = passagesOf(world.db, '豫A66666');
    expect(verdict).toEqual({ open: false, passageId: p.id });
    expect(p).toMatchObject({ vehicle_id: null, plate_color: 'unknown', color_mismatch: 0,
      decision: 'deny', reason_code: 'UNREGISTERED' });
  });
});

describe('an offline replay of a truck that passed while the lane was unreachable', () => {
  it('is recorded and back-filled but never opens the barrier', async () => {
    const read = plateRead({ plate: '豫A12345', vendorEventId: 'hik-000090',
      isOfflineReplay: true, capturedAt: MORNING - 3_600_000 });

    const verdict = await world.lanes.handleRead(read, world.camera('cam-1'));
    await settle(PULSE_MS * 3);

    const [p] = passagesOf(world.db, '豫A12345');
    expect(verdict).toEqual({ open: false, passageId: p.id });
    expect(p).toMatchObject({ offline_replay: 1, decision: 'allow' });
    expect(world.board.frames).toEqual([]);
    expect(barrierEventsOf(world.db, p.id)).toEqual([]);
    expect(world.views.byId(p.id)).toMatchObject({ barrier: 'not-commanded', barrierError: null });
    const [row] = rowsOf(world.db, 'SELECT payload FROM outbox WHERE subject_id = ?', p.id);
    expect(JSON.parse(row.payload)).toMatchObject({ backfill: true,
      passedAt: '2024-11-05 08:30:00' });
    expect(existsSync(world.media.pathOf(sha256(SCENE_JPEG), 'image/jpeg'))).toBe(true);
  });
});
