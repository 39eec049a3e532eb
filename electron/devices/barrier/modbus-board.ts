// A Modbus relay board (继电器板) on a shared bus, as one lane sees it: its coils close the
// barrier controller's OPEN contact. modbus-serial does the framing and the CRC (its buffered
// RTU port assembles answers across serial chunks); the bus does the queue and the reconnects.
// Boards with inputs wired to the barrier's limit switches and loop detector are read too.
import type { Logger } from '../../log/logger.ts';
import type { ModbusBus } from './modbus-bus.ts';
import { ModbusError } from './modbus-errors.ts';

/**
 * Switching a coil OFF is idempotent, so it is tried twice: one lost frame must not leave the
 * OPEN contact held (many controllers read a held contact as "stay open"). ON is sent once:
 * a pulse is never repeated behind the guard's back.
 */
const OFF_ATTEMPTS = 2;

export interface RelayBoardOptions {
  /** How long one request may wait for its answer (the lane's configured timeoutMs). */
  timeoutMs: number;
  log: Logger;
}

/** A pulse on one coil; `holding` until its OFF is on the way. */
interface PulseInFlight {
  holding: boolean;
  done: Promise<void>;
}

export class RelayBoard {
  private readonly bus: ModbusBus;
  private readonly timeoutMs: number;
  private readonly log: Logger;
  private readonly pulses = new Map<string, PulseInFlight>();
  private readonly releases = new Set<Promise<void>>();

  constructor(bus: ModbusBus, options: RelayBoardOptions) {
    this.bus = bus;
    this.timeoutMs = options.timeoutMs;
    this.log = options.log;
  }

  async writeCoil(slave: number, coil: number, on: boolean): Promise<void> {
    const what = `write coil ${coil} ${on ? 'ON' : 'OFF'}`;
    const reply = await this.bus.request({
      slave, what, timeoutMs: this.timeoutMs,
      run: (client) => client.writeCoil(coil, on),
    });

    if (reply.address !== coil || reply.state !== on) {
      const echoed = `coil ${reply.address} ${reply.state ? 'ON' : 'OFF'}`;
      const text = `relay board slave ${slave} on ${this.bus.name} echoed ${echoed} to ${what}`;
      throw new ModbusError('reply', text);
    }
  }

  async readCoils(slave: number, coil: number, count: number): Promise<boolean[]> {
    const reply = await this.bus.request({
      slave, what: `read coils ${coil}..${coil + count - 1}`, timeoutMs: this.timeoutMs,
      run: (client) => client.readCoils(coil, count),
    });
    return reply.data.slice(0, count);
  }

  /** Discrete inputs (function 02): limit switches, loop detector, buttons. */
  async readInputs(slave: number, input: number, count: number): Promise<boolean[]> {
    const reply = await this.bus.request({
      slave, what: `read inputs ${input}..${input + count - 1}`, timeoutMs: this.timeoutMs,
      run: (client) => client.readDiscreteInputs(input, count),
    });
    return reply.data.slice(0, count);
  }

  /**
   * On → wait `ms` → off. A second pulse on a coil that is still held ON joins the first: the
   * barrier is already opening. Once the OFF is on its way the controller has had its pulse, so
   * a later open gets a pulse of its own, after that one ends. Rejects with a ModbusError when
   * the ON was not confirmed, or when the coil could not be switched back OFF.
   */
  pulse(slave: number, coil: number, ms: number): Promise<void> {
    const key = `${slave}:${coil}`;
    const running = this.pulses.get(key);
    if (running?.holding) return running.done;

    const entry: PulseInFlight = { holding: true, done: Promise.resolve() };
    const run = () => this.runPulse(slave, coil, ms, () => (entry.holding = false));
    // Started at once when the coil is idle, so its ON is queued on the bus in call order.
    const pulse = running ? running.done.catch(() => undefined).then(run) : run();
    entry.done = pulse.finally(() => {
      if (this.pulses.get(key) === entry) this.pulses.delete(key);
    });
    this.pulses.set(key, entry);
    return entry.done;
  }

  /** Waits for pulses in flight (and their OFF), so closing never leaves a relay held ON. */
  async settle(): Promise<void> {
    await Promise.allSettled([...[...this.pulses.values()].map((p) => p.done), ...this.releases]);
  }

  private async runPulse(
    slave: number, coil: number, ms: number, releasing: () => void,
  ): Promise<void> {
    try {
      await this.writeCoil(slave, coil, true);
    } catch (err) {
      // A timed-out ON may have switched the relay all the same (only the answer was lost).
      if (err instanceof ModbusError && err.failure === 'timeout') this.releaseLater(slave, coil);
      throw err;
    }

    await new Promise((resolve) => setTimeout(resolve, ms));

    releasing();
    await this.switchOff(slave, coil);
  }

  private async switchOff(slave: number, coil: number): Promise<void> {
    let last: unknown;
    for (let attempt = 1; attempt <= OFF_ATTEMPTS; attempt++) {
      try {
        await this.writeCoil(slave, coil, false);
        return;
      } catch (err) {
        last = err;
        this.log.warn({ slave, coil, attempt, err: (err as Error).message }, 'relay OFF failed');
      }
    }

    const reason = last instanceof Error ? last.message : String(last);
    const failure = last instanceof ModbusError ? last.failure : 'port';
    const text = `relay board slave ${slave} switched coil ${coil} ON but not back OFF: ${reason}`;
    throw new ModbusError(failure, text);
  }

  /** One best-effort OFF in the background, after an ON whose answer never came. */
  private releaseLater(slave: number, coil: number): void {
    const release = this.writeCoil(slave, coil, false).then(
      () => this.log.info({ slave, coil }, 'relay released after an unanswered ON'),
      (err: Error) => this.log.warn({ slave, coil, err: err.message }, 'relay release failed'),
    );
    this.releases.add(release);
    void release.finally(() => this.releases.delete(release));
  }
}
