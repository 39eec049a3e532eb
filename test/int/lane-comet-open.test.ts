// A guard's manual open on a lane whose barrier is a Vzenith camera's own relay: the open waits
// for the camera's next comet heartbeat, travels in that reply over real HTTP, and the simulated
// camera pulses its relay exactly once, whatever it sends after. The lane records the outcome.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LprListener } from '../../electron/devices/lpr/listener.ts';
import { DEMO_CAMERA_2_SERIAL } from '../../electron/config/demo-site.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import {
  startVzenithCamera, type VzenithCamera, type VzenithHeartbeatMode,
} from '../../electron/sim/vzenith-camera.ts';
import { waitFor } from '../support/processes.ts';
import {
  PLATE_JPEG, SCENE_JPEG, barrierEventsOf, plateRead, rowsOf, startLaneListener, startLaneWorld,
  type LaneWorld,
} from './lane-harness.ts';

const log = silentLogger();
let world: LaneWorld;
let listener: LprListener;
const cameras: VzenithCamera[] = [];

beforeEach(async () => {
  world = await startLaneWorld();
  listener = await startLaneListener(world);
});

afterEach(async () => {
  for (const c of cameras.splice(0)) await c.close();
  await listener.close();
  await world.close();
});

function laneTwoCamera(heartbeatMode: VzenithHeartbeatMode, heartbeatMs = 100): VzenithCamera {
  const camera = startVzenithCamera({ serial: DEMO_CAMERA_2_SERIAL, heartbeatMode, heartbeatMs,
    target: `http://127.0.0.1:${listener.port}/lpr/vzenith/cam-2`, log });
  cameras.push(camera);
  return camera;
}

describe('a manual open on a Vzenith camera-reply lane', () => {
  it('reaches the camera relay exactly once, in the reply to its next comet heartbeat',
    async () => {
      const camera = laneTwoCamera('comet');
      await waitFor('the camera polling', () => (camera.heartbeats() >= 2 ? true : undefined));
      expect(camera.pulses).toEqual([]);

      const reason = '车牌污损，人工核实';
      const result = await world.lanes.manualOpen('lane-2', reason, 'guard-li');

      expect(result).toEqual({ opened: true, error: null, failure: null });
      // The lane hears of the open when the reply has left; the camera reads it a moment later.
      await waitFor('the relay pulse', () => (camera.pulses.length ? true : undefined));
      expect(camera.pulses).toMatchObject([{ io: 0, delayMs: 500, cause: 'comet' }]);
      expect(barrierEventsOf(world.db, null)).toMatchObject([
        { lane_id: 'lane-2', trigger: 'manual', path: 'camera-reply', ok: 1, error: null,
          actor: 'guard-li', reason },
      ]);
      expect(world.events.map((e) => e.payload)).toMatchObject([
        { laneId: 'lane-2', passageId: null, state: 'opened', error: null },
      ]);

      // More polls, a resent heartbeat and an offline replay: none pulses the relay again.
      const polled = camera.heartbeats();
      await waitFor('more polls', () => (camera.heartbeats() >= polled + 3 ? true : undefined));
      await camera.heartbeat({ repeat: true });
      await camera.read({ plate: '豫A12345', color: 'yellow', offline: true,
        images: { plate: PLATE_JPEG, scene: SCENE_JPEG } });
      expect(camera.pulses).toHaveLength(1);
      expect(rowsOf(world.db, 'SELECT id FROM barrier_events')).toHaveLength(1);
    });

  it('leaves two opens pressed together as one pulse', async () => {
    const camera = laneTwoCamera('comet', 300);

    const [a, b] = await Promise.all([
      world.lanes.manualOpen('lane-2', '司机未带卡', 'guard-li'),
      world.lanes.manualOpen('lane-2', '司机未带卡', 'guard-wang'),
    ]);

    const opened = { opened: true, error: null, failure: null };
    expect([a, b]).toEqual([opened, opened]);
    await waitFor('the relay pulse', () => (camera.pulses.length ? true : undefined));
    const polled = camera.heartbeats();
    await waitFor('another poll', () => (camera.heartbeats() > polled ? true : undefined));
    expect(camera.pulses).toHaveLength(1);
    expect(rowsOf(world.db, 'SELECT ok FROM barrier_events')).toEqual([{ ok: 1 }, { ok: 1 }]);
  });

  it('follows the installer\'s test push that allowed a truck: its reply went to the PC',
    async () => {
      const camera = laneTwoCamera('comet');
      await waitFor('the camera polling', () => (camera.heartbeats() >= 1 ? true : undefined));

      const verdict = await world.lanes.handleRead(plateRead({ plate: '豫A12345',
        cameraId: 'cam-2', vendor: 'vzenith', deviceSerial: DEMO_CAMERA_2_SERIAL,
        capturedAt: Date.now() }), world.camera('cam-2'), 'test-push');

      expect(verdict.open).toBe(false);
      await waitFor('the relay pulse', () => (camera.pulses.length ? true : undefined));
      expect(camera.pulses).toMatchObject([{ io: 0, delayMs: 500, cause: 'comet' }]);
      await waitFor('the barrier event', () => barrierEventsOf(world.db, verdict.passageId)[0]);
      expect(barrierEventsOf(world.db, verdict.passageId)).toMatchObject([
        { lane_id: 'lane-2', trigger: 'decision', path: 'camera-reply', ok: 1, error: null }]);
    });
});
