import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../log/logger.ts';
import { interFrameGapMs, ModbusBus, transportKey } from './modbus-bus.ts';
import { ModbusError } from './modbus-errors.ts';

const log = silentLogger();

describe('a Modbus bus', () => {
  it('keeps 3.5 characters of silence between RTU frames, and none on TCP', () => {
    expect(interFrameGapMs({ kind: 'rtu', path: 'COM3', baudRate: 9600 })).toBeCloseTo(4.01, 2);
    expect(interFrameGapMs({ kind: 'rtu', path: 'COM3', baudRate: 115_200 })).toBe(1.75);
    expect(interFrameGapMs({ kind: 'tcp', host: '10.0.0.5', port: 502 })).toBe(0);
  });

  it('is shared by serial device, or by TCP endpoint', () => {
    const usb = { kind: 'rtu', path: '/dev/ttyUSB0', baudRate: 9600 } as const;
    expect(transportKey(usb)).toBe('/dev/ttyUSB0');
    expect(transportKey({ kind: 'tcp', host: '10.0.0.5', port: 502 })).toBe('tcp:10.0.0.5:502');
  });

  it('gives up on a request that never calls back, so no lane waits forever', async () => {
    const server = createServer(); // accepts the connection, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const bus = new ModbusBus({ kind: 'tcp', host: '127.0.0.1', port }, log);
    const started = performance.now();

    const stuck = () => new Promise<never>(() => {});
    const failure = await bus
      .request({ slave: 1, timeoutMs: 100, what: 'a stuck request', run: stuck })
      .catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ModbusError);
    expect((failure as ModbusError).message).toBe(
      `relay board slave 1 did not answer within 100 ms on 127.0.0.1:${port} (a stuck request)`,
    );
    expect(performance.now() - started).toBeLessThan(100 + 250 + 100);
    await bus.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses requests once it is closed', async () => {
    const bus = new ModbusBus({ kind: 'tcp', host: '127.0.0.1', port: 1 }, log);
    await bus.close();

    const failure = (await bus
      .request({ slave: 1, timeoutMs: 100, what: 'write coil 0 ON', run: async () => 1 })
      .catch((e: unknown) => e)) as ModbusError;

    expect(failure.failure).toBe('closed');
    expect(failure.message).toBe('relay board bus 127.0.0.1:1 is closed');
  });
});
