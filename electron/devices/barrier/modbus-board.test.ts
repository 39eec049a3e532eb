// The relay board client (modbus-serial over a real socat pty, or Modbus TCP on loopback)
// against the board simulator, which records every frame it receives.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../log/logger.ts';
import { withCrc } from '../../sim/modbus-board-frame.ts';
import { startModbusBoard, type ModbusBoard } from '../../sim/modbus-board.ts';
import { createPtyPair, type PtyPair } from '../../sim/pty.ts';
import { RelayBoard } from './modbus-board.ts';
import { ModbusBus } from './modbus-bus.ts';
import { ModbusError } from './modbus-errors.ts';

const log = silentLogger();
const ON = '01050000ff008c3a';
const OFF = '010500000000cdca';

let dir: string;
let pty: PtyPair;
let board: ModbusBoard | undefined;
let bus: ModbusBus | undefined;
let fakeBoard: SerialPort | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-relay-'));
  pty = await createPtyPair(dir);
});

afterEach(async () => {
  await bus?.close();
  await board?.close();
  if (fakeBoard?.isOpen) await new Promise((resolve) => fakeBoard!.close(resolve));
  await pty.close();
  bus = board = fakeBoard = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function relayOnPty(timeoutMs = 500): RelayBoard {
  bus = new ModbusBus({ kind: 'rtu', path: pty.a, baudRate: 9600 }, log);
  return new RelayBoard(bus, { timeoutMs, log });
}

/** A board that answers every request with the given function of it: to send broken replies. */
async function startFakeBoard(reply: (request: Buffer, n: number) => Buffer): Promise<void> {
  const port = new SerialPort({ path: pty.b, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  let n = 0;
  port.on('data', (request: Buffer) => port.write(reply(request, n++)));
  fakeBoard = port;
}

describe('a relay board on a serial pty', () => {
  it('pulses the OPEN relay: coil 0 ON, held for the pulse, then OFF', async () => {
    board = await startModbusBoard({ path: pty.b, slave: 1, log });
    const relay = relayOnPty();

    await relay.pulse(1, 0, 300);

    expect(board.frames.map((f) => f.hex)).toEqual([ON, OFF]);
    const [on, off] = board.frames;
    expect(off.at - on.at).toBeGreaterThanOrEqual(300);
    expect(off.at - on.at).toBeLessThan(300 + 200);
    expect(board.coilStates(1)[0]).toBe(false);
  });

  it('joins a second pulse on a coil that is still pulsing (a double plate read)', async () => {
    board = await startModbusBoard({ path: pty.b, slave: 1, log });
    const relay = relayOnPty();

    await Promise.all([relay.pulse(1, 0, 200), relay.pulse(1, 0, 200)]);

    expect(board.frames.map((f) => f.hex)).toEqual([ON, OFF]);
  });

  it('gives an open that comes while the OFF is on its way a pulse of its own', async () => {
    board = await startModbusBoard({ path: pty.b, slave: 1, replyDelayMs: 50, log });
    const relay = relayOnPty();

    const first = relay.pulse(1, 0, 100);
    // The board answers 50 ms late, so the OFF is sent but not yet confirmed here.
    await vi.waitFor(() => expect(board!.frames.map((f) => f.hex)).toContain(OFF),
      { timeout: 2_000, interval: 1 });
    await Promise.all([first, relay.pulse(1, 0, 100)]);

    expect(board.frames.map((f) => f.hex)).toEqual([ON, OFF, ON, OFF]);
  });

  it('names the board, the port and the wait when the board does not answer', async () => {
    const relay = relayOnPty(200);
    const started = performance.now();

    const failure = await relay.writeCoil(1, 0, true).catch((e: unknown) => e);

    const elapsed = performance.now() - started;
    expect(failure).toBeInstanceOf(ModbusError);
    expect((failure as ModbusError).failure).toBe('timeout');
    expect((failure as ModbusError).message).toBe(
      `relay board slave 1 did not answer within 200 ms on ${pty.a} (write coil 0 ON)`,
    );
    expect(elapsed).toBeGreaterThanOrEqual(195);
    expect(elapsed).toBeLessThan(200 + 150);
  });

  it('decodes an exception answer into words', async () => {
    board = await startModbusBoard({ path: pty.b, slave: 1, coils: 8, log });
    const relay = relayOnPty();

    const failure = (await relay.pulse(1, 9, 100).catch((e: unknown) => e)) as ModbusError;

    expect(failure.failure).toBe('exception');
    expect(failure.exceptionCode).toBe(2);
    expect(failure.message).toBe(
      `relay board slave 1 on ${pty.a} refused write coil 9 ON: ` +
        'illegal data address (Modbus exception 2)',
    );
    expect(board.frames.map((f) => f.hex)).toEqual(['01050009ff005c38']);
  });

  it('rejects an answer with a corrupted CRC; the next good answer goes through', async () => {
    await startFakeBoard((request, n) => {
      const echo = Buffer.from(request);
      if (n === 0) echo[echo.length - 1] ^= 0xff;
      return echo;
    });
    const relay = relayOnPty();

    const failure = (await relay.writeCoil(1, 0, true).catch((e: unknown) => e)) as ModbusError;
    await relay.writeCoil(1, 0, false);

    expect(failure.failure).toBe('crc');
    expect(failure.message).toBe(
      `relay board slave 1 on ${pty.a} answered write coil 0 ON with a bad CRC`,
    );
  });

  it('rejects an answer that does not echo the coil that was written', async () => {
    await startFakeBoard(() => withCrc(Buffer.from('010500010000', 'hex')));
    const relay = relayOnPty();

    const failure = (await relay.writeCoil(1, 0, false).catch((e: unknown) => e)) as ModbusError;

    expect(failure.failure).toBe('reply');
    expect(failure.message).toMatch(/echoed coil 1 OFF to write coil 0 OFF/);
  });

  it('keeps two slaves on one bus apart: each request waits for the last answer', async () => {
    const replyDelayMs = 40;
    board = await startModbusBoard({ path: pty.b, slave: [1, 2], replyDelayMs, log });
    const lane1 = relayOnPty();
    const lane2 = new RelayBoard(bus!, { timeoutMs: 500, log });

    await Promise.all([lane1.pulse(1, 0, 100), lane2.pulse(2, 0, 100), lane2.readCoils(2, 0, 8)]);

    const frames = board.frames;
    expect(frames.every((f) => f.crcOk)).toBe(true);
    expect(frames.map((f) => [f.slave, f.fn, f.value])).toEqual([
      [1, 5, true], [2, 5, true], [2, 1, undefined], [1, 5, false], [2, 5, false],
    ]);
    for (let i = 1; i < frames.length; i++) {
      expect(frames[i].at - frames[i - 1].at).toBeGreaterThanOrEqual(replyDelayMs);
    }
  });
});

describe('a relay board on Modbus TCP', () => {
  it('pulses the same way over loopback', async () => {
    board = await startModbusBoard({ tcpPort: 0, slave: 1, log });
    bus = new ModbusBus({ kind: 'tcp', host: '127.0.0.1', port: board.port! }, log);
    const relay = new RelayBoard(bus, { timeoutMs: 500, log });

    await relay.pulse(1, 0, 250);

    const [on, off] = board.frames;
    expect(board.frames).toHaveLength(2);
    expect([on.transport, on.slave, on.fn, on.coil, on.value]).toEqual(['tcp', 1, 5, 0, true]);
    expect(on.hex.slice(4)).toBe('0000000601' + '050000ff00');
    expect(off.hex.slice(4)).toBe('0000000601' + '0500000000');
    expect(off.at - on.at).toBeGreaterThanOrEqual(250);
    expect(board.coilStates(1)[0]).toBe(false);
  });

  it('decodes an exception over TCP too', async () => {
    board = await startModbusBoard({ tcpPort: 0, slave: 1, coils: 4, log });
    bus = new ModbusBus({ kind: 'tcp', host: '127.0.0.1', port: board.port! }, log);
    const relay = new RelayBoard(bus, { timeoutMs: 500, log });

    const failure = (await relay.writeCoil(1, 4, true).catch((e: unknown) => e)) as ModbusError;

    expect(failure.exceptionCode).toBe(2);
    expect(failure.message).toBe(
      `relay board slave 1 on 127.0.0.1:${board.port} refused write coil 4 ON: ` +
        'illegal data address (Modbus exception 2)',
    );
  });
});
