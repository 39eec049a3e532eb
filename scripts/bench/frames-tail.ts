// Follows the relay-board simulator's frame record (one JSON line per received Modbus frame)
// from another process: it keeps its offset and reads only the bytes added since the last look,
// so waiting for frame 1000 costs no more than waiting for frame 1.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How often the file is looked at while waiting. The latency is taken from the frame's own
 * `at` (stamped by the simulator on arrival), so the poll only sets how soon the next push
 * can go, never what is measured.
 */
const POLL_MS = 1;

export interface BoardFrame {
  /** Epoch ms (fractional) when the frame's last byte reached the simulator. */
  at: number;
  hex: string;
}

export class FramesTail {
  private readonly file: string;
  private fd: number | null = null;
  private offset = 0;
  private partial = '';
  private readonly unread: BoardFrame[] = [];

  constructor(file: string) {
    this.file = file;
  }

  /** Waits for the next frame (in arrival order) and returns it; fails after `timeoutMs`. */
  async next(timeoutMs: number): Promise<BoardFrame> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      this.readNew();
      const frame = this.unread.shift();
      if (frame) return frame;
      if (performance.now() > deadline) {
        throw new Error(`no new frame in ${this.file} within ${timeoutMs} ms`);
      }
      await sleep(POLL_MS);
    }
  }

  /** Frames received but not taken yet. */
  pending(): number {
    this.readNew();
    return this.unread.length;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private readNew(): void {
    if (this.fd === null) this.fd = openSync(this.file, 'r');

    const size = fstatSync(this.fd).size;
    if (size <= this.offset) return;

    const chunk = Buffer.alloc(size - this.offset);
    const got = readSync(this.fd, chunk, 0, chunk.length, this.offset);
    this.offset += got;

    // A line whose newline has not been written yet waits for the next look.
    const lines = (this.partial + chunk.subarray(0, got).toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      const { at, hex } = JSON.parse(line) as BoardFrame;
      this.unread.push({ at, hex });
    }
  }
}
