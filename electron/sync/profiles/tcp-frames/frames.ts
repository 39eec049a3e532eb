// Framing of the tcp-frames profile: each frame is a 4-byte big-endian byte length, then that
// many bytes of UTF-8 JSON. A length prefix rather than newline-delimited JSON: the reader
// knows where a frame ends without scanning its text, multi-byte characters (plates, stage
// words) split across TCP segments are reassembled as bytes before decoding, and an oversized
// frame is refused from its header before its body is buffered.

/** Bytes of the length header. */
export const FRAME_HEADER_BYTES = 4;

/**
 * The largest frame either side accepts. Messages carry photo hashes, not photos; a megabyte is
 * far beyond any honest frame, and a length above it means the stream is out of step.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

export function encodeFrame(frame: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(frame), 'utf8');
  if (body.length > MAX_FRAME_BYTES) throw new Error(`frame of ${body.length} bytes is too large`);

  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body]);
}

export type ReadResult = { ok: true; frames: unknown[] } | { ok: false; error: string };

/** Reassembles frames from the chunks a socket delivers, in any split. */
export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): ReadResult {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: unknown[] = [];

    while (this.buffered.length >= FRAME_HEADER_BYTES) {
      const length = this.buffered.readUInt32BE(0);
      if (length > MAX_FRAME_BYTES) return { ok: false, error: `frame length ${length}` };
      if (this.buffered.length < FRAME_HEADER_BYTES + length) break;

      const body = this.buffered.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + length);
      this.buffered = this.buffered.subarray(FRAME_HEADER_BYTES + length);
      try {
        frames.push(JSON.parse(body.toString('utf8')) as unknown);
      } catch {
        return { ok: false, error: 'frame is not JSON' };
      }
    }
    return { ok: true, frames };
  }
}
