// One Modbus link: an RS-485 bus behind a serial port, or one Modbus TCP connection. Every lane
// whose relay board hangs on it shares it (see modbus-buses.ts). Modbus is master/slave and
// RS-485 is half-duplex, so requests go one at a time through a promise queue: the next frame
// leaves only after the previous answer (or its timeout) and a short silence.
//
// The link heals itself: after a timeout or a port failure it is closed (a serial port can stay
// locked after a timeout otherwise), reopened in the background on a back-off ladder, and a
// request that finds it closed reopens it at once rather than waiting for the ladder. A USB
// adapter configured with its serial number is watched in the port list while idle too (see
// ../serial/adapter-watch.ts): pulled out, the link is dropped even if no close event comes;
// plugged back, under whatever name, it is reopened there at once.
import modbusSerial from 'modbus-serial';
import type { Logger } from '../../log/logger.ts';
import {
  findAdapter, listSystemPorts, watchAdapter, type ListPorts,
} from '../serial/adapter-watch.ts';
import { ModbusError, toModbusError } from './modbus-errors.ts';

// modbus-serial is CommonJS: Node's default import is its module.exports, which its typings
// describe as a namespace; `.default` points back at the class, so it works for both.
const ModbusRTU = modbusSerial.default;
export type ModbusClient = InstanceType<typeof ModbusRTU>;

export type ModbusTransport =
  | { kind: 'rtu'; path: string; baudRate: number; serialNumber?: string }
  | { kind: 'tcp'; host: string; port: number };

export interface ModbusBusOptions {
  /** The system's serial port list; tests inject one. */
  listPorts?: ListPorts;
  adapterPollMs?: number;
}

/**
 * Waits between background reopen attempts after the link failed: a replugged USB adapter is
 * back within a second; a missing one costs one log line every 30 s, never a hot loop.
 */
export const RECONNECT_LADDER_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

/**
 * A serial open is instant and a TCP connect on the gate LAN takes milliseconds: 2 s without
 * an answer means the adapter or the gateway is not there.
 */
export const OPEN_TIMEOUT_MS = 2_000;

/** ModbusRTU.close waits for the port's close callback, which a vanished port may never call. */
const CLOSE_TIMEOUT_MS = 1_000;

/**
 * modbus-serial times every request itself, but it cancels that timer without calling back
 * when a port is destroyed under a request. This second timer, a little later, makes sure no
 * lane ever waits forever for its barrier.
 */
const WATCHDOG_MARGIN_MS = 250;

/**
 * Modbus RTU: 3.5 characters of silence between frames (11 bits per character), and a fixed
 * 1.75 ms above 19200 baud. Modbus TCP needs none.
 */
export function interFrameGapMs(transport: ModbusTransport): number {
  if (transport.kind === 'tcp') return 0;
  if (transport.baudRate > 19_200) return 1.75;
  return (3.5 * 11 * 1000) / transport.baudRate;
}

/** Buses are shared by this key: one serial device, or one TCP endpoint. */
export function transportKey(transport: ModbusTransport): string {
  return transport.kind === 'rtu' ? transport.path : `tcp:${transport.host}:${transport.port}`;
}

/** The name an installer recognises, used in every message about this link. */
export function transportName(transport: ModbusTransport): string {
  return transport.kind === 'rtu' ? transport.path : `${transport.host}:${transport.port}`;
}

export interface ModbusRequest<T> {
  slave: number;
  timeoutMs: number;
  /** What is asked, in words, for messages: "write coil 0 ON". */
  what: string;
  run(client: ModbusClient): Promise<T>;
}

export class ModbusBus {
  readonly transport: ModbusTransport;
  readonly name: string;
  private readonly log: Logger;
  private client: ModbusClient | null = null;
  private queue: Promise<void> = Promise.resolve();
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private shutDown = false;
  /** The request on the wire, failed at once if its link is dropped under it. */
  private inFlight: { client: ModbusClient; fail(reason: unknown): void } | null = null;
  private readonly listPorts: ListPorts;
  private readonly adapterPollMs: number | undefined;
  private watch: { stop(): void } | null = null;

  constructor(transport: ModbusTransport, log: Logger, options: ModbusBusOptions = {}) {
    this.transport = transport;
    this.name = transportName(transport);
    this.log = log.child({ port: this.name });
    this.listPorts = options.listPorts ?? listSystemPorts;
    this.adapterPollMs = options.adapterPollMs;
  }

  /** Runs one request when the bus is free; rejects with a ModbusError. */
  request<T>(request: ModbusRequest<T>): Promise<T> {
    const result = this.queue.then(() => this.transact(request));
    const gap = interFrameGapMs(this.transport);
    const silence = () => new Promise<void>((resolve) => setTimeout(resolve, gap));
    this.queue = result.then(silence, silence);
    return result;
  }

  /** Lets the queued requests finish, then closes the link for good. */
  async close(): Promise<void> {
    this.shutDown = true;
    clearTimeout(this.reconnectTimer);
    this.watch?.stop();
    await this.queue;

    const client = this.client;
    this.client = null;
    if (client) await closeClient(client, this.transport);
  }

