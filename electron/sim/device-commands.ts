// `sim camera-relay`, `sim serial-gate`, `sim display-board`: the device simulators of issue #3
// on their own, for end-to-end tests and the installer's training mode. Each prints one JSON
// line `{"ready":true,...}` on stdout; what it receives is logged to stderr (debug level shows
// every frame, and the display board logs each text it shows).
import { parseArgs } from 'node:util';
import { CHECKSUM_KINDS, type ChecksumKind } from '../config/device-config.ts';
import { createRootLogger, type Logger } from '../log/logger.ts';
import { startCameraRelay, type RelayVendor } from './camera-relay.ts';
import { startDisplayBoard } from './display-board.ts';
import { startSerialGate } from './serial-gate.ts';

export const CAMERA_RELAY_USAGE = 'usage: sim camera-relay --vendor hikvision|dahua' +
  ' [--port N] [--username U] [--password P]';
export const SERIAL_GATE_USAGE = 'usage: sim serial-gate --path DEVICE --open HEX [--close HEX]' +
  ' [--status HEX --status-prefix HEX] [--ack HEX] [--checksum none|sum8|xor8|crc16-modbus]' +
  ' [--checksum-skip N]';
export const DISPLAY_BOARD_USAGE = 'usage: sim display-board --path DEVICE [--baud N]';

export interface DeviceCommandIo {
  stdout: { write(text: string): unknown };
  log?: Logger;
}

const stdio: DeviceCommandIo = { stdout: process.stdout };
const ready = (io: DeviceCommandIo, fields: Record<string, unknown>) =>
  io.stdout.write(`${JSON.stringify({ ready: true, ...fields, pid: process.pid })}\n`);

export async function runCameraRelayCommand(args: string[], io = stdio) {
  const { values } = parseArgs({ args, strict: true, options: {
    vendor: { type: 'string' }, port: { type: 'string', default: '0' },
    username: { type: 'string', default: 'admin' },
    password: { type: 'string', default: 'sim-password' },
  } });
  const vendor = values.vendor as RelayVendor;
  if ((vendor !== 'hikvision' && vendor !== 'dahua') || !Number.isInteger(Number(values.port))) {
    throw new Error(CAMERA_RELAY_USAGE);
  }

  const relay = await startCameraRelay({ vendor, port: Number(values.port),
    username: values.username, password: values.password,
    log: io.log ?? createRootLogger({ stderr: true }) });
  ready(io, { vendor, url: relay.url });
  return { close: () => relay.close() };
}

export async function runSerialGateCommand(args: string[], io = stdio) {
  const { values } = parseArgs({ args, strict: true, options: {
    path: { type: 'string' }, open: { type: 'string' }, close: { type: 'string' },
    status: { type: 'string' }, 'status-prefix': { type: 'string' }, ack: { type: 'string' },
    checksum: { type: 'string', default: 'none' },
    'checksum-skip': { type: 'string', default: '0' },
  } });
  const checksum = values.checksum as ChecksumKind;
  const hex = (v: string | undefined) => v?.replace(/[\s:-]/g, '').toLowerCase();
  if (!values.path || !values.open || !CHECKSUM_KINDS.includes(checksum) ||
    !Number.isInteger(Number(values['checksum-skip']))) {
    throw new Error(SERIAL_GATE_USAGE);
  }

  const gate = await startSerialGate({ path: values.path, checksum,
    checksumSkip: Number(values['checksum-skip']), openFrame: hex(values.open)!,
    closeFrame: hex(values.close), statusFrame: hex(values.status),
    statusPrefix: hex(values['status-prefix']), ackFrame: hex(values.ack),
    log: io.log ?? createRootLogger({ stderr: true }) });
  ready(io, { path: values.path });
  return { close: () => gate.close() };
}

export async function runDisplayBoardCommand(args: string[], io = stdio) {
  const { values } = parseArgs({ args, strict: true, options: {
    path: { type: 'string' }, baud: { type: 'string', default: '9600' },
  } });
  if (!values.path || !Number.isInteger(Number(values.baud))) {
    throw new Error(DISPLAY_BOARD_USAGE);
  }

  const log = io.log ?? createRootLogger({ stderr: true });
  const board = await startDisplayBoard({ path: values.path, baudRate: Number(values.baud), log,
    onEvent: (event) => log.info({ kind: event.kind, text: event.text }, 'display board') });
  ready(io, { path: values.path });
  return { close: () => board.close() };
}
