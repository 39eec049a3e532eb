// Turns what modbus-serial reports (plain objects with an errno, Errors with a modbusCode, bare
// strings in messages) into one error type with a code the driver can act on and a sentence the
// guard and the installer can read: which board, which port, what went wrong.

export type ModbusFailure =
  /** The slave did not answer in time: wrong address, cable, power, or a dead board. */
  | 'timeout'
  /** The port would not open, is gone, or failed while writing. */
  | 'port'
  /** The board answered with a Modbus exception (it is alive but refused the request). */
  | 'exception'
  /** An answer arrived with a bad CRC: noise on the line. */
  | 'crc'
  /** An answer arrived but did not fit the request. */
  | 'reply'
  /** The bus was shut down by the app. */
  | 'closed';

/** Exception codes from the Modbus application protocol, in words. */
const EXCEPTION_NAMES: Record<number, string> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'slave device failure',
  5: 'acknowledge (still working)',
  6: 'slave device busy',
  8: 'memory parity error',
  10: 'gateway path unavailable',
  11: 'gateway target did not respond',
};

export class ModbusError extends Error {
  readonly failure: ModbusFailure;
  readonly exceptionCode: number | undefined;

  constructor(failure: ModbusFailure, message: string, exceptionCode?: number) {
    super(message);
    this.name = 'ModbusError';
    this.failure = failure;
    this.exceptionCode = exceptionCode;
  }

  /** Failures after which the link is not trusted: close it and reopen. */
  get breaksLink(): boolean {
    return this.failure === 'timeout' || this.failure === 'port';
  }
}

export interface RequestContext {
  slave: number;
  /** What was asked, in words: "write coil 0 ON". */
  what: string;
  timeoutMs: number;
  /** The port's name as the installer configured it: /dev/ttyUSB0, COM3, 10.0.0.5:502. */
  port: string;
}

export function exceptionName(code: number): string {
  return EXCEPTION_NAMES[code] ?? `unknown exception`;
}

export function toModbusError(err: unknown, ctx: RequestContext): ModbusError {
  if (err instanceof ModbusError) return err;

  const { slave, what, port } = ctx;
  const board = `relay board slave ${slave}`;
  const raw = err as { errno?: unknown; modbusCode?: unknown; message?: unknown } | null;
  const message = typeof raw?.message === 'string' ? raw.message : String(err);

  if (raw?.errno === 'ETIMEDOUT') {
    return new ModbusError(
      'timeout',
      `${board} did not answer within ${ctx.timeoutMs} ms on ${port} (${what})`,
    );
  }
  if (typeof raw?.modbusCode === 'number') {
    const code = raw.modbusCode;
    const name = exceptionName(code);
    const text = `${board} on ${port} refused ${what}: ${name} (Modbus exception ${code})`;
    return new ModbusError('exception', text, code);
  }
  if (message === 'CRC error') {
    return new ModbusError('crc', `${board} on ${port} answered ${what} with a bad CRC`);
  }
  if (/^(Data length error|Unexpected data error)/.test(message)) {
    const text = `${board} on ${port} sent a reply that does not fit ${what}: ${message}`;
    return new ModbusError('reply', text);
  }
  if (message === 'Port Not Open') {
    return new ModbusError('port', `relay board port ${port} is not open (${what}, ${board})`);
  }
  const text = `relay board port ${port} failed during ${what} for slave ${slave}: ${message}`;
  return new ModbusError('port', text);
}
