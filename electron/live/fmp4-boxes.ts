// Reading the few ISO-BMFF (MP4) boxes the live view needs from ffmpeg's fragmented MP4: the
// box boundaries (to split a byte stream into the init segment and media fragments), whether a
// fragment starts on a sync sample (a late joiner must begin on a keyframe), and the sample
// entry of the video track (the codec string MediaSource asks for, and H.265 detection).
//
// Only what ffmpeg's mov muxer writes is read; anything unexpected reads as "not a keyframe" or
// "codec unknown", never as a throw: a live picture is not worth crashing the host over.

export interface Box {
  type: string;
  /** Offset of the box header in the buffer it was found in. */
  start: number;
  /** Offset of the first byte after the header. */
  body: number;
  /** Offset just past the box. */
  end: number;
}

/** The box that starts at `offset`, or null when its header (or all of it) is not there yet. */
export function boxAt(buf: Buffer, offset: number, limit = buf.length): Box | null {
  if (limit - offset < 8) return null;

  let size = buf.readUInt32BE(offset);
  const type = buf.toString('latin1', offset + 4, offset + 8);
  let body = offset + 8;
  if (size === 1) {
    if (limit - offset < 16) return null;
    size = Number(buf.readBigUInt64BE(offset + 8));
    body = offset + 16;
  } else if (size === 0) {
    size = limit - offset;
  }

  if (size < body - offset || offset + size > limit) return null;
  return { type, start: offset, body, end: offset + size };
}

/** The direct children of a box body (or of a whole buffer). */
export function childBoxes(buf: Buffer, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let offset = start;
  while (offset < end) {
    const box = boxAt(buf, offset, end);
    if (!box) break;
    boxes.push(box);
    offset = box.end;
  }
  return boxes;
}

/** The first descendant along `path` (e.g. ['trak', 'mdia', 'minf']). */
export function findPath(buf: Buffer, parent: Box, path: readonly string[]): Box | null {
  let current: Box | null = parent;
  for (const type of path) {
    if (!current) return null;
    current = childBoxes(buf, current.body, current.end).find((b) => b.type === type) ?? null;
  }
  return current;
}

/** ISO-BMFF sample flags: bit 16 is sample_is_non_sync_sample. */
const NON_SYNC_SAMPLE = 0x0001_0000;

// tfhd flags
const TFHD_BASE_DATA_OFFSET = 0x01;
const TFHD_SAMPLE_DESCRIPTION = 0x02;
const TFHD_DEFAULT_DURATION = 0x08;
const TFHD_DEFAULT_SIZE = 0x10;
const TFHD_DEFAULT_FLAGS = 0x20;

// trun flags
const TRUN_DATA_OFFSET = 0x001;
const TRUN_FIRST_SAMPLE_FLAGS = 0x004;
const TRUN_SAMPLE_DURATION = 0x100;
const TRUN_SAMPLE_SIZE = 0x200;
const TRUN_SAMPLE_FLAGS = 0x400;

/**
 * Whether the fragment (a `moof` box, optionally followed by its `mdat`) begins with a sync
 * sample. The first sample's flags come from the trun (first-sample flags or per-sample flags),
 * else from the tfhd default; without either the fragment is not known to start a GOP.
 */
export function startsWithKeyframe(fragment: Buffer): boolean {
  const moof = boxAt(fragment, 0);
  if (!moof || moof.type !== 'moof') return false;
  const traf = findPath(fragment, moof, ['traf']);
  if (!traf) return false;

  const children = childBoxes(fragment, traf.body, traf.end);
  const tfhd = children.find((b) => b.type === 'tfhd');
  const trun = children.find((b) => b.type === 'trun');
  if (!trun || trun.end - trun.body < 8) return false;

  const trunFlags = fragment.readUInt32BE(trun.body) & 0xff_ffff;
  const sampleCount = fragment.readUInt32BE(trun.body + 4);
  if (sampleCount === 0) return false;

  let at = trun.body + 8;
  if (trunFlags & TRUN_DATA_OFFSET) at += 4;
  if (trunFlags & TRUN_FIRST_SAMPLE_FLAGS) return isSync(fragment.readUInt32BE(at));
  if (trunFlags & TRUN_SAMPLE_FLAGS) {
    if (trunFlags & TRUN_SAMPLE_DURATION) at += 4;
    if (trunFlags & TRUN_SAMPLE_SIZE) at += 4;
    return isSync(fragment.readUInt32BE(at));
  }

  const defaults = tfhd ? tfhdDefaultFlags(fragment, tfhd) : null;
  return defaults !== null && isSync(defaults);
}

