// Feeds DeviceHealth from the gate: which devices a site has; on a timer, the barrier probes
// (where the lane asks for them: a probe puts frames on the bus) and the recorders' segments;
// the cameras' pushes as they come; and every barrier command's outcome (each driver is
// wrapped, so the lane's own opens count as sightings too).
import type { Db } from '../../db/database.ts';
import type { SiteConfig } from '../../config/site.ts';
import type { BarrierDriver, BarrierResult } from '../barrier/barrier.ts';
import type { BarrierFailure } from '../../api/contract/barrier-failures.ts';
import type { DeviceFailure } from '../../api/contract/device-calls.ts';
import type { Logger } from '../../log/logger.ts';
import type { DeviceHealth, DeviceSpec } from './device-health.ts';
import { cameraReachTarget, knock, type ReachTarget } from './camera-reach.ts';

/**
 * How often barriers are probed and recorders and silences checked. A dead relay board shows
 * on the guard's screen within this, before the next truck finds it.
 */
export const HEALTH_SWEEP_MS = 5_000;

/**
 * A camera that sends heartbeats sends them every few seconds (Vzenith: 5–30 s, chosen on the
 * camera). Once two have come, four missed intervals mean it is down, but never less than
 * CAMERA_SILENCE_MIN_MS (a busy LAN delays one) nor more than CAMERA_SILENCE_MAX_MS; after the
 * first one, until the interval is known, the maximum applies.
 */
export const CAMERA_MISSED_HEARTBEATS = 4;
export const CAMERA_SILENCE_MIN_MS = 10_000;
export const CAMERA_SILENCE_MAX_MS = 120_000;

/** How often a camera with a known address is knocked on (one TCP connect, at once closed). */
export const CAMERA_KNOCK_MS = 30_000;

/** A recorder writes a segment every segmentSeconds; three missing segments mean it is stuck. */
const RECORDER_MISSED_SEGMENTS = 3;

export const deviceId = {
  camera: (cameraId: string) => `camera:${cameraId}`,
  barrier: (laneId: string) => `barrier:${laneId}`,
  recorder: (cameraId: string) => `recorder:${cameraId}`,
};

/** Every device of the site that can be watched. Camera-reply barriers are the camera. */
export function deviceSpecs(site: SiteConfig): DeviceSpec[] {
  return [
    ...site.cameras.map((c) => ({ id: deviceId.camera(c.id), kind: 'camera' as const,
      subject: c.id, name: c.name, silentForMs: null })),
    ...site.lanes.filter((l) => l.barrier.kind !== 'camera-reply').map((l) => ({
      id: deviceId.barrier(l.id), kind: 'barrier' as const, subject: l.id, name: l.name,
      silentForMs: null })),
    ...site.cameras.filter((c) => c.record).map((c) => ({
      id: deviceId.recorder(c.id), kind: 'recorder' as const, subject: c.id, name: c.name,
      silentForMs: recorderAllowanceMs(site) })),
  ];
}

function recorderAllowanceMs(site: SiteConfig): number {
  return site.recording.segmentSeconds * 1000 * RECORDER_MISSED_SEGMENTS + HEALTH_SWEEP_MS;
}

/** The driver, reporting each open's outcome to the health tracker. */
export function watchedBarrier(driver: BarrierDriver, health: DeviceHealth, laneId: string):
  BarrierDriver {
  const id = deviceId.barrier(laneId);
  const report = (result: BarrierResult) => {
    if (result.ok) health.seen(id);
    else health.failed(id, result.error, deviceFailureOf(result.failure));
  };
  return {
    kind: driver.kind,
    open: async () => {
      const result = await driver.open();
      report(result);
      return result;
    },
    ...(driver.status && { status: driver.status.bind(driver) }),
    ...(driver.probe && { probe: driver.probe.bind(driver) }),
    close: () => driver.close(),
  };
}

export interface HealthMonitorOptions {
  health: DeviceHealth;
  db: Db;
  site: SiteConfig;
  barriers: Map<string, BarrierDriver>;
  sweepMs?: number;
  /** Between knocks on the cameras' ports; the demo shortens it. */
  knockMs?: number;
  /** Where a failed round is told; a round never throws into the timer. */
  log?: Logger;
  now?: () => number;
}

