// A simulated Modbus relay board: the barrier's OPEN relay on coil 0 (or any coil), answering
// on the far end of a serial pty (RTU) and/or on a loopback TCP port (Modbus TCP, for machines
// without a pty). The demo site and the installer's training mode drive it; tests and the bench
// read what it received from the frame record (in memory, and one JSON line per frame in a file).
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../log/logger.ts';
import { FN_WRITE_MULTIPLE_COILS, FN_WRITE_SINGLE_COIL } from './modbus-board-slave.ts';
import { answerRequest, createSlaveState, decodeRequest } from './modbus-board-slave.ts';
import type { RequestFields, SlaveState } from './modbus-board-slave.ts';
import { openRtuBoard } from './modbus-board-rtu.ts';
import { listenTcpBoard } from './modbus-board-tcp.ts';

/** Eight relays is the common small board (继电器板) at a gate. */
const DEFAULT_COILS = 8;

/** One request as the board received it; `hex` holds exactly the bytes that arrived. */
export interface Frame extends RequestFields {
  /** Epoch milliseconds (fractional) when the frame's last byte arrived. */
  at: number;
  hex: string;
  slave: number | null;
  fn: number | null;
  transport: 'rtu' | 'tcp';
  /** RTU only: false when the CRC did not match and the frame was dropped unanswered. */
  crcOk?: boolean;
}

/** What a transport hands the board: the raw frame and the parts it has already cut out. */
export interface ReceivedRequest {
  transport: 'rtu' | 'tcp';
  bytes: Buffer;
  at: number;
  slave: number | null;
  pdu: Buffer;
  crcOk: boolean;
}

/** Answers one request with a response PDU, or null when the board stays silent. */
export type RequestHandler = (request: ReceivedRequest) => Buffer | null;

export interface ModbusBoardOptions {
  /** Serial device the board owns (the far end of a pty pair). */
  path?: string;
  baudRate?: number;
  /** Modbus TCP port to listen on (0 picks a free one). */
  tcpPort?: number;
  host?: string;
  /** The slave address(es) this board answers; several boards on one bus share the port. */
  slave: number | number[];
  coils?: number;
  /** Delay before each reply, as a real board takes a few milliseconds to answer. */
  replyDelayMs?: number;
  /** Appends one JSON line per received frame, for other processes to read. */
  framesFile?: string;
  log: Logger;
}

export interface ModbusBoard {
  frames: Frame[];
  /** The TCP port listened on, when in TCP mode. */
  port?: number;
  coilStates(slave: number): boolean[];
  setInput(slave: number, input: number, on: boolean): void;
  close(): Promise<void>;
}

export async function startModbusBoard(options: ModbusBoardOptions): Promise<ModbusBoard> {
  if (!options.path && options.tcpPort === undefined) {
    throw new Error('the relay board simulator needs a serial path or a TCP port');
  }

  const addresses = Array.isArray(options.slave) ? options.slave : [options.slave];
  const slaves = new Map<number, SlaveState>();
  for (const address of addresses) {
    slaves.set(address, createSlaveState(options.coils ?? DEFAULT_COILS));
  }

  const frames: Frame[] = [];
  if (options.framesFile) mkdirSync(dirname(options.framesFile), { recursive: true });
  const fd = options.framesFile ? openSync(options.framesFile, 'a') : null;
  const log = options.log;

  const onRequest: RequestHandler = (request) => {
    const frame = recordOf(request);
    frames.push(frame);
    if (fd !== null) writeSync(fd, JSON.stringify(frame) + '\n');
    return answer(slaves, request, log);
  };

  const replyDelayMs = options.replyDelayMs ?? 0;
  const { path, tcpPort } = options;
  const opened: { close(): Promise<void> }[] = [];
  let port: number | undefined;
  try {
    if (path) {
      const baudRate = options.baudRate ?? 9600;
      opened.push(await openRtuBoard({ path, baudRate, replyDelayMs, log, onRequest }));
    }
    if (tcpPort !== undefined) {
      const host = options.host ?? '127.0.0.1';
      const tcp = await listenTcpBoard({ host, port: tcpPort, replyDelayMs, log, onRequest });
      opened.push(tcp);
      port = tcp.port;
    }
  } catch (err) {
    await Promise.allSettled(opened.map((t) => t.close()));
    if (fd !== null) closeSync(fd);
    throw err;
  }

  log.info({ path, port, slaves: addresses }, 'relay board simulator listening');
  let closed = false;
  return {
    frames,
    port,
    coilStates: (slave) => [...(slaves.get(slave)?.coils ?? [])],
    setInput(slave, input, on) {
      const state = slaves.get(slave);
      if (!state || input >= state.inputs.length) {
        throw new Error(`the relay board simulator has no input ${input} on slave ${slave}`);
      }
      state.inputs[input] = on;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled(opened.map((t) => t.close()));
      if (fd !== null) closeSync(fd);
      log.info({ path, port }, 'relay board simulator closed');
    },
  };
}

function recordOf(request: ReceivedRequest): Frame {
  const fnAt = request.transport === 'tcp' ? 7 : 1;
  const fn = request.bytes.length > fnAt ? request.bytes[fnAt] : null;
  const frame: Frame = {
    at: request.at,
    hex: request.bytes.toString('hex'),
    slave: request.slave,
    fn,
    ...(request.crcOk ? decodeRequest(request.pdu) : {}),
    transport: request.transport,
  };
  if (request.transport === 'rtu') frame.crcOk = request.crcOk;
  return frame;
}

/** Bad CRC: dropped. Another slave's address: not ours to answer. Otherwise the slave answers. */
function answer(slaves: Map<number, SlaveState>, request: ReceivedRequest, log: Logger) {
  if (!request.crcOk) {
    log.debug({ hex: request.bytes.toString('hex') }, 'relay board simulator dropped a bad frame');
    return null;
  }

  const state = request.slave === null ? undefined : slaves.get(request.slave);
  if (!state) return null;

  const reply = answerRequest(state, request.pdu);
  const fn = request.pdu[0];
  if (fn === FN_WRITE_SINGLE_COIL || fn === FN_WRITE_MULTIPLE_COILS) {
    log.debug({ slave: request.slave, coils: state.coils }, 'relay board simulator coils');
  }
  return reply;
}
