// Just enough ISO-BMFF (MP4) to relay a fragmented stream: cut the byte stream from ffmpeg's
// pipe into top-level boxes, read the codec and picture size from the init segment, and tell
// whether a fragment starts with a keyframe. Nothing here decodes video.

export interface Box {
  type: string;
  /** The whole box, header included. */
  data: Buffer;
}

/** Largest box we accept: a 1080p keyframe fragment is well under this; more means garbage. */
const MAX_BOX_BYTES = 64 * 1024 * 1024;

/** Cuts a byte stream into top-level boxes. Feed chunks as they arrive. */
export class BoxReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Returns the boxes completed by this chunk; throws on a stream that is not MP4. */
  push(chunk: Buffer): Box[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const boxes: Box[] = [];

    while (this.pendingBytes >= 8) {
      const head = this.peek(16);
      let size = head.readUInt32BE(0);
      if (size === 1) {
        if (head.length < 16) break;
        size = Number(head.readBigUInt64BE(8));
      }
      if (size < 8 || size > MAX_BOX_BYTES) {
        throw new Error(`not a fragmented MP4 stream (box size ${size})`);
      }
      if (this.pendingBytes < size) break;

      const all = Buffer.concat(this.pending, this.pendingBytes);
      boxes.push({ type: all.toString('latin1', 4, 8), data: all.subarray(0, size) });
      const rest = all.subarray(size);
      this.pending = rest.length ? [rest] : [];
      this.pendingBytes = rest.length;
    }
    return boxes;
  }

  private peek(bytes: number): Buffer {
    const first = this.pending[0]!;
    if (first.length >= bytes || this.pending.length === 1) return first.subarray(0, bytes);
    return Buffer.concat(this.pending, this.pendingBytes).subarray(0, bytes);
  }
}

export interface TrackInfo {
  codec: string;
  /** RFC 6381, e.g. avc1.64001f; null when not H.264 or unreadable. */
  mimeCodec: string | null;
  width: number | null;
  height: number | null;
}

const SAMPLE_ENTRY_CODECS: Record<string, string> = {
  avc1: 'h264', avc3: 'h264', hvc1: 'hevc', hev1: 'hevc',
};

/** Reads the first video sample entry of a moov box (ffmpeg writes one video track). */
export function readTrackInfo(moov: Buffer): TrackInfo {
  const stsd = moov.indexOf('stsd', 0, 'latin1');
  if (stsd < 4) return { codec: 'unknown', mimeCodec: null, width: null, height: null };

  // stsd is a full box: type, version+flags (4), entry count (4), then the first entry.
  const entry = stsd + 12;
  const entryType = moov.toString('latin1', entry + 4, entry + 8);
  const codec = SAMPLE_ENTRY_CODECS[entryType] ?? entryType;
  if (moov.length < entry + 36) return { codec, mimeCodec: null, width: null, height: null };

  // A visual sample entry: header (8), reserved (6), data ref (2), pre-defined (16), w, h.
  const width = moov.readUInt16BE(entry + 32);
  const height = moov.readUInt16BE(entry + 34);

  let mimeCodec: string | null = null;
  const avcC = codec === 'h264' ? moov.indexOf('avcC', entry, 'latin1') : -1;
  if (avcC > 0 && moov.length >= avcC + 8) {
    const hex = (b: number) => b.toString(16).padStart(2, '0');
    const [profile, compat, level] = [moov[avcC + 5]!, moov[avcC + 6]!, moov[avcC + 7]!];
    mimeCodec = `${entryType}.${hex(profile)}${hex(compat)}${hex(level)}`;
  }
  return { codec, mimeCodec, width, height };
}

/** ISO-BMFF sample flags: sample_is_non_sync_sample. */
const NON_SYNC = 0x00010000;

/**
 * Whether a moof's first sample is a sync sample. The flags come from the trun's first-sample
 * flags, else its per-sample flags, else the tfhd default; with none of them ffmpeg cut the
 * fragment at a keyframe (frag_keyframe), so the answer is yes.
 */
export function startsWithKeyframe(moof: Buffer): boolean {
  const trun = moof.indexOf('trun', 0, 'latin1');
  if (trun > 0 && moof.length >= trun + 12) {
    const flags = moof.readUInt32BE(trun + 4) & 0xffffff;
    let at = trun + 12;
    if (flags & 0x1) at += 4;
    if (flags & 0x4) return (moof.readUInt32BE(at) & NON_SYNC) === 0;

    let firstSample = at;
    if (flags & 0x100) firstSample += 4;
    if (flags & 0x200) firstSample += 4;
    if (flags & 0x400 && moof.length >= firstSample + 4) {
      return (moof.readUInt32BE(firstSample) & NON_SYNC) === 0;
    }
  }

  const tfhd = moof.indexOf('tfhd', 0, 'latin1');
  if (tfhd > 0 && moof.length >= tfhd + 12) {
    const flags = moof.readUInt32BE(tfhd + 4) & 0xffffff;
    let at = tfhd + 12;
    for (const bit of [0x1, 0x2, 0x8, 0x10]) if (flags & bit) at += bit === 0x1 ? 8 : 4;
    if (flags & 0x20 && moof.length >= at + 4) {
      return (moof.readUInt32BE(at) & NON_SYNC) === 0;
    }
  }
  return true;
}

/**
 * The length of a fragmented MP4 file's bytes that form whole boxes and whole fragments: a file
 * cut mid-write ends in a partial box, or in a moof whose mdat never came. Decoders stumble
 * over such a tail; everything before it plays.
 */
export function wholeFragmentsLength(file: Buffer): number {
  let at = 0;
  let end = 0;
  let pendingMoof = -1;
  while (at + 8 <= file.length) {
    let size = file.readUInt32BE(at);
    if (size === 1 && at + 16 <= file.length) size = Number(file.readBigUInt64BE(at + 8));
    if (size < 8 || at + size > file.length) break;

    const type = file.toString('latin1', at + 4, at + 8);
    if (type === 'moof') pendingMoof = at;
    at += size;
    if (type !== 'moof') {
      pendingMoof = -1;
      end = at;
    }
  }
  return pendingMoof >= 0 ? Math.min(end, pendingMoof) : end;
}
