import { describe, expect, it } from 'vitest';
import {
  BACKFILL_AFTER_MS, formatPassedAt, parsePassedAt, passageMessageSchema, passageOrderKey,
  withBackfill,
} from './passage-message.ts';
import { passageFixture } from './test-support.ts';

// 2025-01-15 10:00:00 in Shanghai is 02:00:00 UTC.
const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);

describe('the canonical passage message', () => {
  it('writes the passage time as Shanghai wall-clock time, to the second', () => {
    expect(formatPassedAt(T0)).toBe('2025-01-15 10:00:00');
    expect(formatPassedAt(Date.UTC(2024, 11, 31, 16, 30, 5, 999))).toBe('2025-01-01 00:30:05');
    expect(parsePassedAt('2025-01-15 10:00:00')).toBe(T0);
    expect(parsePassedAt('2025/01/15 10:00:00')).toBeNull();
  });

  it('is sent live within a minute of the passage and back-filled after that', () => {
    const message = passageFixture({ plate: '冀A12345', direction: 1, passedAtMs: T0 });

    expect(withBackfill(message, T0 + BACKFILL_AFTER_MS).backfill).toBe(false);
    expect(withBackfill(message, T0 + BACKFILL_AFTER_MS + 1_000).backfill).toBe(true);
    expect(withBackfill({ ...message, backfill: true }, T0).backfill).toBe(true);
  });

  it('still reads a row queued before the recognition mode, fleet, cargo and clip existed',
    () => {
      const {
        recognitionMode, category, reasonText, fleet, cargo, videoRef, ...older
      } = passageFixture({ plate: '冀A12345', direction: 1, passedAtMs: T0 });

      const parsed = passageMessageSchema.parse(older);

      expect([recognitionMode, category, reasonText, fleet]).toEqual(['auto', 'transport',
        '国六排放，放行', '冀中干线运输']);
      expect(cargo).toBeNull();
      expect(videoRef).toEqual({ cameraId: 'cam-north-record', from: '2025-01-15 09:59:50',
        to: '2025-01-15 10:00:20' });
      expect(parsed).toMatchObject({ category: 'transport', fleet: null, cargo: null,
        videoRef: null });
      expect(parsed.recognitionMode).toBeUndefined();
      expect(parsed.reasonText).toBeUndefined();
    });

  it('carries a load and refuses a clip whose times are not local wall-clock times', () => {
    const message = passageFixture({ plate: '冀A12345', direction: 2, passedAtMs: T0 });
    const loaded = { ...message, cargo: { name: '水泥熟料', quantity: 31.5, unit: 't' } };

    expect(passageMessageSchema.parse(loaded).cargo).toEqual(loaded.cargo);
    expect(passageMessageSchema.safeParse({ ...message,
      videoRef: { cameraId: 'cam-1', from: T0, to: T0 } }).success).toBe(false);
    expect(passageMessageSchema.safeParse({ ...message, recognitionMode: 'guessed' }).success)
      .toBe(false);
  });

  it('orders one plate of one colour together', () => {
    expect(passageOrderKey('冀A12345', 'yellow')).toBe('plate:冀A12345:yellow');
    expect(passageOrderKey('冀A12345', 'blue')).not.toBe(passageOrderKey('冀A12345', 'yellow'));
  });
});
