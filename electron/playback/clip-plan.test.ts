import { describe, expect, it } from 'vitest';
import { clipOffsetOf, ffconcatList, planClip, type SegmentSpan } from './clip-plan.ts';

const T = Date.UTC(2026, 0, 15, 2, 0, 0); // 10:00 in Shanghai

const seg = (id: number, startS: number, endS: number, path = `/rec/cam-1/${id}.mp4`) =>
  ({ id, path, startAt: T + startS * 1000, endAt: T + endS * 1000 }) satisfies SegmentSpan;

describe('choosing the footage of a window', () => {
  it('watches whole segments, so a passage at 10:00:14 plays 14 s into the clip', () => {
    const plan = planClip([seg(2, 10, 20), seg(1, 0, 10), seg(3, 20, 30)],
      { from: T + 4_000, to: T + 24_000 }, 'watch')!;

    expect(plan.pieces.map((p) => [p.segment.id, p.inpoint, p.outpoint, p.offset]))
      .toEqual([[1, null, null, 0], [2, null, null, 10], [3, null, null, 20]]);
    expect([plan.startAt, plan.endAt, plan.duration]).toEqual([T, T + 30_000, 30]);
    expect(plan.holes).toEqual([]);
    expect(clipOffsetOf(plan, T + 14_000)).toBe(14);
  });

  it('exports exactly the window: inpoint in the first segment, outpoint in the last', () => {
    const plan = planClip([seg(1, 0, 10), seg(2, 10, 20), seg(3, 20, 30)],
      { from: T + 4_000, to: T + 24_500 }, 'export')!;

    expect(plan.pieces.map((p) => [p.segment.id, p.inpoint, p.outpoint]))
      .toEqual([[1, 4, null], [2, null, null], [3, null, 4.5]]);
    expect(plan.duration).toBe(20.5);
  });

  it('never plays a moment twice when a restarted recorder overlaps the last segment', () => {
    const plan = planClip([seg(1, 0, 10), seg(2, 9.6, 19.6), seg(3, 12, 15)],
      { from: T, to: T + 19_600 }, 'watch')!;

    expect(plan.pieces.map((p) => [p.segment.id, p.inpoint, p.startAt - T])).toEqual([
      [1, null, 0], [2, 0.4, 10_000],
    ]);
    expect(plan.duration).toBeCloseTo(19.6, 6);
  });

  it('reports lost footage as holes and maps a moment in a hole to nothing', () => {
    const plan = planClip([seg(1, 0, 10), seg(3, 25, 35)], { from: T - 5_000, to: T + 40_000 },
      'watch')!;

    expect(plan.holes.map((h) => [h.fromAt - T, h.toAt - T])).toEqual([
      [-5_000, 0], [10_000, 25_000], [35_000, 40_000],
    ]);
    expect(clipOffsetOf(plan, T + 12_000)).toBeNull();
    expect(clipOffsetOf(plan, T + 26_000)).toBe(11);
  });

  it('takes the ordinary seams between segments for continuous footage', () => {
    const plan = planClip([seg(1, 0, 10), seg(2, 10.2, 20)], { from: T, to: T + 20_000 },
      'watch')!;
    expect(plan.holes).toEqual([]);
  });

  it('has no clip for a window without footage, and refuses a backwards window', () => {
    expect(planClip([seg(1, 0, 10)], { from: T + 10_000, to: T + 20_000 }, 'watch')).toBeNull();
    expect(() => planClip([], { from: T, to: T }, 'watch')).toThrow(/end after/);
  });

  it('quotes every file name in the concat list', () => {
    const plan = planClip([seg(1, 0, 10, "/rec/it's here/1.mp4")],
      { from: T + 2_000, to: T + 8_000 }, 'export')!;
    expect(ffconcatList(plan)).toBe(
      "ffconcat version 1.0\nfile '/rec/it'\\''s here/1.mp4'\ninpoint 2.000\noutpoint 8.000\n",
    );
  });
});
