// A barrier controller that speaks its own serial frames instead of Modbus. Its protocol is the
// vendor's and unpublished, so the installer types the frames from the manual as hex templates
// (open, close, status, the acknowledgement) and names the checksum; this driver appends the
// checksum, sends one frame at a time and checks the answer's bytes and checksum.
import type { SerialFramesBarrierConfig } from '../../config/device-config.ts';
import type { Logger } from '../../log/logger.ts';
import { checksumLength, checksumOk, withChecksum } from '../serial/checksums.ts';
import type { ListPorts } from '../serial/adapter-watch.ts';
import { SerialLink } from '../serial/serial-link.ts';
import type { BarrierDriver, BarrierResult, BarrierStatus } from './barrier.ts';
import { failureOf } from './barrier-failure.ts';

export type GateStatus = 'open' | 'closed' | 'moving' | 'unknown';
type GateAnswer = { ok: true; status: GateStatus } | { ok: false; error: string };

export interface SerialFramesBarrier extends BarrierDriver {
  /** CLOSE for the installer's test only: lanes leave closing to the controller's loop. */
  closeForTest(): Promise<BarrierResult>;
  status(): Promise<BarrierStatus>;
  gateState(): Promise<GateAnswer>;
}

export interface SerialFramesOptions {
  listPorts?: ListPorts;
  adapterPollMs?: number;
}

export function createSerialFramesBarrier(
  config: SerialFramesBarrierConfig, log: Logger, options: SerialFramesOptions = {},
): SerialFramesBarrier {
  const link = new SerialLink({ path: config.path, serialNumber: config.serialNumber,
    baudRate: config.baudRate, log, ...options });
  const frame = (hex: string) =>
    withChecksum(Buffer.from(hex, 'hex'), config.checksum, config.checksumSkip);
  const where = { kind: config.kind, port: link.name };

  const command = async (what: 'open' | 'close', hex: string): Promise<BarrierResult> => {
    const ack = config.ackFrame ? frame(config.ackFrame) : null;
    try {
      const answer = await link.exchange({ frame: frame(hex), answerLength: ack?.length ?? 0,
        timeoutMs: config.timeoutMs });
      if (ack && !answer.equals(ack)) {
        const error = answerError(answer, config, `${what.toUpperCase()} acknowledgement`);
        log.warn({ ...where, answer: answer.toString('hex'), error }, `barrier did not ${what}`);
        return { ok: false, error, failure: 'bad-reply' };
      }
    } catch (err) {
      const error = `barrier controller on ${link.name}: ${(err as Error).message}`;
      log.warn({ ...where, error }, `barrier did not ${what}`);
      return { ok: false, error, failure: failureOf(err) };
    }

    log.info(where, what === 'open' ? 'barrier opened' : 'barrier closed by installer test');
    return { ok: true };
  };

  const gateState = async (): Promise<GateAnswer> => {
    if (!config.statusFrame || config.statusByte === undefined) {
      return { ok: false, error: 'no status frame is configured for this controller' };
    }
    try {
      const answer = await link.exchange({ frame: frame(config.statusFrame),
        answerLength: 'silence', timeoutMs: config.timeoutMs });
      const framed = checkedPrefix(answer, config);
      if (!framed) return { ok: false, error: answerError(answer, config, 'status answer') };
      return { ok: true, status: statusOf(framed, config) };
    } catch (err) {
      const error = `barrier controller on ${link.name}: ${(err as Error).message}`;
      return { ok: false, error };
    }
  };

  return {
    kind: config.kind,
    open: () => command('open', config.openFrame),

    closeForTest: () => config.closeFrame
      ? command('close', config.closeFrame)
      : Promise.resolve({ ok: false, error: 'no CLOSE frame is configured for this controller' }),

    gateState,

    // Only a controller with a status frame can be asked without moving the barrier.
    ...(config.statusFrame && { probe: async () => {
      const state = await gateState();
      return state.ok ? { ok: true as const } : state;
    } }),

    async status() {
      const state = await gateState();
      if (!state.ok) return state;
      return { ok: true, inputs: { open: state.status === 'open',
        closed: state.status === 'closed', vehicleOnLoop: null } };
    },

    close: () => link.close(),
  };
}

/**
 * The status answer's length is not configured, so it is read until the line falls silent,
 * and noise glued behind it comes along: the answer is the shortest prefix holding the status
 * byte whose checksum is right.
 */
function checkedPrefix(answer: Buffer, config: SerialFramesBarrierConfig): Buffer | null {
  const min = config.statusByte! + 1 + checksumLength(config.checksum);
  if (config.checksum === 'none') return answer.length >= min ? answer : null;
  for (let n = min; n <= answer.length; n++) {
    const prefix = answer.subarray(0, n);
    if (checksumOk(prefix, config.checksum, config.checksumSkip)) return prefix;
  }
  return null;
}

function statusOf(answer: Buffer, config: SerialFramesBarrierConfig): GateStatus {
  const byte = answer[config.statusByte!];
  if (byte === undefined) return 'unknown';
  const hex = byte.toString(16).padStart(2, '0');
  if (hex === config.statusOpen) return 'open';
  if (hex === config.statusClosed) return 'closed';
  return 'moving';
}

/** Why an answer was not the one expected: a bad checksum is line noise, anything else a NAK. */
function answerError(answer: Buffer, config: SerialFramesBarrierConfig, what: string): string {
  const hex = answer.toString('hex').replace(/(..)(?=.)/g, '$1 ');
  const n = checksumLength(config.checksum);
  if (n > 0 && answer.length > n && !checksumOk(answer, config.checksum, config.checksumSkip)) {
    return `the controller's ${what} has a bad ${config.checksum} checksum: ${hex}`;
  }
  return `the controller answered ${hex || 'nothing'} instead of its ${what}`;
}
