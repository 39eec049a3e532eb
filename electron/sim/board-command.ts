// `sim board`: runs the relay board simulator on its own, on the far end of a serial pty or on
// a Modbus TCP port, so end-to-end tests and the bench can start it, read its frame record and
// kill it like a real board losing power. Prints one JSON line `{"ready":true,...}` on stdout
// once it answers; logs go to stderr.
import { parseArgs } from 'node:util';
import { createRootLogger, type Logger } from '../log/logger.ts';
import { startModbusBoard } from './modbus-board.ts';

export const BOARD_USAGE =
  'usage: sim board (--path DEVICE [--baud N] | --tcp-port N [--host H]) [--slave 1[,2...]]' +
  ' [--coils N] [--frames FILE] [--reply-delay-ms N]';

export interface BoardCommandIo {
  stdout: { write(text: string): unknown };
  log?: Logger;
}

export async function runBoardCommand(
  args: string[],
  io: BoardCommandIo = { stdout: process.stdout },
): Promise<{ close(): Promise<void> }> {
  const { values } = parseArgs({
    args,
    options: {
      path: { type: 'string' },
      baud: { type: 'string', default: '9600' },
      'tcp-port': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      slave: { type: 'string', default: '1' },
      coils: { type: 'string', default: '8' },
      frames: { type: 'string' },
      'reply-delay-ms': { type: 'string', default: '0' },
    },
    strict: true,
  });
  const slaves = values.slave.split(',').map(Number);
  const tcpPort = values['tcp-port'] === undefined ? undefined : Number(values['tcp-port']);
  const numbers = [...slaves, Number(values.baud), Number(values.coils), tcpPort ?? 0];
  if (!values.path && tcpPort === undefined) throw new Error(BOARD_USAGE);
  if (!numbers.every(Number.isInteger) || slaves.some((s) => s < 1 || s > 247)) {
    throw new Error(BOARD_USAGE);
  }

  const log = io.log ?? createRootLogger({ stderr: true });
  const board = await startModbusBoard({
    path: values.path,
    baudRate: Number(values.baud),
    tcpPort,
    host: values.host,
    slave: slaves,
    coils: Number(values.coils),
    replyDelayMs: Number(values['reply-delay-ms']),
    framesFile: values.frames,
    log,
  });

  const ready = { ready: true, path: values.path, port: board.port, slave: slaves };
  io.stdout.write(`${JSON.stringify({ ...ready, pid: process.pid })}\n`);
  return { close: () => board.close() };
}
