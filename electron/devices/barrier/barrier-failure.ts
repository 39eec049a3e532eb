// The kind of barrier failure (api/contract/barrier-failures.ts) a driver's caught error is:
// Modbus and serial errors carry their own kind, network errors their code.
import type { BarrierFailure } from '../../api/contract/barrier-failures.ts';
import { SerialLinkError } from '../serial/serial-link.ts';
import { ModbusError } from './modbus-errors.ts';

const BY_MODBUS: Readonly<Record<ModbusError['failure'], BarrierFailure>> = {
  timeout: 'no-answer', port: 'link-down', exception: 'refused', crc: 'bad-reply',
  reply: 'bad-reply', closed: 'stopped',
};

const NO_LINK = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET',
  'ENOTFOUND', 'EADDRNOTAVAIL', 'EPIPE']);

/** The kind of what a driver caught. */
export function failureOf(err: unknown): BarrierFailure {
  if (err instanceof ModbusError) return BY_MODBUS[err.failure];
  if (err instanceof SerialLinkError) return err.failure === 'port' ? 'link-down' : 'no-answer';

  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NO_LINK.has(code)) return 'link-down';
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ETIMEDOUT' || /no answer (within|in) \d+ ms|timed? ?out/i.test(message)) {
    return 'no-answer';
  }
  return 'other';
}
