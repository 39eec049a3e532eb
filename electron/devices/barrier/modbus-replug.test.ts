// A USB–RS-485 adapter pulled out and plugged back in: the port list (injected here, as
// SerialPort.list would report it) is the only reliable sign, and the adapter is matched by its
// serial number, not its name, which may change. Also replies that arrive in pieces or glued.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BarrierConfig } from '../../config/site.ts';
import { createRootLogger, LogRing, silentLogger } from '../../log/logger.ts';
import { startModbusBoard, type ModbusBoard } from '../../sim/modbus-board.ts';
import { createPtyPair, type PtyPair } from '../../sim/pty.ts';
import { findAdapter, type PortInfo } from '../serial/adapter-watch.ts';
import { createBarrier, type BarrierDriver } from './barrier.ts';
import { ModbusBuses } from './modbus-buses.ts';
import { RelayBoard } from './modbus-board.ts';
import { ModbusBus } from './modbus-bus.ts';

const log = silentLogger();
const ON = '01050000ff008c3a';
const OFF = '010500000000cdca';
const SERIAL = 'FT4XK2QJ';

const dirs: string[] = [];
const ptys: PtyPair[] = [];
const boards: ModbusBoard[] = [];
let driver: BarrierDriver | undefined;
let bus: ModbusBus | undefined;
let fake: SerialPort | undefined;

async function newPty(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-replug-'));
  dirs.push(dir);
  const pty = await createPtyPair(dir);
  ptys.push(pty);
  return pty;
}

afterEach(async () => {
  await driver?.close();
  await bus?.close();
  if (fake?.isOpen) await new Promise((resolve) => fake!.close(resolve));
  for (const board of boards.splice(0)) await board.close();
  for (const pty of ptys.splice(0)) await pty.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  driver = bus = fake = undefined;
});

describe('finding the adapter in the port list', () => {
  const ports: PortInfo[] = [
    { path: 'COM3', serialNumber: 'A10K2' },
    { path: 'COM7', serialNumber: 'ft4xk2qj' },
    { path: '/dev/ttyUSB1', pnpId: 'usb-FTDI_FT232R_USB_UART_B7Q9-if00-port0' },
  ];
  const list = async () => ports;

  it('matches the serial number whatever the port is called now', async () => {
    expect(await findAdapter({ path: 'COM3', serialNumber: SERIAL }, list))
      .toEqual({ present: true, path: 'COM7' });
    expect(await findAdapter({ path: '/dev/ttyUSB0', serialNumber: 'B7Q9' }, list))
      .toEqual({ present: true, path: '/dev/ttyUSB1' });
  });

  it('says the adapter is missing rather than opening another one', async () => {
    expect(await findAdapter({ path: 'COM7', serialNumber: 'NOPE1' }, list)).toEqual({
      present: false, reason: 'USB adapter with serial number NOPE1 is not plugged in' });
  });

  it('takes the configured name when no serial number is configured', async () => {
    expect(await findAdapter({ path: 'COM9' }, list)).toEqual({ present: true, path: 'COM9' });
  });
});

