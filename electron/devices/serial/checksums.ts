// The checksums barrier controllers and LED boards put at the end of their serial frames. Their
// protocols are the vendors' own, but the public ones use one of these few.
import type { ChecksumKind } from '../../config/device-config.ts';

/** CRC-16/MODBUS: init 0xFFFF, reflected polynomial 0xA001; sent low byte first. */
export function crc16Modbus(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export function checksumBytes(kind: ChecksumKind, body: Uint8Array): Buffer {
  if (kind === 'none') return Buffer.alloc(0);
  if (kind === 'sum8') return Buffer.from([body.reduce((a, b) => (a + b) & 0xff, 0)]);
  if (kind === 'xor8') return Buffer.from([body.reduce((a, b) => a ^ b, 0)]);
  const crc = Buffer.alloc(2);
  crc.writeUInt16LE(crc16Modbus(body));
  return crc;
}

export function checksumLength(kind: ChecksumKind): number {
  return kind === 'none' ? 0 : kind === 'crc16-modbus' ? 2 : 1;
}

/** The frame with its checksum appended, computed over the bytes after the first `skip`. */
export function withChecksum(frame: Buffer, kind: ChecksumKind, skip = 0): Buffer {
  return Buffer.concat([frame, checksumBytes(kind, frame.subarray(skip))]);
}

/** True when the frame's last bytes are the checksum of what precedes them. */
export function checksumOk(frame: Buffer, kind: ChecksumKind, skip = 0): boolean {
  const n = checksumLength(kind);
  if (frame.length < skip + n) return false;
  const body = frame.subarray(0, frame.length - n);
  return checksumBytes(kind, body.subarray(skip)).equals(frame.subarray(frame.length - n));
}
