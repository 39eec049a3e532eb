// The device services of a site (issue #3), wired around the lanes: device health (sightings,
// probes, transitions, the `devices.health` event), the lanes' LED/voice boards, and the
// cameras' own allowlists. The host wraps the barrier drivers and the lane's answer to a read
// through here, so the lane itself knows nothing of displays or allowlists.
import type { Db } from '../db/database.ts';
import type { CameraConfig, SiteConfig } from '../config/site.ts';
import { subsystemLogger, type Logger } from '../log/logger.ts';
import type { BarrierDriver } from '../devices/barrier/barrier.ts';
import type { LaneVerdict, PlateRead, ReadOrigin } from '../devices/lpr/plate-read.ts';
import type { CameraReplyExtras } from '../devices/display/camera-reply-extras.ts';
import type { DisplayContent } from '../devices/display/display-frame.ts';
import { LaneDisplays } from '../devices/display/lane-displays.ts';
import { DeviceHealth, type DeviceHealthView } from '../devices/health/device-health.ts';
import { HealthMonitor, watchedBarrier } from '../devices/health/health-monitor.ts';
import { AllowlistSync } from '../devices/allowlist/allowlist-sync.ts';
import type { DeviceCallsRuntime } from '../api/handlers-devices.ts';

export interface DeviceServicesOptions {
  db: Db;
  site: SiteConfig;
  log: Logger;
  /** The lanes' barrier drivers; the services hand back watched ones for the lanes to use. */
  barriers: Map<string, BarrierDriver>;
  onHealth(views: DeviceHealthView[]): void;
  /** Barrier probes and silence checks; tests and the demo shorten it. */
  sweepMs?: number;
}

export interface DeviceServices extends DeviceCallsRuntime {
  /** The barrier drivers, each reporting its opens to device health. */
  barriers: Map<string, BarrierDriver>;
  /**
   * The lane's verdict, with what the camera's reply must carry besides. A test push's reply
   * comes back to this PC: it says nothing of the camera's health, and carries no allowlist
   * change (the camera would never receive it).
   */
  afterRead(read: PlateRead, camera: CameraConfig, verdict: Promise<LaneVerdict>,
    origin?: ReadOrigin): Promise<LaneVerdict>;
  /** A heartbeat (or a push without a plate) came from the camera. */
  cameraAlive(cameraId: string, kind: 'heartbeat' | 'no-plate'): void;
  stop(): Promise<void>;
}

export function startDeviceServices(o: DeviceServicesOptions): DeviceServices {
  const log = subsystemLogger(o.log, 'devices');
  const health = new DeviceHealth({ db: o.db, log, onChange: o.onHealth });
  const barriers = new Map([...o.barriers].map(([laneId, driver]) =>
    [laneId, watchedBarrier(driver, health, laneId)]));
  const monitor = new HealthMonitor({ health, db: o.db, site: o.site, barriers,
    sweepMs: o.sweepMs, log });
  const displays = new LaneDisplays({ lanes: o.site.lanes, log: o.log });
  const allowlists = new AllowlistSync({ db: o.db, cameras: o.site.cameras, log: o.log });
  const laneOf = new Map(o.site.lanes.map((l) => [l.cameraId, l.id]));
  const passage = o.db.prepare(`SELECT plate, emission_stage AS emissionStage,
    control_state AS controlState, decision FROM passages WHERE id = ?`);

  monitor.start();
  allowlists.start();

  return {
    barriers,

    async afterRead(read, camera, pending, origin = 'camera') {
      const verdict = await pending;
      if (origin === 'camera') monitor.cameraPushed(camera.id, 'read');
      const laneId = laneOf.get(camera.id);
      if (!laneId || read.isOfflineReplay) return verdict;

      // The verdict is the lane's and stands: a display or allowlist failure only loses extras.
      try {
        return withExtras(laneId, camera, verdict, origin);
      } catch (err) {
        log.error({ err, camera: camera.id }, 'reply extras failed; the verdict goes alone');
        return verdict;
      }
    },

    cameraAlive: (cameraId, kind) =>
      monitor.cameraPushed(cameraId, kind === 'heartbeat' ? 'heartbeat' : 'read'),

    health: () => health.views(),
    allowlists: () => allowlists.views(),
    syncAllowlists: () => allowlists.syncAll(),
    testDisplay: async (laneId, text) => displays.testText(laneId, text),

    async stop() {
      await monitor.stop();
      await allowlists.stop();
      await displays.close();
    },
  };

  function withExtras(
    laneId: string, camera: CameraConfig, verdict: LaneVerdict, origin: ReadOrigin,
  ): LaneVerdict {
    const extras: CameraReplyExtras = {};
    const content = verdict.passageId
      ? passage.get(verdict.passageId) as DisplayContent | undefined : undefined;
    if (content) {
      const through = displays.passthroughFrame(laneId, content);
      if (through) extras.serial = through;
      // After the reply's content is settled: a board on our own port never delays it.
      else void displays.show(laneId, content);
    }
    const whitelist = origin === 'camera' ? allowlists.takeVzenithOperate(camera.id) : null;
    if (whitelist) extras.vzenithWhitelist = whitelist;
    return extras.serial || extras.vzenithWhitelist ? { ...verdict, replyExtras: extras }
      : verdict;
  }
}
