// A barrier controller that speaks its own serial frames (the kind a "generic serial frames"
// barrier drives), on the far end of a pty. It knows its OPEN, CLOSE and STATUS frames and its
// checksum, answers with its acknowledgement or its state, and records what it understood.
// It can hand its answers over in pieces or glue noise behind them, as real adapters do.
import { SerialPort } from 'serialport';
import type { ChecksumKind } from '../config/device-config.ts';
import { checksumOk, withChecksum } from '../devices/serial/checksums.ts';
import type { Logger } from '../log/logger.ts';

export interface SerialGateOptions {
  path: string;
  baudRate?: number;
  checksum: ChecksumKind;
  checksumSkip?: number;
  /** Frames without their checksum, as hex. */
  openFrame: string;
  closeFrame?: string;
  statusFrame?: string;
  ackFrame?: string;
  /** The status answer is this prefix then one state byte (then the checksum). */
  statusPrefix?: string;
  openByte?: number;
  closedByte?: number;
  /** Split every answer into this many pieces, a few ms apart (a slow USB adapter). */
  answerPieces?: number;
  /** Bytes glued behind every answer (a coalesced read with noise on the line). */
  trailingNoise?: string;
  /** Flip the last byte of every answer (its checksum): noise on the line. */
  corruptAnswers?: boolean;
  log: Logger;
}

export interface ReceivedFrame {
  at: number;
  hex: string;
  command: 'open' | 'close' | 'status' | 'bad-checksum' | 'unknown';
}

export interface SerialGate {
  frames: ReceivedFrame[];
  state(): 'open' | 'closed';
  close(): Promise<void>;
}

/** Frames end after this much silence; the driver sends each in one write. */
const FRAME_SILENCE_MS = 20;
const PIECE_GAP_MS = 8;

export async function startSerialGate(options: SerialGateOptions): Promise<SerialGate> {
  const port = new SerialPort({ path: options.path, baudRate: options.baudRate ?? 9600,
    autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));

  const skip = options.checksumSkip ?? 0;
  const full = (hex: string | undefined) =>
    hex === undefined ? null : withChecksum(Buffer.from(hex, 'hex'), options.checksum, skip);
  const known = [
    { command: 'open' as const, bytes: full(options.openFrame) },
    { command: 'close' as const, bytes: full(options.closeFrame) },
    { command: 'status' as const, bytes: full(options.statusFrame) },
  ];
  const frames: ReceivedFrame[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let state: 'open' | 'closed' = 'closed';

  const send = (answer: Buffer) => {
    const whole = Buffer.concat([answer, Buffer.from(options.trailingNoise ?? '', 'hex')]);
    if (options.corruptAnswers) whole[answer.length - 1] ^= 0xff;
    const pieces = Math.max(1, Math.min(options.answerPieces ?? 1, whole.length));
    const size = Math.ceil(whole.length / pieces);
    for (let i = 0; i < pieces; i++) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (port.isOpen) port.write(whole.subarray(i * size, (i + 1) * size));
      }, i * PIECE_GAP_MS);
      timers.add(timer);
    }
  };

  const understand = (bytes: Buffer) => {
    const match = known.find((k) => k.bytes?.equals(bytes));
    const command = match?.command ??
      (checksumOk(bytes, options.checksum, skip) ? 'unknown' : 'bad-checksum');
    frames.push({ at: Date.now(), hex: bytes.toString('hex'), command });
    options.log.debug({ command, hex: bytes.toString('hex') }, 'serial gate simulator frame');

    if (command === 'open' || command === 'close') {
      state = command === 'open' ? 'open' : 'closed';
      const ack = full(options.ackFrame);
      if (ack) send(ack);
    } else if (command === 'status' && options.statusPrefix !== undefined) {
      const byte = state === 'open' ? options.openByte ?? 1 : options.closedByte ?? 2;
      send(withChecksum(Buffer.concat([Buffer.from(options.statusPrefix, 'hex'),
        Buffer.from([byte])]), options.checksum, skip));
    }
  };

  let buffer = Buffer.alloc(0);
  let silence: NodeJS.Timeout | undefined;
  port.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    clearTimeout(silence);
    silence = setTimeout(() => {
      const frame = buffer;
      buffer = Buffer.alloc(0);
      understand(frame);
    }, FRAME_SILENCE_MS);
  });
  port.on('error', (err) => options.log.warn({ err: err.message }, 'serial gate simulator'));

  return {
    frames,
    state: () => state,
    async close() {
      clearTimeout(silence);
      for (const timer of timers) clearTimeout(timer);
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}
