import { describe, expect, it } from 'vitest';
import { ASSUMED_MB_PER_HOUR, forecastStorage } from './forecast.ts';

const GB = 1e9;
const HOUR = 3_600_000;

describe('the storage forecast', () => {
  it('counts a disk shared by two roots once, and footage already kept as room', () => {
    const forecast = forecastStorage({
      cameraIds: ['cam-east', 'cam-west'],
      rates: [
        { cameraId: 'cam-east', bytes: 1.8 * GB, coveredMs: HOUR },
        { cameraId: 'cam-west', bytes: 0.9 * GB * 24, coveredMs: 24 * HOUR },
      ],
      retentionMonths: 12,
      roots: [
        { path: 'D:\\gatehouse', device: 'd', freeBytes: 2_000 * GB, totalBytes: 4_000 * GB,
          footageBytes: 1_000 * GB },
        { path: 'D:\\more', device: 'd', freeBytes: 2_000 * GB, totalBytes: 4_000 * GB,
          footageBytes: 500 * GB },
        { path: 'E:\\video', device: 'e', freeBytes: 8_000 * GB, totalBytes: 8_000 * GB,
          footageBytes: 0 },
      ],
      safetyMarginBytes: 10 * GB,
    });

    expect(forecast.cameras.map((c) => [c.cameraId, c.mbPerHour, c.measured])).toEqual([
      ['cam-east', 1_800, true], ['cam-west', 900, true],
    ]);
    // 2 000 + 8 000 free, 1 500 of footage, two file systems' margins.
    expect(forecast.availableBytes).toBe(11_480 * GB);
    // 2 700 MB/hour for 365.25 days: about 23.7 TB.
    expect(forecast.neededBytes).toBe(Math.round(1_800e6 * 8_766) + Math.round(900e6 * 8_766));
    expect(forecast.fits).toBe(false);
    expect(forecast.daysThatFit).toBe(Math.floor(11_480 * GB / (2_700e6 * 24)));
  });

  it('assumes a 1080p main stream for a camera measured too briefly to trust', () => {
    const forecast = forecastStorage({
      cameraIds: ['cam-new'],
      rates: [{ cameraId: 'cam-new', bytes: 50e6, coveredMs: 60_000 }],
      retentionMonths: 12,
      roots: [{ path: '/srv/video', device: '1', freeBytes: 40_000 * GB, totalBytes: 40_000 * GB,
        footageBytes: 0 }],
      safetyMarginBytes: 10 * GB,
    });

    expect(forecast.cameras).toEqual([{ cameraId: 'cam-new', mbPerHour: ASSUMED_MB_PER_HOUR,
      measured: false, neededBytes: Math.round(ASSUMED_MB_PER_HOUR * 1e6 * 8_766) }]);
    expect(forecast.fits).toBe(true);
  });
});