describe('a relay board adapter unplugged and plugged back in', () => {
  it('drops the link while idle, and opens again on the adapter under its new name',
    async () => {
      const first = await newPty();
      boards.push(await startModbusBoard({ path: first.b, slave: 1, log }));
      let listed: PortInfo[] = [{ path: first.a, serialNumber: SERIAL }];
      const ring = new LogRing();
      const logger = createRootLogger({ ring, level: 'debug' });
      const buses = new ModbusBuses({ listPorts: async () => listed, adapterPollMs: 50 });
      const config: BarrierConfig = { kind: 'modbus-rtu', path: '/dev/ttyUSB0', baudRate: 9600,
        serialNumber: SERIAL, slave: 1, coil: 0, pulseMs: 100, timeoutMs: 300 };
      driver = createBarrier(config, logger, { buses });

      expect(await driver.open()).toEqual({ ok: true });

      // Pulled out: the far end dies and the adapter leaves the list; no request is running.
      listed = [];
      await boards.pop()!.close();
      await first.close();
      await vi.waitFor(() => expect(ring.recent().map((l) => l.msg))
        .toContain('relay board adapter unplugged'), { timeout: 5_000, interval: 20 });
      const meanwhile = await driver.open();
      expect(meanwhile).toEqual({ ok: false, failure: 'link-down', error: 'relay board port ' +
        '/dev/ttyUSB0 could not be opened for write coil 0 ON: USB adapter with serial number ' +
        `${SERIAL} is not plugged in` });

      // Plugged back in: a new device name, the same serial number.
      const second = await newPty();
      const board = await startModbusBoard({ path: second.b, slave: 1, log });
      boards.push(board);
      listed = [{ path: second.a, serialNumber: SERIAL }];
      await vi.waitFor(() => expect(ring.recent().map((l) => l.msg))
        .toContain('relay board adapter plugged back in'), { timeout: 5_000, interval: 20 });

      expect(await driver.open()).toEqual({ ok: true });
      expect(board.frames.map((f) => f.hex)).toEqual([ON, OFF]);
    });
});

describe('replies the serial line breaks up or glues together', () => {
  /** A board that answers with pieces of its choosing; returns the requests it received. */
  async function fakeBoard(pty: PtyPair, reply: (request: Buffer) => Buffer[]): Promise<string[]> {
    const requests: string[] = [];
    fake = new SerialPort({ path: pty.b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => fake!.open((e) => (e ? reject(e) : resolve())));
    fake.on('data', (request: Buffer) => {
      requests.push(request.toString('hex'));
      reply(request).forEach((piece, i) => setTimeout(() => fake!.write(piece), i * 5));
    });
    return requests;
  }

  it('assembles an answer that arrives one byte at a time', async () => {
    const pty = await newPty();
    const requests = await fakeBoard(pty, (request) => [...request].map((b) => Buffer.from([b])));
    bus = new ModbusBus({ kind: 'rtu', path: pty.a, baudRate: 9600 }, log);

    await expect(new RelayBoard(bus, { timeoutMs: 500, log }).writeCoil(1, 0, true))
      .resolves.toBeUndefined();
    expect(requests).toEqual([ON]);
  });

  it('takes an answer glued to line noise, and the next request is answered on its own',
    async () => {
      const pty = await newPty();
      const requests = await fakeBoard(pty, (request) =>
        [Buffer.concat([request, Buffer.from([0x00])])]);
      bus = new ModbusBus({ kind: 'rtu', path: pty.a, baudRate: 9600 }, log);
      const relay = new RelayBoard(bus, { timeoutMs: 500, log });

      await expect(relay.writeCoil(1, 0, true)).resolves.toBeUndefined();
      await expect(relay.writeCoil(1, 0, false)).resolves.toBeUndefined();
      expect(requests).toEqual([ON, OFF]);
    });
});

describe("a relay board wired to the barrier's signals", () => {
  it('reads the limit switches and the loop detector from its discrete inputs', async () => {
    const pty = await newPty();
    const board = await startModbusBoard({ path: pty.b, slave: 3, log });
    boards.push(board);
    const config: BarrierConfig = { kind: 'modbus-rtu', path: pty.a, baudRate: 9600, slave: 3,
      coil: 0, pulseMs: 100, timeoutMs: 300, inputs: { openLimit: 1, closedLimit: 2, loop: 4 } };
    driver = createBarrier(config, log, { buses: new ModbusBuses() });

    board.setInput(3, 2, true);
    expect(await driver.status!()).toEqual({ ok: true,
      inputs: { open: false, closed: true, vehicleOnLoop: false } });
    board.setInput(3, 2, false);
    board.setInput(3, 1, true);
    board.setInput(3, 4, true);
    expect(await driver.status!()).toEqual({ ok: true,
      inputs: { open: true, closed: false, vehicleOnLoop: true } });

    expect(board.frames.map((f) => [f.slave, f.fn, f.input, f.count])).toEqual([
      [3, 2, 1, 4], [3, 2, 1, 4],
    ]);
  });
});