  private async transact<T>(request: ModbusRequest<T>): Promise<T> {
    if (this.shutDown) throw new ModbusError('closed', `relay board bus ${this.name} is closed`);
    const { slave, what, timeoutMs } = request;
    const ctx = { slave, what, timeoutMs, port: this.name };

    const client = await this.ensureOpen(what);
    client.setID(request.slave);
    client.setTimeout(request.timeoutMs);

    const running = request.run(client);
    running.catch(() => undefined); // once the link is dropped, a late failure is moot
    let watchdog: NodeJS.Timeout | undefined;
    const dropped = new Promise<never>((_, reject) => {
      this.inFlight = { client, fail: reject };
      const timedOut = () => reject({ errno: 'ETIMEDOUT' });
      watchdog = setTimeout(timedOut, request.timeoutMs + WATCHDOG_MARGIN_MS);
    });

    try {
      const value = await Promise.race([running, dropped]);
      this.failures = 0;
      return value;
    } catch (err) {
      const error = toModbusError(err, ctx);
      if (error.breaksLink) this.dropLink(client, error.message);
      throw error;
    } finally {
      clearTimeout(watchdog);
      this.inFlight = null;
    }
  }

  private async ensureOpen(what: string): Promise<ModbusClient> {
    if (this.client?.isOpen) return this.client;

    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (this.client) this.dropLink(this.client, 'found closed', false);

    try {
      return await this.open();
    } catch (err) {
      this.scheduleReconnect();
      const reason = (err as Error).message;
      const text = `relay board port ${this.name} could not be opened for ${what}: ${reason}`;
      throw new ModbusError('port', text);
    }
  }

  private async open(): Promise<ModbusClient> {
    const client = new ModbusRTU();
    client.on('error', (err) => this.dropLink(client, `port error: ${(err as Error).message}`));
    client.on('close', () => this.dropLink(client, 'port closed'));

    const t = this.transport;
    let path = '';
    if (t.kind === 'rtu') {
      this.startWatch(t);
      const found = await findAdapter(t, this.listPorts);
      if (!found.present) throw new Error(found.reason);
      path = found.path;
    }
    const connecting = t.kind === 'rtu'
      ? client.connectRTUBuffered(path, { baudRate: t.baudRate })
      : client.connectTCP(t.host, { port: t.port });
    connecting.catch(() => undefined); // once the open timed out, its late failure is moot
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      const fail = () => reject(new Error(`no answer in ${OPEN_TIMEOUT_MS} ms`));
      timer = setTimeout(fail, OPEN_TIMEOUT_MS);
    });

    try {
      await Promise.race([connecting, timeout]);
    } catch (err) {
      void closeClient(client, this.transport);
      throw err;
    } finally {
      clearTimeout(timer);
    }

    this.client = client;
    this.log.info(t.kind === 'rtu' ? { device: path } : {}, 'relay board port open');
    return client;
  }

  /** Watches the USB adapter (when its serial number is known) from the first open on. */
  private startWatch(t: Extract<ModbusTransport, { kind: 'rtu' }>): void {
    if (this.watch || this.shutDown) return;
    this.watch = watchAdapter({
      spec: t, list: this.listPorts, pollMs: this.adapterPollMs,
      onGone: (reason) => {
        this.log.warn({ reason }, 'relay board adapter unplugged');
        if (this.client) this.dropLink(this.client, reason);
      },
      onBack: (device) => {
        this.log.info({ device }, 'relay board adapter plugged back in');
        clearTimeout(this.reconnectTimer);
        this.reconnectTimer = undefined;
        this.failures = 0;
        this.queue = this.queue.then(() => this.reopenInBackground());
      },
    });
  }

  /**
   * Closes the current link after it failed, fails the request on it, and lets the ladder
   * bring it back. A link already dropped (or a stale client's late event) is left alone.
   */
  private dropLink(client: ModbusClient, reason: string, reconnect = true): void {
    if (this.client !== client) return;

    this.client = null;
    if (this.inFlight?.client === client) this.inFlight.fail(new Error(reason));
    void closeClient(client, this.transport);
    this.log.warn({ reason }, 'relay board link dropped');
    if (reconnect) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.shutDown || this.reconnectTimer) return;

    const step = Math.min(this.failures, RECONNECT_LADDER_MS.length - 1);
    const delay = RECONNECT_LADDER_MS[step];
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.queue = this.queue.then(() => this.reopenInBackground());
    }, delay);
    this.reconnectTimer.unref();
  }

  private async reopenInBackground(): Promise<void> {
    if (this.shutDown || this.client?.isOpen) return;

    try {
      await this.open();
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'relay board port still not available');
      this.scheduleReconnect();
    }
  }
}

/**
 * Closes a client whatever state its port is in; never rejects, never hangs. A TCP client is
 * destroyed (ending the socket waits for a close that a dead peer never sends); a serial port
 * has no destroy and is closed.
 */
function closeClient(client: ModbusClient, transport: ModbusTransport): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      if (transport.kind === 'tcp') client.destroy(done);
      else client.close(done);
    } catch {
      done();
    }
  });
}
