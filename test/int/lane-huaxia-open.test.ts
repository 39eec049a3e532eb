// A guard's manual open on a lane whose barrier is a Huaxia camera's own relay: the open waits for
// the camera's next `type=heartbeat`, travels in that reply as `gpio_data` over real HTTP, and the
// simulated camera pulses io1 exactly once, whatever it sends after. The lane records the outcome.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LprListener } from '../../electron/devices/lpr/listener.ts';
import { heartbeatOpenExpiredError } from '../../electron/devices/barrier/heartbeat-opens.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { startHuaxiaCamera, type HuaxiaCamera } from '../../electron/sim/huaxia-camera.ts';
import { waitFor } from '../support/processes.ts';
import {
  OPEN_EXPIRY_MS, PLATE_JPEG, SCENE_JPEG, barrierEventsOf, rowsOf, startLaneListener,
  startLaneWorld, type LaneWorld,
} from './lane-harness.ts';

const log = silentLogger();
const CAM_ID = '00:1A:2B:3C:4D:5E';
let world: LaneWorld;
let listener: LprListener;
const cameras: HuaxiaCamera[] = [];

beforeEach(async () => {
  world = await startLaneWorld({ huaxiaLane2: CAM_ID });
  listener = await startLaneListener(world);
});

afterEach(async () => {
  for (const c of cameras.splice(0)) await c.close();
  await listener.close();
  await world.close();
});

function laneTwoCamera(heartbeatMs: number | null): HuaxiaCamera {
  const camera = startHuaxiaCamera({ camId: CAM_ID, heartbeatMs, log,
    target: `http://127.0.0.1:${listener.port}/lpr/huaxia/cam-2` });
  cameras.push(camera);
  return camera;
}

describe('a manual open on a Huaxia camera-reply lane', () => {
  it('reaches the camera relay exactly once, as gpio_data in the reply to its next heartbeat',
    async () => {
      const camera = laneTwoCamera(100);
      await waitFor('the camera calling in', () => (camera.heartbeats() >= 2 ? true : undefined));
      expect(camera.pulses).toEqual([]);

      const reason = '道闸遥控器失灵';
      const result = await world.lanes.manualOpen('lane-2', reason, 'guard-li');

      expect(result).toEqual({ opened: true, error: null, failure: null });
      await waitFor('the relay pulse', () => (camera.pulses.length ? true : undefined));
      expect(camera.pulses).toMatchObject([{ io: 'io1', cause: 'heartbeat' }]);
      expect(barrierEventsOf(world.db, null)).toMatchObject([
        { lane_id: 'lane-2', trigger: 'manual', path: 'camera-reply', ok: 1, error: null,
          actor: 'guard-li', reason },
      ]);

      // More heartbeats, one sent again by hand and an offline replay: none pulses again.
      const called = camera.heartbeats();
      const more = () => (camera.heartbeats() >= called + 3 ? true : undefined);
      await waitFor('more heartbeats', more);
      await camera.heartbeat();
      await camera.read({ plate: '豫A12345', color: 'yellow', offline: true,
        images: { plate: PLATE_JPEG, scene: SCENE_JPEG } });
      expect(camera.pulses).toHaveLength(1);
      expect(rowsOf(world.db, 'SELECT id FROM barrier_events')).toHaveLength(1);
    });

  it('opens for a registered truck\'s read by the reply to the read, not by a heartbeat',
    async () => {
      const camera = laneTwoCamera(null);

      const res = await camera.read({ plate: '豫A12345', color: 'yellow',
        images: { plate: PLATE_JPEG, scene: SCENE_JPEG } });

      expect(res.status).toBe(200);
      expect(camera.pulses).toMatchObject([{ io: 'io1', cause: 'read' }]);
    });

  it('expires with the setting to check when the camera sends no heartbeats', async () => {
    laneTwoCamera(null);
    const error = heartbeatOpenExpiredError(OPEN_EXPIRY_MS, 'huaxia');

    const result = await world.lanes.manualOpen('lane-2', '人工放行', 'guard-li');

    expect(result).toEqual({ opened: false, error, failure: 'camera-silent' });
    expect(error).toContain('its heartbeat is switched on');
    expect(barrierEventsOf(world.db, null)).toMatchObject([
      { lane_id: 'lane-2', trigger: 'manual', path: 'camera-reply', ok: 0, error },
    ]);
  });
});
