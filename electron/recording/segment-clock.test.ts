import { describe, expect, it } from 'vitest';
import { ANCHOR_WINDOW_LINES, SegmentClock } from './segment-clock.ts';
import { parseSegmentListLine } from './segment-list.ts';

// Stream offset 0 was at this wall-clock instant; lines arrive 30–900 ms after their segment end.
const ZERO = Date.UTC(2026, 11, 3, 8, 49, 10, 120);

describe('reading the segment list', () => {
  it('reads a line as ffmpeg 5.1 writes it', () => {
    expect(parseSegmentListLine('cam1-20261203164914.mp4,3.959453,6.964453')).toEqual({
      name: 'cam1-20261203164914.mp4',
      start: 3.959453,
      end: 6.964453,
    });
  });

  it('reads a quoted name holding a comma', () => {
    expect(parseSegmentListLine('"gate 1, east.mp4",0.000000,4.000000')?.name).toBe(
      'gate 1, east.mp4',
    );
  });

  it('rejects lines that are not segment entries', () => {
    expect(parseSegmentListLine('')).toBeNull();
    expect(parseSegmentListLine('SDP:')).toBeNull();
    expect(parseSegmentListLine('a.mp4,5.0,4.0')).toBeNull();
    expect(parseSegmentListLine('../escape.mp4,0,1')).toBeNull();
    expect(parseSegmentListLine('a.mp4,x,1')).toBeNull();
  });
});

describe('placing segments on the wall clock', () => {
  it('uses the least delayed line as the anchor, so later spans stay put', () => {
    const clock = new SegmentClock();

    clock.observe(ZERO + 3_962 + 900, 3.962);
    expect(clock.span(0, 3.962)).toEqual({ startAt: ZERO + 900, endAt: ZERO + 3_962 + 900 });

    clock.observe(ZERO + 6_964 + 30, 6.964);
    expect(clock.span(3.962, 6.964)).toEqual({ startAt: ZERO + 3_962 + 30, endAt: ZERO + 6_994 });

    clock.observe(ZERO + 9_956 + 400, 9.956);
    expect(clock.span(6.964, 9.956)).toEqual({ startAt: ZERO + 6_994, endAt: ZERO + 9_986 });
  });

  it('keeps consecutive segments contiguous while the anchor holds', () => {
    const clock = new SegmentClock();
    const spans = [];
    for (let k = 0; k < 6; k++) {
      const end = (k + 1) * 10.0;
      clock.observe(ZERO + end * 1000 + 50 + (k % 3) * 100, end);
      spans.push(clock.span(k * 10.0, end));
    }

    for (let k = 1; k < spans.length; k++) expect(spans[k]!.startAt).toBe(spans[k - 1]!.endAt);
    expect(spans.at(-1)!.endAt).toBe(ZERO + 60_000 + 50);
  });

  it('outvotes one line delayed by a burst after a network hiccup', () => {
    const clock = new SegmentClock();
    clock.observe(ZERO + 10_000 + 60, 10);
    clock.observe(ZERO + 20_000 + 4_000, 20);

    expect(clock.span(10, 20)).toEqual({ startAt: ZERO + 10_060, endAt: ZERO + 20_060 });
  });

  it('follows a stream whose timeline fell behind real time once the window has passed', () => {
    const clock = new SegmentClock();
    for (let end = 10; end <= 60; end += 10) clock.observe(ZERO + end * 1000 + 50, end);

    // The stream stalled and came back 13 s behind: its offsets no longer keep pace.
    const behind = 13_000;
    const spans = [];
    for (let end = 70; end <= 70 + ANCHOR_WINDOW_LINES * 10; end += 10) {
      clock.observe(ZERO + end * 1000 + behind + 50, end);
      spans.push(clock.span(end - 10, end));
    }

    expect(spans[0]).toEqual({ startAt: ZERO + 60_050, endAt: ZERO + 70_050 });
    expect(spans.at(-1)).toEqual({
      startAt: ZERO + (60 + ANCHOR_WINDOW_LINES * 10) * 1000 + behind + 50,
      endAt: ZERO + (70 + ANCHOR_WINDOW_LINES * 10) * 1000 + behind + 50,
    });
  });

  it('keeps up with camera clock drift over a day', () => {
    const clock = new SegmentClock();

    // The camera's clock runs 50 ppm slow: after a day its offsets read 4.32 s short.
    const rate = 1 - 50e-6;
    let arrival = 0;
    let span = { startAt: 0, endAt: 0 };
    for (let k = 1; k <= 8_640; k++) {
      arrival = ZERO + k * 10_000 + 20;
      clock.observe(arrival, k * 10 * rate);
      span = clock.span((k - 1) * 10 * rate, k * 10 * rate);
    }

    expect(Math.abs(span.endAt - arrival)).toBeLessThanOrEqual(3);
    expect(Math.abs(span.endAt - span.startAt - 10_000 * rate)).toBeLessThanOrEqual(1);
  });

  it('starts afresh for a new ffmpeg run', () => {
    const clock = new SegmentClock();
    clock.observe(ZERO + 5_000, 5);
    clock.reset();

    expect(() => clock.span(0, 5)).toThrow(/before any observation/);
    clock.observe(ZERO + 60_000, 4);
    expect(clock.span(0, 4)).toEqual({ startAt: ZERO + 56_000, endAt: ZERO + 60_000 });
  });
});