export class HealthMonitor {
  private readonly options: HealthMonitorOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private readonly lastHeartbeat = new Map<string, number>();
  private readonly lastProbe = new Map<string, number>();
  private readonly probeEveryMs = new Map<string, number>();
  private readonly knockTargets = new Map<string, ReachTarget>();
  private lastKnock = -Infinity;

  constructor(options: HealthMonitorOptions) {
    this.options = options;
    for (const spec of deviceSpecs(options.site)) options.health.register(spec);
    for (const lane of options.site.lanes) {
      const seconds = 'probeSeconds' in lane.barrier ? lane.barrier.probeSeconds : undefined;
      if (seconds) this.probeEveryMs.set(lane.id, seconds * 1000);
    }
    for (const camera of options.site.cameras) {
      const target = cameraReachTarget(options.site, camera);
      if (target) this.knockTargets.set(camera.id, target);
    }
  }

  start(): void {
    void this.sweepOnce();
    this.timer = setInterval(() => void this.sweepOnce(), this.options.sweepMs ?? HEALTH_SWEEP_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** A camera pushed: a read, or a heartbeat (after which its silence means something). */
  cameraPushed(cameraId: string, kind: 'read' | 'heartbeat', at = Date.now()): void {
    const id = deviceId.camera(cameraId);
    if (kind === 'heartbeat') {
      const previous = this.lastHeartbeat.get(cameraId);
      this.lastHeartbeat.set(cameraId, at);
      const allowance = previous === undefined ? CAMERA_SILENCE_MAX_MS
        : Math.min(CAMERA_SILENCE_MAX_MS, Math.max(CAMERA_SILENCE_MIN_MS,
          (at - previous) * CAMERA_MISSED_HEARTBEATS));
      this.options.health.expectEvery(id, allowance);
    }
    this.options.health.seen(id, at);
  }

  /** One round: probe the barriers, look at the newest segments, judge the silences. */
  sweepOnce(): Promise<void> {
    this.running ??= this.sweep()
      .catch((err: unknown) => this.options.log?.warn({ err }, 'device health round failed'))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async sweep(): Promise<void> {
    const { health, barriers, db, site } = this.options;

    const now = (this.options.now ?? Date.now)();
    await Promise.all([...barriers].map(async ([laneId, driver]) => {
      const every = this.probeEveryMs.get(laneId);
      if (!driver.probe || every === undefined) return;
      if (now - (this.lastProbe.get(laneId) ?? 0) < every) return;
      this.lastProbe.set(laneId, now);
      const result = await driver.probe();
      if (result.ok) health.seen(deviceId.barrier(laneId));
      else health.failed(deviceId.barrier(laneId), result.error, deviceFailureOf(result.failure));
    }));

    if (now - this.lastKnock >= (this.options.knockMs ?? CAMERA_KNOCK_MS)) {
      this.lastKnock = now;
      await Promise.all([...this.knockTargets].map(async ([cameraId, target]) => {
        const failure = await knock(target);
        if (failure === null) health.seen(deviceId.camera(cameraId));
        else health.failed(deviceId.camera(cameraId), failure.reason, failure.kind);
      }));
    }

    const newest = db.prepare('SELECT max(created_at) AS at FROM segments WHERE camera_id = ?');
    for (const camera of site.cameras.filter((c) => c.record)) {
      const at = (newest.get(camera.id) as { at: number | null }).at;
      // A segment from before a long stop is no sign of life now.
      const fresh = at !== null && Date.now() - at <= recorderAllowanceMs(site);
      if (fresh) health.seen(deviceId.recorder(camera.id), at);
    }

    health.sweep();
  }
}

/** A barrier's failure as the device list words it: kinds of a lane's command stay 'other'. */
function deviceFailureOf(failure: BarrierFailure | undefined): DeviceFailure {
  return failure === 'no-answer' || failure === 'bad-reply' || failure === 'refused'
    || failure === 'link-down' ? failure : 'other';
}
