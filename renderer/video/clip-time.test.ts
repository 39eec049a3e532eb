import { describe, expect, it } from 'vitest';
import { clipOffsetAt, wallTimeAt } from './clip-time.ts';

const T = Date.UTC(2026, 0, 15, 2, 0, 0);
// 10:00:00–10:00:10 and 10:00:25–10:00:35: a 15-s hole where the camera was lost.
const pieces = [
  { startAt: T, endAt: T + 10_000, offset: 0 },
  { startAt: T + 25_000, endAt: T + 35_000, offset: 10 },
];

describe('finding a moment in a clip', () => {
  it('plays a truck at 10:00:27 twelve seconds into the clip, past the hole', () => {
    expect(clipOffsetAt(pieces, T + 27_000)).toBe(12);
    expect(clipOffsetAt(pieces, T + 4_500)).toBe(4.5);
  });

  it('shows the first footage after a moment the camera missed', () => {
    expect(clipOffsetAt(pieces, T + 15_000)).toBe(10);
    expect(clipOffsetAt(pieces, T - 5_000)).toBe(0);
    expect(clipOffsetAt(pieces, T + 40_000)).toBeNull();
  });

  it('tells the wall-clock time of a position, for the clock beside the video', () => {
    expect(wallTimeAt(pieces, 12)).toBe(T + 27_000);
    expect(wallTimeAt(pieces, 3)).toBe(T + 3_000);
    expect(wallTimeAt(pieces, 99)).toBe(T + 35_000);
  });
});
