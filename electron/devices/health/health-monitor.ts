// Feeds DeviceHealth from the gate: which devices a site has, the barrier probes and the
// recorders' segments on a timer, the cameras' pushes as they come, and every barrier command's
// outcome (each driver is wrapped, so the lane's own opens count as sightings too).
import type { Db } from '../../db/database.ts';
import type { SiteConfig } from '../../config/site.ts';
import type { BarrierDriver } from '../barrier/barrier.ts';
import type { DeviceHealth, DeviceSpec } from './device-health.ts';

/**
 * How often barriers are probed and recorders and silences checked. A dead relay board shows
 * on the guard's screen within this, before the next truck finds it.
 */
export const HEALTH_SWEEP_MS = 5_000;

/**
 * A camera that has sent one heartbeat sends them every few seconds (Vzenith: 5–30 s, chosen
 * on the camera); after this long without one or a read it is taken as down.
 */
export const CAMERA_HEARTBEAT_SILENCE_MS = 60_000;

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
      subject: c.id, silentForMs: null })),
    ...site.lanes.filter((l) => l.barrier.kind !== 'camera-reply').map((l) => ({
      id: deviceId.barrier(l.id), kind: 'barrier' as const, subject: l.id, silentForMs: null })),
    ...site.cameras.filter((c) => c.record).map((c) => ({
      id: deviceId.recorder(c.id), kind: 'recorder' as const, subject: c.id,
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
  const report = (result: { ok: boolean; error?: string }) => {
    if (result.ok) health.seen(id);
    else health.failed(id, result.error ?? 'failed');
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
}

export class HealthMonitor {
  private readonly options: HealthMonitorOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(options: HealthMonitorOptions) {
    this.options = options;
    for (const spec of deviceSpecs(options.site)) options.health.register(spec);
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
  cameraPushed(cameraId: string, kind: 'read' | 'heartbeat'): void {
    const id = deviceId.camera(cameraId);
    if (kind === 'heartbeat') this.options.health.expectEvery(id, CAMERA_HEARTBEAT_SILENCE_MS);
    this.options.health.seen(id);
  }

  /** One round: probe the barriers, look at the newest segments, judge the silences. */
  sweepOnce(): Promise<void> {
    this.running ??= this.sweep().finally(() => (this.running = null));
    return this.running;
  }

  private async sweep(): Promise<void> {
    const { health, barriers, db, site } = this.options;

    await Promise.all([...barriers].map(async ([laneId, driver]) => {
      if (!driver.probe) return;
      const result = await driver.probe();
      if (result.ok) health.seen(deviceId.barrier(laneId));
      else health.failed(deviceId.barrier(laneId), result.error);
    }));

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
