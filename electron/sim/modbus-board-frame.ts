// CRC-16/MODBUS and the assembly of RTU request frames from a raw serial byte stream.
// The simulator does its own framing (not modbus-serial's) so that what it records is exactly
// the bytes that arrived, and so that the client library is tested against an independent peer.

/**
 * How long a partial frame may sit before it is taken as complete. Modbus asks for 3.5
 * characters of silence (3.6 ms at 9600 baud), but a pty or a USB adapter hands bytes over in
 * chunks up to ~16 ms apart (FTDI latency timer), so the board waits a little longer than that.
 */
export const FRAME_SILENCE_MS = 30;

/** The largest RTU frame Modbus allows; anything longer is noise and is cut here. */
const MAX_RTU_FRAME = 256;

/** Frame timestamps: epoch milliseconds with sub-millisecond precision, comparable across
 * processes (the bench reads them from another one). */
export function nowEpochMs(): number {
  return performance.timeOrigin + performance.now();
}

export function crc16Modbus(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/** Appends the CRC, low byte first, as RTU puts it on the wire. */
export function withCrc(body: Uint8Array): Buffer {
  const frame = Buffer.alloc(body.length + 2);
  frame.set(body);
  frame.writeUInt16LE(crc16Modbus(body), body.length);
  return frame;
}

export function hasValidCrc(frame: Buffer): boolean {
  if (frame.length < 4) return false;
  return frame.readUInt16LE(frame.length - 2) === crc16Modbus(frame.subarray(0, -2));
}

/**
 * The length of the request at the head of the buffer, from its function code: reads and
 * single writes are 8 bytes, multiple writes carry a byte count. 'more' means the header is
 * not complete yet; null means the function is one the board cannot size (silence ends it).
 */
export function requestLength(buffer: Buffer): number | 'more' | null {
  if (buffer.length < 2) return 'more';
  const fn = buffer[1];
  if (fn >= 1 && fn <= 6) return 8;
  if (fn !== 15 && fn !== 16) return null;
  return buffer.length < 7 ? 'more' : 9 + buffer[6];
}

/** Cuts a serial byte stream into request frames, by expected length or by silence. */
export class RtuFrameAssembler {
  private buffer = Buffer.alloc(0);
  private lastChunkAt = 0;
  private silenceTimer: NodeJS.Timeout | undefined;
  private readonly onFrame: (frame: Buffer, at: number) => void;

  constructor(onFrame: (frame: Buffer, at: number) => void) {
    this.onFrame = onFrame;
  }

  /** `at` is when the chunk arrived; a frame is stamped with the arrival of its last byte. */
  push(chunk: Buffer, at: number): void {
    clearTimeout(this.silenceTimer);
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.lastChunkAt = at;

    this.cutCompleteFrames();

    if (this.buffer.length >= MAX_RTU_FRAME) this.flush();
    if (this.buffer.length > 0) {
      this.silenceTimer = setTimeout(() => this.flush(), FRAME_SILENCE_MS);
    }
  }

  dispose(): void {
    clearTimeout(this.silenceTimer);
    this.buffer = Buffer.alloc(0);
  }

  private cutCompleteFrames(): void {
    for (;;) {
      const length = requestLength(this.buffer);
      if (typeof length !== 'number' || this.buffer.length < length) return;

      const frame = Buffer.from(this.buffer.subarray(0, length));
      this.buffer = this.buffer.subarray(length);
      this.onFrame(frame, this.lastChunkAt);
    }
  }

  private flush(): void {
    clearTimeout(this.silenceTimer);
    if (this.buffer.length === 0) return;

    const frame = Buffer.from(this.buffer);
    this.buffer = Buffer.alloc(0);
    this.onFrame(frame, this.lastChunkAt);
  }
}
