// Keeps the footage within its bounds while the host runs: every CHECK_PERIOD_MS it deletes
// footage past retention, purges early on a root whose free space fell below the safety
// margin (and has the cameras writing there moved to a root with room), and recomputes the
// forecast. Two alarms are loud (error-level log lines, which the
// health report lists, and a state the UI shows): the disks cannot hold the retention, and a
// root is (or was just) below its safety margin.
import type { Db } from '../db/database.ts';
import type { Logger } from '../log/logger.ts';
import { footageBytesOnRoot, measuredRates } from './footage-store.ts';
import { forecastStorage, type RootCapacity, type StorageForecast } from './forecast.ts';
import type { FreeSpaceSource } from './free-space.ts';
import { emergencyPurge, expireByAge, type PurgeResult } from './purge.ts';
import { getRetention, retentionCutoff, type RetentionSetting } from './retention.ts';

export const CHECK_PERIOD_MS = 60_000;

/** The emergency purge starts below this much free space on a root… */
export const SAFETY_MARGIN_BYTES = 10 * 1024 ** 3;
/** …and frees this much more than the margin, so it does not run again a minute later. */
export const PURGE_HEADROOM_BYTES = 2 * 1024 ** 3;

/** Rates are measured over the last day of footage. */
const RATE_WINDOW_MS = 24 * 3_600_000;

export type StorageAlarm = 'none' | 'retention-does-not-fit' | 'below-safety-margin';

export interface StorageReport {
  at: number;
  retention: RetentionSetting;
  roots: (RootCapacity & { belowMargin: boolean })[];
  forecast: StorageForecast;
  alarms: StorageAlarm[];
  lastPurge: { at: number; root: string; result: PurgeResult } | null;
  expired: PurgeResult;
}

export interface StorageMonitorOptions {
  db: Db;
  roots: readonly string[];
  cameraIds: readonly string[];
  freeSpace: FreeSpaceSource;
  log: Logger;
  now?: () => number;
  safetyMarginBytes?: number;
  headroomBytes?: number;
  /**
   * A root stayed below the safety margin after its purge while another has room: the cameras
   * writing to it should move (host/recording.ts). `roomy` is the roots above the margin, the
   * most free space first.
   */
  onRootLow?: (root: string, roomy: readonly string[]) => Promise<void>;
}

export class StorageMonitor {
  private readonly o: StorageMonitorOptions;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private last: StorageReport | null = null;
  private lastPurge: StorageReport['lastPurge'] = null;
  private running: Promise<StorageReport> | null = null;

  constructor(options: StorageMonitorOptions) {
    if (options.roots.length === 0) throw new Error('StorageMonitor: at least one root');
    this.o = options;
    this.now = options.now ?? Date.now;
  }

  start(periodMs = CHECK_PERIOD_MS): void {
    const checkNow = () => void this.check().catch((err: Error) => {
      this.o.log.error({ err: err.message }, 'STORAGE: the storage check failed');
    });
    checkNow();
    this.timer = setInterval(checkNow, periodMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  report(): StorageReport | null {
    return this.last;
  }

  /** One pass; concurrent callers share the pass in progress. */
  check(): Promise<StorageReport> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<StorageReport> {
    const { db, log } = this.o;
    const margin = this.o.safetyMarginBytes ?? SAFETY_MARGIN_BYTES;
    const retention = getRetention(db);

    const expired = await expireByAge(db, retentionCutoff(retention.months, this.now()), log);

    const roots: StorageReport['roots'] = [];
    for (const [k, path] of this.o.roots.entries()) {
      let space;
      try {
        space = await this.o.freeSpace(path);
      } catch (err) {
        // A data disk that is not mounted: loud, and left out of the forecast's room.
        log.error({ root: path, err: (err as Error).message }, 'STORAGE: root unreadable');
        continue;
      }
      const belowMargin = space.freeBytes < margin;
      if (belowMargin) {
        await this.purge(path, k === 0, margin + (this.o.headroomBytes ?? PURGE_HEADROOM_BYTES)
          - space.freeBytes);
        space = await this.o.freeSpace(path);
      }
      roots.push({ path, ...space, footageBytes: footageBytesOnRoot(db, path, k === 0),
        belowMargin: space.freeBytes < margin });
    }

    // Another folder on the same disk is no way out: only other disks with room count.
    for (const low of roots.filter((r) => r.belowMargin)) {
      const roomy = roots.filter((r) => !r.belowMargin && r.device !== low.device)
        .sort((a, b) => b.freeBytes - a.freeBytes).map((r) => r.path);
      if (roomy.length > 0) await this.o.onRootLow?.(low.path, roomy);
    }

    const forecast = forecastStorage({
      cameraIds: this.o.cameraIds,
      rates: measuredRates(db, this.now() - RATE_WINDOW_MS),
      retentionMonths: retention.months,
      roots,
      safetyMarginBytes: margin,
    });
    const alarms: StorageAlarm[] = [];
    if (!forecast.fits) alarms.push('retention-does-not-fit');
    if (roots.some((r) => r.belowMargin)) alarms.push('below-safety-margin');
    this.announce(alarms, forecast);

    this.last = { at: this.now(), retention, roots, forecast, alarms, lastPurge: this.lastPurge,
      expired };
    return this.last;
  }

  private async purge(root: string, isFirstRoot: boolean, bytesToFree: number): Promise<void> {
    const { db, log } = this.o;
    const now = this.now();
    log.error({ root, bytesToFree }, 'STORAGE: free space below the safety margin; ' +
      'deleting the oldest footage not linked to a passage first');
    const result = await emergencyPurge(db, { root, isFirstRoot, bytesToFree, now, log });
    this.lastPurge = { at: now, root, result };
    log.error({ root, ...result }, 'STORAGE: emergency purge done');
  }

  /** Logs an alarm when it starts and when it ends, not every minute. */
  private announce(alarms: StorageAlarm[], forecast: StorageForecast): void {
    const before = this.last?.alarms ?? [];
    if (alarms.includes('retention-does-not-fit') && !before.includes('retention-does-not-fit')) {
      this.o.log.error({
        neededGb: Math.round(forecast.neededBytes / 1e9),
        availableGb: Math.round(forecast.availableBytes / 1e9),
        daysThatFit: forecast.daysThatFit,
        retentionMonths: forecast.retentionMonths,
      }, 'STORAGE: the disks cannot hold the retention; add a disk or a storage root');
    }
    if (!alarms.includes('retention-does-not-fit') && before.includes('retention-does-not-fit')) {
      this.o.log.info('storage: the disks hold the retention again');
    }
  }
}
