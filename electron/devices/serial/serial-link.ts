// One serial port spoken to in request/answer pairs, for devices with their own frame protocols
// (barrier controllers, LED/voice boards): one exchange at a time (RS-485 is half-duplex),
// answers assembled from however many chunks the adapter delivers them in, a coalesced tail
// cut off, and a port that is reopened by the next exchange after it failed or went away.
import { SerialPort } from 'serialport';
import type { Logger } from '../../log/logger.ts';
import { findAdapter, listSystemPorts, watchAdapter, type AdapterSpec, type ListPorts } from
  './adapter-watch.ts';

/**
 * An answer of unknown length ends after this much silence. Real UARTs leave microseconds
 * between bytes, but a USB adapter hands them over in chunks up to ~16 ms apart (FTDI latency
 * timer), so a shorter wait would cut one answer in two.
 */
export const ANSWER_SILENCE_MS = 30;

/** A serial open is instant when the device exists; longer means it does not. */
const OPEN_TIMEOUT_MS = 2_000;

export interface SerialLinkOptions extends AdapterSpec {
  baudRate: number;
  log: Logger;
  listPorts?: ListPorts;
  adapterPollMs?: number;
}

export interface Exchange {
  frame: Buffer;
  /** Bytes the answer has; 'silence' when unknown; 0 when the device answers nothing. */
  answerLength: number | 'silence';
  timeoutMs: number;
}

export class SerialLinkError extends Error {
  readonly failure: 'port' | 'timeout';
  constructor(failure: 'port' | 'timeout', message: string) {
    super(message);
    this.failure = failure;
  }
}

export class SerialLink {
  readonly name: string;
  private readonly options: SerialLinkOptions;
  private port: SerialPort | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private watch: { stop(): void } | null = null;
  private closed = false;
  private onData: ((chunk: Buffer) => void) | null = null;

  constructor(options: SerialLinkOptions) {
    this.options = options;
    this.name = options.path;
  }

  /** Sends a frame when the line is free and resolves with the answer (empty when none). */
  exchange(ex: Exchange): Promise<Buffer> {
    const run = this.queue.then(() => this.run(ex));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watch?.stop();
    await this.queue;
    await this.drop();
  }

  private async run(ex: Exchange): Promise<Buffer> {
    if (this.closed) throw new SerialLinkError('port', `serial port ${this.name} is closed`);
    const port = await this.ensureOpen();

    const answer = this.collect(ex);
    try {
      await new Promise<void>((resolve, reject) => {
        port.write(ex.frame, (err) => (err ? reject(err) : port.drain(() => resolve())));
      });
    } catch (err) {
      this.onData = null;
      answer.catch(() => undefined); // the write failed: its answer's timeout is moot
      void this.drop();
      const reason = (err as Error).message;
      throw new SerialLinkError('port', `writing to ${this.name} failed: ${reason}`);
    }
    return answer;
  }

  /** Gathers the answer: by length when known, else until the line falls silent. */
  private collect(ex: Exchange): Promise<Buffer> {
    if (ex.answerLength === 0) return Promise.resolve(Buffer.alloc(0));

    return new Promise<Buffer>((resolve, reject) => {
      let got = Buffer.alloc(0);
      let silence: NodeJS.Timeout | undefined;
      const finish = (error?: SerialLinkError) => {
        clearTimeout(deadline);
        clearTimeout(silence);
        this.onData = null;
        if (error) reject(error);
        else resolve(got);
      };
      const deadline = setTimeout(() => {
        const what = got.length ? `only ${got.length} bytes` : 'nothing';
        finish(new SerialLinkError('timeout',
          `the device on ${this.name} answered ${what} within ${ex.timeoutMs} ms`));
      }, ex.timeoutMs);

      this.onData = (chunk) => {
        got = Buffer.concat([got, chunk]);
        if (typeof ex.answerLength === 'number') {
          // Bytes beyond the answer are line noise or a late echo: not the next answer's.
          if (got.length >= ex.answerLength) {
            got = got.subarray(0, ex.answerLength);
            finish();
          }
          return;
        }
        clearTimeout(silence);
        silence = setTimeout(() => finish(), ANSWER_SILENCE_MS);
      };
    });
  }

  private async ensureOpen(): Promise<SerialPort> {
    if (this.port?.isOpen) return this.port;
    await this.drop();
    this.startWatch();

    const found = await findAdapter(this.options, this.options.listPorts ?? listSystemPorts);
    if (!found.present) throw new SerialLinkError('port', found.reason);

    const port = new SerialPort({ path: found.path, baudRate: this.options.baudRate,
      autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer in ${OPEN_TIMEOUT_MS} ms`)),
          OPEN_TIMEOUT_MS);
        port.open((err) => {
          clearTimeout(timer);
          if (err) reject(err);
          else resolve();
        });
      });
    } catch (err) {
      throw new SerialLinkError('port',
        `serial port ${found.path} could not be opened: ${(err as Error).message}`);
    }

    port.on('data', (chunk: Buffer) => this.onData?.(chunk));
    port.on('error', (err) => this.lost(port, `port error: ${err.message}`));
    port.on('close', () => this.lost(port, 'port closed'));
    this.port = port;
    this.options.log.info({ device: found.path }, 'serial port open');
    return port;
  }

  private lost(port: SerialPort, reason: string): void {
    if (this.port !== port) return;
    this.options.log.warn({ port: this.name, reason }, 'serial link dropped');
    void this.drop();
  }

  private async drop(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1_000); // a vanished port may never call back
      port.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private startWatch(): void {
    if (this.watch || this.closed) return;
    this.watch = watchAdapter({
      spec: this.options, list: this.options.listPorts ?? listSystemPorts,
      pollMs: this.options.adapterPollMs,
      onGone: (reason) => {
        this.options.log.warn({ port: this.name, reason }, 'serial adapter unplugged');
        void this.drop();
      },
      onBack: (device) => this.options.log.info({ device }, 'serial adapter plugged back in'),
    });
  }
}
