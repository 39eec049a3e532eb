// The relay board simulator against raw bytes on a real socat pty (and a raw TCP socket), so it
// is checked independently of the modbus-serial client the app uses.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { crc16Modbus, withCrc } from './modbus-board-frame.ts';
import { startModbusBoard, type Frame, type ModbusBoard } from './modbus-board.ts';
import { createPtyPair, type PtyPair } from './pty.ts';

const log = silentLogger();
/** Long enough for any answer on a pty; a silent board is told apart by this. */
const ANSWER_WINDOW_MS = 150;

let dir: string;
let pty: PtyPair;
let board: ModbusBoard | undefined;
let master: SerialPort | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-board-sim-'));
  pty = await createPtyPair(dir);
});

afterEach(async () => {
  if (master?.isOpen) await new Promise((resolve) => master!.close(resolve));
  await board?.close();
  await pty.close();
  board = undefined;
  master = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function openMaster(): Promise<SerialPort> {
  const port = new SerialPort({ path: pty.a, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  master = port;
  return port;
}

/** Writes the hex chunks (with a pause between them) and returns what came back. */
async function exchange(port: SerialPort, chunks: string[], pauseMs = 0): Promise<string> {
  const received: Buffer[] = [];
  const onData = (d: Buffer) => received.push(d);
  port.on('data', onData);
  for (const chunk of chunks) {
    port.write(Buffer.from(chunk, 'hex'));
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  await new Promise((resolve) => setTimeout(resolve, ANSWER_WINDOW_MS));
  port.off('data', onData);
  return Buffer.concat(received).toString('hex');
}

function hexWithCrc(body: string): string {
  return withCrc(Buffer.from(body, 'hex')).toString('hex');
}

describe('the relay board simulator on a serial pty', () => {
  it('computes CRC-16/MODBUS as the published examples do', () => {
    const readCoils = Buffer.from('0101000000083dcc', 'hex');
    expect(crc16Modbus(readCoils.subarray(0, 6))).toBe(readCoils.readUInt16LE(6));
    expect(hexWithCrc('01050000ff00')).toBe('01050000ff008c3a');
    expect(hexWithCrc('010500000000')).toBe('010500000000cdca');
    expect(hexWithCrc('010f000000080101')).toBe('010f0000000801013f55');
  });

  it('switches a relay ON, echoes the request and records the exact frame', async () => {
    const framesFile = join(dir, 'frames.jsonl');
    board = await startModbusBoard({ path: pty.b, slave: 1, framesFile, log });
    const port = await openMaster();

    const reply = await exchange(port, ['01050000ff008c3a']);

    expect(reply).toBe('01050000ff008c3a');
    expect(board.coilStates(1)).toEqual([true, false, false, false, false, false, false, false]);
    expect(board.frames).toHaveLength(1);
    expect(board.frames[0]).toMatchObject({
      hex: '01050000ff008c3a', slave: 1, fn: 5, coil: 0, value: true, crcOk: true,
    });
    const lines = readFileSync(framesFile, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as Frame)).toEqual(board.frames);
    expect(Math.abs(board.frames[0].at - Date.now())).toBeLessThan(2_000);
  });

  it('reads coils and discrete inputs, bits least significant first', async () => {
    board = await startModbusBoard({ path: pty.b, slave: 1, log });
    board.setInput(1, 1, true);
    const port = await openMaster();

    const written = await exchange(port, [hexWithCrc('010f000000080105')]);
    const coils = await exchange(port, ['0101000000083dcc']);
    const inputs = await exchange(port, ['01020000000879cc']);

    expect(written).toBe(hexWithCrc('010f00000008'));
    expect(coils).toBe(hexWithCrc('01010105'));
    expect(inputs).toBe(hexWithCrc('01020102'));
    expect(board.frames[0]).toMatchObject({ fn: 15, coil: 0, count: 8 });
    expect(board.frames[0].values).toEqual([true, false, true, false, false, false, false, false]);
  });

  it('answers an address past its last coil with exception 02', async () => {
    board = await startModbusBoard({ path: pty.b, slave: 1, coils: 8, log });
    const port = await openMaster();

    const reply = await exchange(port, [hexWithCrc('01050008ff00')]);

    expect(reply).toBe(hexWithCrc('018502'));
    expect(board.coilStates(1).every((on) => !on)).toBe(true);
  });

  it('stays silent to other slaves and to frames with a bad CRC, but records both', async () => {
    board = await startModbusBoard({ path: pty.b, slave: 1, log });
    const port = await openMaster();

    const otherSlave = await exchange(port, [hexWithCrc('02050000ff00')]);
    const badCrc = await exchange(port, ['01050000ff008c3b']);

    expect(otherSlave).toBe('');
    expect(badCrc).toBe('');
    expect(board.coilStates(1)[0]).toBe(false);
    expect(board.frames.map((f) => [f.slave, f.crcOk])).toEqual([[2, true], [1, false]]);
    expect(board.frames[1].hex).toBe('01050000ff008c3b');
  });

  it('assembles a frame that arrives in pieces', async () => {
    board = await startModbusBoard({ path: pty.b, slave: 1, log });
    const port = await openMaster();

    const reply = await exchange(port, ['0105', '0000ff', '008c3a'], 5);

    expect(reply).toBe('01050000ff008c3a');
    expect(board.frames.map((f) => f.hex)).toEqual(['01050000ff008c3a']);
  });

  it('answers several slave addresses on one bus', async () => {
    board = await startModbusBoard({ path: pty.b, slave: [1, 2], log });
    const port = await openMaster();

    const reply = await exchange(port, [hexWithCrc('02050003ff00')]);

    expect(reply).toBe(hexWithCrc('02050003ff00'));
    expect(board.coilStates(2)[3]).toBe(true);
    expect(board.coilStates(1)[3]).toBe(false);
  });
});

describe('the relay board simulator on Modbus TCP', () => {
  it('answers the same functions behind an MBAP header and records the bytes', async () => {
    board = await startModbusBoard({ tcpPort: 0, slave: 1, log });
    const socket = connect(board.port!, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));

    const received: Buffer[] = [];
    socket.on('data', (d) => received.push(d));
    socket.write(Buffer.from('00070000000601050001ff00', 'hex'));
    socket.write(Buffer.from('000800000006010500090000', 'hex'));
    await new Promise((resolve) => setTimeout(resolve, ANSWER_WINDOW_MS));
    socket.destroy();

    const reply = Buffer.concat(received).toString('hex');
    expect(reply).toBe('00070000000601050001ff00' + '000800000003018502');
    expect(board.coilStates(1)[1]).toBe(true);
    expect(board.frames.map((f) => [f.transport, f.hex, f.coil, f.value])).toEqual([
      ['tcp', '00070000000601050001ff00', 1, true],
      ['tcp', '000800000006010500090000', 9, false],
    ]);
  });
});