function isSync(flags: number): boolean {
  return (flags & NON_SYNC_SAMPLE) === 0;
}

function tfhdDefaultFlags(buf: Buffer, tfhd: Box): number | null {
  const flags = buf.readUInt32BE(tfhd.body) & 0xff_ffff;
  if (!(flags & TFHD_DEFAULT_FLAGS)) return null;

  let at = tfhd.body + 8; // version/flags, track_ID
  if (flags & TFHD_BASE_DATA_OFFSET) at += 8;
  if (flags & TFHD_SAMPLE_DESCRIPTION) at += 4;
  if (flags & TFHD_DEFAULT_DURATION) at += 4;
  if (flags & TFHD_DEFAULT_SIZE) at += 4;
  return at + 4 <= tfhd.end ? buf.readUInt32BE(at) : null;
}

export interface VideoEntry {
  /** 'h264', 'hevc', or the sample entry's own four letters for anything else. */
  codec: string;
  /** RFC 6381 string for MediaSource (`avc1.42c01f`), or null when it cannot be built. */
  mimeCodec: string | null;
  width: number | null;
  height: number | null;
}

/** The first video track's sample entry in an init segment (ftyp + moov), or null. */
export function videoEntry(init: Buffer): VideoEntry | null {
  const moov = childBoxes(init, 0, init.length).find((b) => b.type === 'moov');
  if (!moov) return null;

  for (const trak of childBoxes(init, moov.body, moov.end)) {
    if (trak.type !== 'trak') continue;
    const stsd = findPath(init, trak, ['mdia', 'minf', 'stbl', 'stsd']);
    if (!stsd || stsd.end - stsd.body < 16) continue;

    // stsd: version/flags (4), entry_count (4), then the entries.
    const entry = boxAt(init, stsd.body + 8, stsd.end);
    if (!entry) continue;
    const visual = readVisualEntry(init, entry);
    if (visual) return visual;
  }
  return null;
}

/** A VisualSampleEntry has 78 bytes of fixed fields before its child boxes (avcC, hvcC). */
const VISUAL_ENTRY_FIELDS = 78;

function readVisualEntry(buf: Buffer, entry: Box): VideoEntry | null {
  const kind = entry.type;
  const known = ['avc1', 'avc3', 'hvc1', 'hev1'];
  if (!known.includes(kind) || entry.end - entry.body < VISUAL_ENTRY_FIELDS) return null;

  const width = buf.readUInt16BE(entry.body + 24);
  const height = buf.readUInt16BE(entry.body + 26);
  const config = childBoxes(buf, entry.body + VISUAL_ENTRY_FIELDS, entry.end);
  if (kind === 'hvc1' || kind === 'hev1') {
    return { codec: 'hevc', mimeCodec: null, width, height };
  }

  // avcC: configurationVersion, AVCProfileIndication, profile_compatibility, AVCLevelIndication.
  const avcC = config.find((b) => b.type === 'avcC');
  const mimeCodec = avcC && avcC.end - avcC.body >= 4
    ? `${kind}.${hex(buf[avcC.body + 1]!)}${hex(buf[avcC.body + 2]!)}${hex(buf[avcC.body + 3]!)}`
    : null;
  return { codec: 'h264', mimeCodec, width, height };
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
