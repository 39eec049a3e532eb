// The barrier driver as a lane uses it: open() always answers with a value, within the
// configured timeout, and the link comes back on its own once the board or the port does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BarrierConfig } from '../../config/site.ts';
import { createRootLogger, LogRing, silentLogger } from '../../log/logger.ts';
import { startModbusBoard, type ModbusBoard } from '../../sim/modbus-board.ts';
import { createPtyPair, type PtyPair } from '../../sim/pty.ts';
import { CAMERA_REPLY_OPEN_ERROR, createBarrier, type BarrierDriver } from './barrier.ts';
import { ModbusBuses } from './modbus-buses.ts';

const log = silentLogger();
const ON = '01050000ff008c3a';
const OFF = '010500000000cdca';
const TIMEOUT_MS = 300;

let dir: string;
let pty: PtyPair;
let buses: ModbusBuses;
const boards: ModbusBoard[] = [];
const drivers: BarrierDriver[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-barrier-'));
  pty = await createPtyPair(dir);
  buses = new ModbusBuses();
});

afterEach(async () => {
  for (const driver of drivers.splice(0)) await driver.close();
  for (const board of boards.splice(0)) await board.close();
  await pty.close();
  rmSync(dir, { recursive: true, force: true });
});

function rtuBarrier(slave = 1, logger = log): BarrierDriver {
  const config: BarrierConfig = {
    kind: 'modbus-rtu', path: pty.a, baudRate: 9600, slave, coil: 0,
    pulseMs: 200, timeoutMs: TIMEOUT_MS,
  };
  const driver = createBarrier(config, logger, { buses });
  drivers.push(driver);
  return driver;
}

async function boardOnPty(slave: number | number[] = 1): Promise<ModbusBoard> {
  const board = await startModbusBoard({ path: pty.b, slave, log });
  boards.push(board);
  return board;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe('a Modbus RTU barrier', () => {
  it('opens by pulsing the configured coil and logs it under "barrier"', async () => {
    const board = await boardOnPty();
    const ring = new LogRing();
    const barrier = rtuBarrier(1, createRootLogger({ ring, level: 'info' }));

    const result = await barrier.open();

    expect(result).toEqual({ ok: true });
    expect(barrier.kind).toBe('modbus-rtu');
    expect(board.frames.map((f) => f.hex)).toEqual([ON, OFF]);
    expect(ring.recent()).toContainEqual(expect.objectContaining({
      subsystem: 'barrier', msg: 'barrier opened',
    }));
  });

  it('reports a dead board within the timeout, and opens once the board is back', async () => {
    await (await boardOnPty()).close();
    const barrier = rtuBarrier();

    const failed = await timed(() => barrier.open());

    expect(failed.value).toEqual({
      ok: false,
      error:
        `relay board slave 1 did not answer within ${TIMEOUT_MS} ms on ${pty.a} (write coil 0 ON)`,
      failure: 'no-answer',
    });
    expect(failed.ms).toBeLessThan(TIMEOUT_MS + 150);

    const board = await boardOnPty();
    const reopened = await barrier.open();

    expect(reopened).toEqual({ ok: true });
    expect(board.frames.slice(-2).map((f) => f.hex)).toEqual([ON, OFF]);
    expect(board.coilStates(1)[0]).toBe(false);
  });

  it('reports a vanished port, and reopens it when it comes back (unplugged adapter)', async () => {
    await boardOnPty();
    const barrier = rtuBarrier();
    expect(await barrier.open()).toEqual({ ok: true });

    await boards.pop()!.close();
    await pty.close();
    const failed = await timed(() => barrier.open());

    expect(failed.value.ok).toBe(false);
    expect(!failed.value.ok && failed.value.error).toMatch(
      new RegExp(`^relay board port ${pty.a} could not be opened for write coil 0 ON: `),
    );
    expect(failed.ms).toBeLessThan(TIMEOUT_MS);

    pty = await createPtyPair(dir);
    const board = await boardOnPty();

    expect(await barrier.open()).toEqual({ ok: true });
    expect(board.frames.map((f) => f.hex)).toEqual([ON, OFF]);
  });

  it('lets two lanes on one RS-485 bus open at once, one frame at a time', async () => {
    const board = await startModbusBoard({ path: pty.b, slave: [1, 2], replyDelayMs: 30, log });
    boards.push(board);
    const lane1 = rtuBarrier(1);
    const lane2 = rtuBarrier(2);

    const results = await Promise.all([lane1.open(), lane2.open()]);

    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(board.frames.map((f) => [f.slave, f.value])).toEqual([
      [1, true], [2, true], [1, false], [2, false],
    ]);
    const gaps = board.frames.slice(1).map((f, i) => f.at - board.frames[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30);
  });

  it('finishes a pulse in flight before it closes, so no relay is left ON', async () => {
    const board = await boardOnPty();
    const barrier = rtuBarrier();

    const opening = barrier.open();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await barrier.close();

    expect(await opening).toEqual({ ok: true });
    expect(board.frames.map((f) => f.hex)).toEqual([ON, OFF]);
    expect(await barrier.open()).toEqual({
      ok: false, error: `barrier driver on ${pty.a} is closed`, failure: 'stopped',
    });
  });
});

describe('a Modbus TCP barrier', () => {
  it('opens, fails fast while the board is down, and opens again after it restarts', async () => {
    const first = await startModbusBoard({ tcpPort: 0, slave: 1, log });
    const port = first.port!;
    const config: BarrierConfig = {
      kind: 'modbus-tcp', host: '127.0.0.1', port, slave: 1, coil: 0,
      pulseMs: 150, timeoutMs: TIMEOUT_MS,
    };
    const barrier = createBarrier(config, log, { buses });
    drivers.push(barrier);

    expect(await barrier.open()).toEqual({ ok: true });
    expect(first.frames.map((f) => [f.transport, f.value])).toEqual([
      ['tcp', true], ['tcp', false],
    ]);
    await first.close();

    // The first open may still find the old connection (and lose it); the next one reconnects.
    const lost = await barrier.open();
    const refused = await timed(() => barrier.open());
    expect(!lost.ok && lost.error).toMatch(new RegExp(`^relay board port 127.0.0.1:${port} `));
    expect(!refused.value.ok && refused.value.error).toMatch(
      new RegExp(`^relay board port 127.0.0.1:${port} could not be opened .*ECONNREFUSED`),
    );
    expect(refused.ms).toBeLessThan(TIMEOUT_MS);

    const again = await startModbusBoard({ tcpPort: port, slave: 1, log });
    boards.push(again);
    expect(await barrier.open()).toEqual({ ok: true });
    expect(again.frames.map((f) => f.value)).toEqual([true, false]);
  });
});

describe('a camera-reply barrier', () => {
  it('says it is opened by the camera reply and never throws', async () => {
    const barrier = createBarrier({ kind: 'camera-reply' }, log);

    expect(barrier.kind).toBe('camera-reply');
    expect(await barrier.open()).toEqual({ ok: false, error: CAMERA_REPLY_OPEN_ERROR,
      failure: 'no-manual-open' });
    await barrier.close();
  });
});
