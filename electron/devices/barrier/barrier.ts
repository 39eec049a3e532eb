// The barrier (道闸) as a lane drives it: open() pulses the controller's OPEN input and reports
// the outcome as a value, because every command's outcome must reach the guard and nothing may
// throw into the lane. Closing is the controller's job (loop detector, anti-smash): software
// never forces CLOSE onto a vehicle, so there is no close command here; close() releases the
// driver's resources.
import type { BarrierConfig } from '../../config/site.ts';
import { subsystemLogger, type Logger } from '../../log/logger.ts';
import type { ModbusTransport } from './modbus-bus.ts';
import { ModbusBuses, sharedBuses } from './modbus-buses.ts';
import { RelayBoard } from './modbus-board.ts';
import { createCameraCommandBarrier } from './camera-command.ts';
import type { LprVendorName } from '../lpr/plate-read.ts';
import type { HeartbeatOpens } from './heartbeat-opens.ts';
import { createSerialFramesBarrier } from './serial-frames.ts';
import type { BarrierFailure } from '../../api/contract/barrier-failures.ts';
import { failureOf } from './barrier-failure.ts';

/** A failure's `error` is the driver's sentence for the installer; `failure` its kind. */
export type BarrierResult = { ok: true }
  | { ok: false; error: string; failure?: BarrierFailure };

/** What the barrier's own signals say; null where the board is not wired to that signal. */
export interface BarrierInputs {
  /** Open limit switch (开到位). */
  open: boolean | null;
  /** Closed limit switch (关到位). */
  closed: boolean | null;
  /** The loop detector (地感) sees a vehicle. */
  vehicleOnLoop: boolean | null;
}

export type BarrierStatus = { ok: true; inputs: BarrierInputs } | { ok: false; error: string };

export interface BarrierDriver {
  readonly kind: string;
  /** Opens the barrier; never throws. */
  open(): Promise<BarrierResult>;
  /** Reads the barrier's signals, where the driver has them; never throws. */
  status?(): Promise<BarrierStatus>;
  /** A harmless exchange that shows the device answers (device health); never throws. */
  probe?(): Promise<BarrierResult>;
  /** Waits for a pulse in flight, then lets go of the port. */
  close(): Promise<void>;
}

export interface BarrierOptions {
  /** The buses to share ports through; the process-wide registry by default. */
  buses?: ModbusBuses;
  /**
   * A camera-reply lane whose camera runs commands from our reply to its heartbeat (Vzenith in
   * comet mode, Huaxia): manual opens wait for its next heartbeat. Without it a camera-reply
   * barrier takes no manual open.
   */
  heartbeatOpen?: { opens: HeartbeatOpens; cameraId: string; vendor: LprVendorName };
}

export const CAMERA_REPLY_OPEN_ERROR =
  "this lane's barrier is opened by the camera's reply to a push; it takes no direct command";

/** `log` is the root (or host) logger; the driver logs under the 'barrier' subsystem. */
export function createBarrier(
  config: BarrierConfig,
  log: Logger,
  options: BarrierOptions = {},
): BarrierDriver {
  const barrierLog = subsystemLogger(log, 'barrier');
  if (config.kind === 'camera-reply') return createCameraReplyBarrier(barrierLog,
    options.heartbeatOpen);
  if (config.kind === 'camera-command') return createCameraCommandBarrier(config, barrierLog);
  if (config.kind === 'serial-frames') return createSerialFramesBarrier(config, barrierLog);

  const transport: ModbusTransport = config.kind === 'modbus-rtu'
    ? { kind: 'rtu', path: config.path, baudRate: config.baudRate,
      serialNumber: config.serialNumber }
    : { kind: 'tcp', host: config.host, port: config.port };
  return createModbusBarrier(config, transport, barrierLog, options.buses ?? sharedBuses);
}

type ModbusBarrierConfig = Extract<BarrierConfig, { kind: 'modbus-rtu' | 'modbus-tcp' }>;

function createModbusBarrier(
  config: ModbusBarrierConfig,
  transport: ModbusTransport,
  log: Logger,
  buses: ModbusBuses,
): BarrierDriver {
  const bus = buses.acquire(transport, log);
  const board = new RelayBoard(bus, { timeoutMs: config.timeoutMs, log });
  const where = { kind: config.kind, port: bus.name, slave: config.slave, coil: config.coil };
  let closed = false;

  return {
    kind: config.kind,

    async open() {
      if (closed) {
        return { ok: false, error: `barrier driver on ${bus.name} is closed`, failure: 'stopped' };
      }

      const started = performance.now();
      try {
        await board.pulse(config.slave, config.coil, config.pulseMs);
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        log.warn({ ...where, error }, 'barrier did not open');
        return { ok: false, error, failure: failureOf(err) };
      }

      const ms = Math.round(performance.now() - started);
      log.info({ ...where, pulseMs: config.pulseMs, ms }, 'barrier opened');
      return { ok: true };
    },

    ...(config.inputs && { status: () => readInputs(board, config.slave, config.inputs!) }),

    // Reading the OPEN coil back changes nothing on the board, and queues behind any pulse.
    async probe() {
      if (closed) {
        return { ok: false, error: `barrier driver on ${bus.name} is closed`, failure: 'stopped' };
      }
      try {
        await board.readCoils(config.slave, config.coil, 1);
        return { ok: true };
      } catch (err) {
        return { ok: false, error: (err as Error).message, failure: failureOf(err) };
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      await board.settle();
      await buses.release(bus);
    },
  };
}

type InputMap = NonNullable<ModbusBarrierConfig['inputs']>;

/** Reads the wired inputs in one request (they sit next to each other on the board). */
async function readInputs(board: RelayBoard, slave: number, map: InputMap): Promise<BarrierStatus> {
  const wired = [map.openLimit, map.closedLimit, map.loop].filter((n) => n !== undefined);
  if (wired.length === 0) return { ok: true, inputs: { open: null, closed: null,
    vehicleOnLoop: null } };

  const first = Math.min(...wired);
  try {
    const bits = await board.readInputs(slave, first, Math.max(...wired) - first + 1);
    const at = (n: number | undefined) => (n === undefined ? null : bits[n - first] ?? null);
    return { ok: true, inputs: { open: at(map.openLimit), closed: at(map.closedLimit),
      vehicleOnLoop: at(map.loop) } };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/**
 * Vzenith and Huaxia lanes: the camera pulses its own relay when the lane's HTTP reply says
 * open. Hikvision and Dahua cameras take a direct command: the camera-command barrier. A manual
 * open reaches the camera in the reply to its next heartbeat (heartbeat-opens.ts): a Vzenith
 * camera's comet poll, a Huaxia camera's `type=heartbeat`.
 */
function createCameraReplyBarrier(
  log: Logger, heartbeatOpen?: BarrierOptions['heartbeatOpen'],
): BarrierDriver {
  return {
    kind: 'camera-reply',
    async open() {
      if (!heartbeatOpen) {
        return { ok: false, error: CAMERA_REPLY_OPEN_ERROR, failure: 'no-manual-open' };
      }

      const { opens, cameraId, vendor } = heartbeatOpen;
      const result = await opens.request(cameraId, vendor);
      const where = { kind: 'camera-reply', camera: cameraId, vendor };
      if (result.ok) log.info(where, 'barrier pulse sent in the reply to a heartbeat');
      else log.warn({ ...where, error: result.error }, 'barrier did not open');
      return result;
    },
    async close() {},
  };
}
