// Wall-clock time ↔ position in a clip. A clip is its pieces laid end to end (see
// electron/playback/clip-plan.ts): a piece shows [startAt, endAt) of real time from `offset`
// seconds into the clip; the holes between pieces take no time in the clip.
import type { ClipView } from '../../electron/api/contract.ts';

type Pieces = ClipView['pieces'];

/**
 * Seconds into the clip where `at` plays. A moment in a hole plays as the first footage after
 * it; null when the clip has nothing at or after `at`.
 */
export function clipOffsetAt(pieces: Pieces, at: number): number | null {
  for (const piece of pieces) {
    if (at < piece.startAt) return piece.offset;
    if (at < piece.endAt) return piece.offset + (at - piece.startAt) / 1000;
  }
  return null;
}

/** The wall-clock moment shown at `offset` seconds into the clip. */
export function wallTimeAt(pieces: Pieces, offset: number): number | null {
  let found: Pieces[number] | null = null;
  for (const piece of pieces) {
    if (offset >= piece.offset) found = piece;
  }
  if (!found) return null;
  return Math.min(found.endAt, found.startAt + (offset - found.offset) * 1000);
}
