// The buses of one process, keyed by serial device (or TCP endpoint), so lanes whose relay
// boards share an RS-485 line share one port and one request queue: two owners of one serial
// port would lock each other out and interleave frames on the wire.
import type { Logger } from '../../log/logger.ts';
import {
  ModbusBus, transportKey, type ModbusBusOptions, type ModbusTransport,
} from './modbus-bus.ts';

interface Entry {
  bus: ModbusBus;
  users: number;
}

export class ModbusBuses {
  private readonly entries = new Map<string, Entry>();
  private readonly options: ModbusBusOptions;

  /** `options` reach every bus (tests inject the port list here). */
  constructor(options: ModbusBusOptions = {}) {
    this.options = options;
  }

  /** The bus for this transport, opened lazily by its first request; release it when done. */
  acquire(transport: ModbusTransport, log: Logger): ModbusBus {
    const key = transportKey(transport);
    const entry = this.entries.get(key);
    if (entry) {
      warnOnMismatch(entry.bus.transport, transport, log);
      entry.users += 1;
      return entry.bus;
    }

    const bus = new ModbusBus(transport, log, this.options);
    this.entries.set(key, { bus, users: 1 });
    return bus;
  }

  /** Drops one user; the last one closes the port. */
  async release(bus: ModbusBus): Promise<void> {
    const key = transportKey(bus.transport);
    const entry = this.entries.get(key);
    if (!entry || entry.bus !== bus) return;

    entry.users -= 1;
    if (entry.users > 0) return;
    this.entries.delete(key);
    await bus.close();
  }
}

/** The process-wide registry the barrier drivers use unless given their own. */
export const sharedBuses = new ModbusBuses();

function warnOnMismatch(existing: ModbusTransport, wanted: ModbusTransport, log: Logger): void {
  if (existing.kind !== 'rtu' || wanted.kind !== 'rtu') return;
  if (existing.baudRate === wanted.baudRate) return;
  log.warn(
    { port: existing.path, baudRate: existing.baudRate, configured: wanted.baudRate },
    'two lanes configure different baud rates on one bus; the first one is used',
  );
}
