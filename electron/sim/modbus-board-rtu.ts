// The relay board simulator's serial side: owns one end of a pty (or a real RS-485 adapter),
// cuts the byte stream into frames itself and writes the answers back with their CRC.
import { SerialPort } from 'serialport';
import type { Logger } from '../log/logger.ts';
import type { RequestHandler } from './modbus-board.ts';
import { RtuFrameAssembler, hasValidCrc, nowEpochMs, withCrc } from './modbus-board-frame.ts';

export interface RtuBoardOptions {
  path: string;
  baudRate: number;
  replyDelayMs: number;
  log: Logger;
  onRequest: RequestHandler;
}

export async function openRtuBoard(options: RtuBoardOptions): Promise<{ close(): Promise<void> }> {
  const { path, log } = options;
  const port = new SerialPort({ path, baudRate: options.baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => {
      if (err) reject(new Error(`relay board simulator cannot open ${path}: ${err.message}`));
      else resolve();
    });
  });

  const pendingReplies = new Set<NodeJS.Timeout>();
  const send = (reply: Buffer) => {
    if (options.replyDelayMs <= 0) return void port.write(reply);
    const timer = setTimeout(() => {
      pendingReplies.delete(timer);
      if (port.isOpen) port.write(reply);
    }, options.replyDelayMs);
    pendingReplies.add(timer);
  };

  const assembler = new RtuFrameAssembler((bytes, at) => {
    const crcOk = hasValidCrc(bytes);
    const slave = bytes.length > 0 ? bytes[0] : null;
    const pdu = bytes.length >= 4 ? bytes.subarray(1, -2) : Buffer.alloc(0);
    const reply = options.onRequest({ transport: 'rtu', bytes, at, slave, pdu, crcOk });
    if (reply && slave !== null) send(withCrc(Buffer.concat([Buffer.from([slave]), reply])));
  });

  port.on('data', (chunk: Buffer) => assembler.push(chunk, nowEpochMs()));
  port.on('error', (err) => log.warn({ path, err: err.message }, 'relay board simulator error'));
  port.on('close', () => log.info({ path }, 'relay board simulator port closed'));

  return {
    async close() {
      assembler.dispose();
      for (const timer of pendingReplies) clearTimeout(timer);
      if (!port.isOpen) return;
      await new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}
