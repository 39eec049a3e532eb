// Will the disks hold the retention? The forecast multiplies each camera's measured bitrate
// (bytes per hour of footage over the last day) by the retention and compares the sum with what
// the storage roots can give to footage: their free space plus the footage already on them,
// minus the safety margin the emergency purge defends. A camera not yet measured counts at
// ASSUMED_MB_PER_HOUR (a 1080p main stream at 4 Mbit/s) and is marked as assumed.
import type { MeasuredRate } from './footage-store.ts';

export const ASSUMED_MB_PER_HOUR = 1_800;
/** Measurements over less footage than this are too short to trust (a restart, a test). */
const MIN_MEASURED_MS = 10 * 60_000;

const MB = 1_000_000;
const HOUR_MS = 3_600_000;
/** Calendar-month average: 365.25 / 12 days. */
const MONTH_HOURS = (365.25 / 12) * 24;

export interface RootCapacity {
  path: string;
  device: string;
  freeBytes: number;
  totalBytes: number;
  footageBytes: number;
}

export interface CameraForecast {
  cameraId: string;
  mbPerHour: number;
  measured: boolean;
  /** Bytes this camera needs for the whole retention. */
  neededBytes: number;
}

export interface StorageForecast {
  retentionMonths: number;
  cameras: CameraForecast[];
  neededBytes: number;
  /** Free space (each file system once) + footage on the roots − the safety margin. */
  availableBytes: number;
  safetyMarginBytes: number;
  fits: boolean;
  /** How many days of all cameras' footage the roots can hold. */
  daysThatFit: number | null;
}

export function forecastStorage(o: {
  cameraIds: readonly string[];
  rates: readonly MeasuredRate[];
  retentionMonths: number;
  roots: readonly RootCapacity[];
  safetyMarginBytes: number;
}): StorageForecast {
  const hours = o.retentionMonths * MONTH_HOURS;
  const cameras = o.cameraIds.map((cameraId): CameraForecast => {
    const rate = o.rates.find((r) => r.cameraId === cameraId);
    const measured = rate !== undefined && rate.coveredMs >= MIN_MEASURED_MS;
    const mbPerHour = measured ? (rate.bytes / MB) / (rate.coveredMs / HOUR_MS)
      : ASSUMED_MB_PER_HOUR;
    return { cameraId, mbPerHour, measured, neededBytes: Math.round(mbPerHour * MB * hours) };
  });

  // Roots on one file system share its free space: count it once.
  const freeByDevice = new Map<string, number>();
  for (const root of o.roots) freeByDevice.set(root.device, root.freeBytes);
  const free = [...freeByDevice.values()].reduce((a, b) => a + b, 0);
  const footage = o.roots.reduce((sum, r) => sum + r.footageBytes, 0);
  const margins = o.safetyMarginBytes * freeByDevice.size;
  const availableBytes = Math.max(0, free + footage - margins);

  const neededBytes = cameras.reduce((sum, c) => sum + c.neededBytes, 0);
  const bytesPerDay = cameras.reduce((sum, c) => sum + c.mbPerHour * MB * 24, 0);
  return {
    retentionMonths: o.retentionMonths,
    cameras,
    neededBytes,
    availableBytes,
    safetyMarginBytes: o.safetyMarginBytes,
    fits: neededBytes <= availableBytes,
    daysThatFit: bytesPerDay > 0 ? Math.floor(availableBytes / bytesPerDay) : null,
  };
}
