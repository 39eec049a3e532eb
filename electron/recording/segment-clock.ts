// Turns the segment list's stream offsets into wall-clock UTC epoch milliseconds.
//
// The method: ffmpeg writes a segment's list line the moment that segment closes, and it closes
// when the keyframe that starts the next one arrives. So, for every line, the instant we read it
// is at or after the wall-clock moment of its `end` offset, late only by transport and pipe
// latency (never early):   anchor ≤ arrivalMs − end × 1000
// where `anchor` is the wall-clock time of stream offset 0. We take the smallest such value over
// the last few lines (the least delayed observation is the best one), and place each segment at
// [anchor + start × 1000, anchor + end × 1000]. Consecutive segments therefore share their
// boundary exactly unless the anchor moved.
//
// Why not the strftime time in the file name: it has one-second resolution, is local time, and
// is taken when the file is opened (before the first packet is written). Why only the last few
// lines and not the first one: the camera's RTP clock drifts against the PC's (tens of ppm,
// seconds a day), and a stream that stalls may come back with a timeline that no longer keeps
// pace with real time; a short window follows both, while one delayed line (a burst after a
// network hiccup) is outvoted by its undelayed neighbours. A new ffmpeg run starts a new
// timeline: reset().
//
// The wall clock is when frames reach this PC. A camera's own encode and network delay (typically
// 0.1–0.5 s) is not subtracted. Checked against the demo camera's burned-in clock (the frame at
// which the printed second ticks over, 40 ms per frame): computed starts were 0.04–0.13 s later
// than the first frame's clock, which is the source-to-recorder latency.

/** Lines the anchor is taken over: one undelayed line among six is enough, and a lasting shift
 * of the stream's timeline is followed within six segments (a minute at 10-s segments). */
export const ANCHOR_WINDOW_LINES = 6;

export interface WallSpan {
  startAt: number;
  endAt: number;
}

export class SegmentClock {
  private anchors: number[] = [];

  /** Record that the line for a segment ending at `endSeconds` was read at `arrivalMs`. */
  observe(arrivalMs: number, endSeconds: number): void {
    this.anchors.push(arrivalMs - endSeconds * 1000);
    if (this.anchors.length > ANCHOR_WINDOW_LINES) this.anchors.shift();
  }

  /** The wall-clock span of stream offsets [start, end]; call after observe() for that line. */
  span(startSeconds: number, endSeconds: number): WallSpan {
    if (this.anchors.length === 0) {
      throw new Error('SegmentClock.span called before any observation');
    }

    const anchor = Math.min(...this.anchors);
    return {
      startAt: Math.round(anchor + startSeconds * 1000),
      endAt: Math.round(anchor + endSeconds * 1000),
    };
  }

  reset(): void {
    this.anchors = [];
  }
}
