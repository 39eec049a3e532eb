// Which recorded segments make a clip of a time window, and where each lands in the clip.
//
// Two kinds of clip: one to watch (whole segments, so the player has every keyframe and the
// mapping wall time → clip time is exact at segment starts) and one to export (trimmed to the
// window with inpoint/outpoint; a stream copy still cuts on keyframes, so an export may start up
// to one GOP early). Overlapping segments (a recorder restart can overlap the previous run by a
// fraction of a second) are trimmed so no moment plays twice. The parts of the window no
// segment covers are the clip's holes: the player jumps over them and the UI shows them.

export interface SegmentSpan {
  id: number;
  path: string;
  /** UTC epoch ms. */
  startAt: number;
  endAt: number;
}

export interface ClipPiece {
  segment: SegmentSpan;
  /** Seconds into the segment file where the piece starts / ends; null: its start / end. */
  inpoint: number | null;
  outpoint: number | null;
  /** Wall-clock span the piece shows. */
  startAt: number;
  endAt: number;
  /** Seconds into the clip where the piece starts. */
  offset: number;
}

export interface ClipPlan {
  pieces: ClipPiece[];
  startAt: number;
  endAt: number;
  /** Seconds. */
  duration: number;
  holes: Array<{ fromAt: number; toAt: number }>;
}

/** Holes shorter than this are the normal seams between segments, not lost footage. */
export const SEAM_TOLERANCE_MS = 500;

/** `segments` may come in any order; null when none of them overlaps [from, to). */
export function planClip(
  segments: readonly SegmentSpan[],
  window: { from: number; to: number },
  mode: 'watch' | 'export',
): ClipPlan | null {
  if (!(window.to > window.from)) throw new Error('planClip: the window must end after it starts');

  const overlapping = [...segments]
    .filter((s) => s.endAt > window.from && s.startAt < window.to && s.endAt > s.startAt)
    .sort((a, b) => a.startAt - b.startAt || a.id - b.id);
  if (overlapping.length === 0) return null;

  const pieces: ClipPiece[] = [];
  let covered = -Infinity;
  let offset = 0;
  for (const segment of overlapping) {
    if (segment.endAt <= covered) continue;

    const startAt = Math.max(segment.startAt, covered, mode === 'export' ? window.from : -Infinity);
    const endAt = mode === 'export' ? Math.min(segment.endAt, window.to) : segment.endAt;
    if (endAt <= startAt) continue;

    pieces.push({
      segment,
      inpoint: startAt > segment.startAt ? (startAt - segment.startAt) / 1000 : null,
      outpoint: endAt < segment.endAt ? (endAt - segment.startAt) / 1000 : null,
      startAt,
      endAt,
      offset,
    });
    offset += (endAt - startAt) / 1000;
    covered = endAt;
  }

  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  return {
    pieces,
    startAt: first.startAt,
    endAt: last.endAt,
    duration: offset,
    holes: holesIn(pieces, window),
  };
}

function holesIn(pieces: readonly ClipPiece[], window: { from: number; to: number }) {
  const holes: Array<{ fromAt: number; toAt: number }> = [];
  let cursor = window.from;
  for (const piece of pieces) {
    if (piece.startAt - cursor > SEAM_TOLERANCE_MS) {
      holes.push({ fromAt: cursor, toAt: Math.min(piece.startAt, window.to) });
    }
    cursor = Math.max(cursor, piece.endAt);
  }
  if (window.to - cursor > SEAM_TOLERANCE_MS) holes.push({ fromAt: cursor, toAt: window.to });
  return holes;
}

/**
 * Where a wall-clock moment plays in the clip (seconds), or null when the clip does not show it
 * (a hole, or outside). The renderer does the same with the plan's pieces.
 */
export function clipOffsetOf(plan: ClipPlan, at: number): number | null {
  const piece = plan.pieces.find((p) => at >= p.startAt && at < p.endAt);
  return piece ? piece.offset + (at - piece.startAt) / 1000 : null;
}

/** An ffconcat list for the concat demuxer; paths are quoted so any file name is safe. */
export function ffconcatList(plan: ClipPlan): string {
  const lines = ['ffconcat version 1.0'];
  for (const piece of plan.pieces) {
    lines.push(`file '${piece.segment.path.replace(/'/g, "'\\''")}'`);
    if (piece.inpoint !== null) lines.push(`inpoint ${piece.inpoint.toFixed(3)}`);
    if (piece.outpoint !== null) lines.push(`outpoint ${piece.outpoint.toFixed(3)}`);
  }
  return `${lines.join('\n')}\n`;
}
