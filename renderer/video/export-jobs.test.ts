import { describe, expect, it } from 'vitest';
import type { ExportJobView } from '../../electron/api/contract.ts';
import { anyRunning, mergeExports } from './export-jobs.ts';

const job = (over: Partial<ExportJobView>): ExportJobView => ({
  exportId: '00000000-0000-4000-8000-000000000001', cameraId: 'cam-1', cameraName: '1号入口',
  from: 1_000, to: 61_000, state: 'running', ratio: 0, error: null, bytes: null, url: null,
  requestedBy: 'guard', createdAt: 5_000, ...over,
});

describe('the export list the renderer holds', () => {
  it('keeps a done export when a list read while it ran arrives after the done event', () => {
    const done = job({ state: 'done', ratio: 1, bytes: 123, url: '/api/media/export/x.mp4' });
    const stale = job({ ratio: 0.4 });

    const merged = mergeExports([done], [stale]);

    expect(merged).toEqual([done]);
    expect(anyRunning(merged)).toBe(false);
  });

  it('moves a running export forward and never back', () => {
    const held = [job({ ratio: 0.6 })];

    expect(mergeExports(held, [job({ ratio: 0.2 })])[0]!.ratio).toBe(0.6);
    expect(mergeExports(held, [job({ ratio: 0.9 })])[0]!.ratio).toBe(0.9);
    expect(mergeExports(held, [job({ state: 'failed', ratio: 0.6 })])[0]!.state).toBe('failed');
  });

  it('adds exports it has not seen, newest request first', () => {
    const older = job({});
    const newer = job({ exportId: '00000000-0000-4000-8000-000000000002', createdAt: 9_000 });

    const merged = mergeExports([older], [newer]);

    expect(merged.map((j) => j.createdAt)).toEqual([9_000, 5_000]);
    expect(anyRunning(merged)).toBe(true);
  });
});
