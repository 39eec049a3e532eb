// A lane's LED/voice board on the far end of a pty: it decodes every frame it receives (GBK
// text, CRC checked) and keeps what it would show and say, for tests, the demo and training.
// The same decoder reads frames carried inside a camera reply (serialData, rs485_data).
import { SerialPort } from 'serialport';
import {
  CMD_SHOW_LINES, CMD_SPEAK, decodeFrames, textOf, type DecodedFrame,
} from '../devices/display/display-frame.ts';
import type { Logger } from '../log/logger.ts';

export interface BoardEvent {
  at: number;
  address: number;
  kind: 'show' | 'speak' | 'bad-crc' | 'unknown';
  text: string[];
}

export interface DisplayBoard {
  events: BoardEvent[];
  /** What the board shows now (its last show-lines frame). */
  shown(): string[];
  close(): Promise<void>;
}

/** Reads frames out of bytes a camera would forward to its RS-485 port. */
export function boardEventsOf(bytes: Buffer, at = Date.now()): BoardEvent[] {
  return eventsOf(decodeFrames(bytes).frames, at);
}

function eventsOf(frames: DecodedFrame[], at: number): BoardEvent[] {
  return frames.map((frame) => ({
    at,
    address: frame.address,
    kind: !frame.crcOk ? 'bad-crc' : frame.command === CMD_SHOW_LINES ? 'show'
      : frame.command === CMD_SPEAK ? 'speak' : 'unknown',
    text: frame.crcOk ? textOf(frame) : [],
  }));
}

export async function startDisplayBoard(options: { path: string; baudRate?: number;
  log: Logger; onEvent?: (event: BoardEvent) => void }): Promise<DisplayBoard> {
  const port = new SerialPort({ path: options.path, baudRate: options.baudRate ?? 9600,
    autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));

  const events: BoardEvent[] = [];
  let pending: Buffer = Buffer.alloc(0);
  port.on('data', (chunk: Buffer) => {
    const { frames, rest } = decodeFrames(Buffer.concat([pending, chunk]));
    pending = rest;
    for (const event of eventsOf(frames, Date.now())) {
      events.push(event);
      options.onEvent?.(event);
      options.log.debug({ kind: event.kind, text: event.text }, 'display board simulator');
    }
  });
  port.on('error', (err) => options.log.warn({ err: err.message }, 'display board simulator'));

  return {
    events,
    shown: () => [...events].reverse().find((e) => e.kind === 'show')?.text ?? [],
    async close() {
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}
