// Cuts ffmpeg's fragmented-MP4 byte stream (stdout of a `-f mp4 -movflags empty_moov…` run)
// into what a MediaSource consumer appends: one init segment (every box before the first
// `moof`: ftyp + moov) and then media fragments (a `moof` and the boxes up to the next `moof`,
// i.e. its `mdat`). Pipe chunks arrive at arbitrary byte boundaries; this keeps the remainder.
import { boxAt, startsWithKeyframe } from './fmp4-boxes.ts';

export type SplitPiece =
  | { kind: 'init'; data: Buffer }
  | { kind: 'fragment'; data: Buffer; keyframe: boolean };

/** A box larger than this is not a live fragment of a gate camera but a broken stream. */
export const MAX_BOX_BYTES = 32 * 1024 * 1024;

export class Fmp4Splitter {
  private pending: Buffer = Buffer.alloc(0);
  private head: Buffer[] = [];
  private fragment: Buffer[] | null = null;
  private initDone = false;

  /** Feeds a chunk; returns the pieces it completed, in order. Throws on a corrupt stream. */
  push(chunk: Buffer): SplitPiece[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const pieces: SplitPiece[] = [];

    let offset = 0;
    for (;;) {
      const box = this.nextBox(offset);
      if (!box) break;
      this.take(box.type, this.pending.subarray(box.start, box.end), pieces);
      offset = box.end;
    }
    this.pending = Buffer.from(this.pending.subarray(offset));
    return pieces;
  }

  /** Ends the stream: the fragment under way is complete once its mdat is in. */
  flush(): SplitPiece[] {
    const pieces: SplitPiece[] = [];
    this.closeFragment(pieces);
    return pieces;
  }

  private nextBox(offset: number): { type: string; start: number; end: number } | null {
    if (this.pending.length - offset >= 8) {
      const declared = this.pending.readUInt32BE(offset);
      if (declared > MAX_BOX_BYTES || (declared !== 1 && declared < 8)) {
        throw new Error(`not a fragmented MP4 stream (box size ${declared})`);
      }
    }
    return boxAt(this.pending, offset);
  }

  private take(type: string, bytes: Buffer, pieces: SplitPiece[]): void {
    if (type === 'moof') {
      this.closeFragment(pieces);
      if (!this.initDone) {
        pieces.push({ kind: 'init', data: Buffer.concat(this.head) });
        this.initDone = true;
        this.head = [];
      }
      this.fragment = [bytes];
      return;
    }

    if (this.fragment) this.fragment.push(bytes);
    else this.head.push(bytes);

    // A fragment is moof + mdat: send it the moment its mdat is complete, not at the next moof
    // (with one frame per fragment that would add a frame of latency).
    if (type === 'mdat' && this.fragment) this.closeFragment(pieces);
  }

  private closeFragment(pieces: SplitPiece[]): void {
    if (!this.fragment) return;
    const data = Buffer.concat(this.fragment);
    this.fragment = null;
    pieces.push({ kind: 'fragment', data, keyframe: startsWithKeyframe(data) });
  }
}
