// The relay board simulator's Modbus TCP side: the same board behind an MBAP header, on
// loopback, for machines where no serial pty exists (Windows) and for the demo site.
import { createServer, type Socket } from 'node:net';
import type { Logger } from '../log/logger.ts';
import type { RequestHandler } from './modbus-board.ts';
import { nowEpochMs } from './modbus-board-frame.ts';

/** MBAP header: transaction id (2), protocol id (2, always 0), length (2), unit id (1). */
const MBAP_LENGTH = 7;
/** The length field counts the unit id and the PDU; a PDU is at most 253 bytes. */
const MAX_LENGTH_FIELD = 254;

export interface TcpBoardOptions {
  host: string;
  port: number;
  replyDelayMs: number;
  log: Logger;
  onRequest: RequestHandler;
}

export async function listenTcpBoard(
  options: TcpBoardOptions,
): Promise<{ port: number; close(): Promise<void> }> {
  const { log } = options;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', (err) => log.debug({ err: err.message }, 'relay board simulator tcp error'));
    serveConnection(socket, options);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveConnection(socket: Socket, options: TcpBoardOptions): void {
  let buffer = Buffer.alloc(0);

  socket.on('data', (chunk: Buffer) => {
    const at = nowEpochMs();
    buffer = Buffer.concat([buffer, chunk]);

    while (buffer.length >= MBAP_LENGTH) {
      const protocol = buffer.readUInt16BE(2);
      const length = buffer.readUInt16BE(4);
      if (protocol !== 0 || length < 2 || length > MAX_LENGTH_FIELD) {
        options.log.warn({ hex: buffer.toString('hex') }, 'relay board simulator: not Modbus TCP');
        socket.destroy();
        return;
      }
      if (buffer.length < 6 + length) return;

      const bytes = Buffer.from(buffer.subarray(0, 6 + length));
      buffer = buffer.subarray(6 + length);
      answer(socket, bytes, at, options);
    }
  });
}

function answer(socket: Socket, bytes: Buffer, at: number, options: TcpBoardOptions): void {
  const unit = bytes[6];
  const pdu = bytes.subarray(MBAP_LENGTH);
  const reply = options.onRequest({ transport: 'tcp', bytes, at, slave: unit, pdu, crcOk: true });
  if (!reply) return;

  const out = Buffer.alloc(MBAP_LENGTH + reply.length);
  out.writeUInt16BE(bytes.readUInt16BE(0), 0);
  out.writeUInt16BE(0, 2);
  out.writeUInt16BE(1 + reply.length, 4);
  out[6] = unit;
  reply.copy(out, MBAP_LENGTH);

  const send = () => {
    if (!socket.destroyed) socket.write(out);
  };
  if (options.replyDelayMs > 0) setTimeout(send, options.replyDelayMs);
  else send();
}
