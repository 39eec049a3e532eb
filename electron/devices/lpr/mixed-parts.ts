// An incremental reader of the long-lived multipart streams cameras hold open (Hikvision
// alertStream, Dahua eventManager/snapManager attach): bytes go in as they arrive, whole parts
// come out. It gives the same parts whether the bytes come in one piece or one at a time, and
// it tolerates what firmware does: parts with or without Content-Length, boundary lines with or
// without the leading `--`, stray boundary lines with no part, LF instead of CRLF.

export interface StreamPart {
  /** Header names lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

/** A picture is a few hundred kB; a part far larger means the stream is not what we think. */
export const MAX_PART_BYTES = 8 * 1024 * 1024;

/** A header block longer than this is not one. */
const MAX_HEADER_BYTES = 8 * 1024;

type State = 'boundary' | 'headers' | 'body';

export class PartTooLargeError extends Error {
  constructor(what: string) {
    super(`${what} exceeds its limit`);
    this.name = 'PartTooLargeError';
  }
}

/** The boundary of a `multipart/x-mixed-replace; boundary=…` content type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  const m = /;\s*boundary\s*=\s*"?([^";]+)"?/i.exec(contentType ?? '');
  return m ? m[1]!.trim().replace(/^--/, '') : null;
}

export class MixedPartsReader {
  private readonly boundary: string;
  private readonly queue = new ByteQueue();
  private state: State = 'boundary';
  private headers: Record<string, string> = {};
  private length: number | null = null;
  /** Where the next search for the boundary may start (the bytes before were searched). */
  private scanFrom = 0;

  constructor(boundary: string) {
    this.boundary = boundary.replace(/^--/, '');
  }

  /** Feeds bytes; returns the parts completed by them, in order. */
  push(chunk: Buffer): StreamPart[] {
    this.queue.append(chunk);
    const parts: StreamPart[] = [];
    for (;;) {
      const progressed = this.step(parts);
      if (!progressed) return parts;
    }
  }

  /** The part in progress when the stream ended, if it is complete enough to use. */
  end(): StreamPart[] {
    if (this.state !== 'body' || this.length !== null) return [];
    const body = Buffer.from(trimLineEnd(this.queue.view()));
    this.queue.consume(this.queue.length);
    this.state = 'boundary';
    return body.length > 0 ? [{ headers: this.headers, body }] : [];
  }

  private step(parts: StreamPart[]): boolean {
    if (this.state === 'boundary') return this.readBoundaryLine();
    if (this.state === 'headers') return this.readHeaders();
    return this.readBody(parts);
  }

  /** Skips to and past the next boundary line; anything before it is preamble or noise. */
  private readBoundaryLine(): boolean {
    for (;;) {
      const view = this.queue.view();
      const eol = view.indexOf(0x0a);
      if (eol < 0) {
        if (view.length > MAX_HEADER_BYTES) this.queue.consume(view.length);
        return false;
      }
      const line = view.subarray(0, eol).toString('latin1').trim();
      this.queue.consume(eol + 1);
      if (this.isBoundaryLine(line)) {
        this.state = 'headers';
        this.headers = {};
        return true;
      }
    }
  }

  private readHeaders(): boolean {
    for (;;) {
      const view = this.queue.view();
      const eol = view.indexOf(0x0a);
      if (eol < 0) {
        if (view.length > MAX_HEADER_BYTES) throw new PartTooLargeError('part header');
        return false;
      }
      const line = view.subarray(0, eol).toString('latin1').replace(/\r$/, '');
      this.queue.consume(eol + 1);

      // A boundary where headers should be: the previous boundary line was stray.
      if (this.isBoundaryLine(line.trim())) {
        this.headers = {};
        continue;
      }
      if (line === '') {
        if (Object.keys(this.headers).length === 0) continue;
        const declared = Number(this.headers['content-length']);
        this.length = Number.isInteger(declared) && declared >= 0 ? declared : null;
        if (this.length !== null && this.length > MAX_PART_BYTES) {
          throw new PartTooLargeError('part');
        }
        this.state = 'body';
        this.scanFrom = 0;
        return true;
      }
      const colon = line.indexOf(':');
      if (colon > 0) {
        this.headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
    }
  }

  private readBody(parts: StreamPart[]): boolean {
    const view = this.queue.view();
    if (this.length !== null) {
      if (view.length < this.length) return false;
      const body = Buffer.from(view.subarray(0, this.length));
      parts.push({ headers: this.headers, body });
      this.queue.consume(this.length);
      this.state = 'boundary';
      return true;
    }

    // No length: the part ends at the line break before the next boundary line.
    const marker = Buffer.from(`\n--${this.boundary}`);
    const at = view.indexOf(marker, this.scanFrom);
    if (at < 0) {
      if (view.length > MAX_PART_BYTES) throw new PartTooLargeError('part');
      this.scanFrom = Math.max(0, view.length - marker.length);
      return false;
    }
    const body = trimLineEnd(view.subarray(0, at + 1));
    parts.push({ headers: this.headers, body: Buffer.from(body) });
    this.queue.consume(at + 1);
    this.state = 'boundary';
    return true;
  }

  private isBoundaryLine(line: string): boolean {
    const bare = line.replace(/^--/, '').replace(/--$/, '');
    return bare === this.boundary;
  }
}

/** Drops the CRLF (or LF) that separates a part's body from the next boundary line. */
function trimLineEnd(bytes: Buffer): Buffer {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end--;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  return bytes.subarray(0, end);
}

/**
 * Bytes waiting to be parsed, in one growing buffer: appending a chunk copies it once (amortised),
 * so a picture arriving one byte at a time costs its size, not its size squared.
 */
class ByteQueue {
  private store = Buffer.alloc(16 * 1024);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  /** The waiting bytes; valid until the next append. */
  view(): Buffer {
    return this.store.subarray(this.start, this.end);
  }

  append(chunk: Buffer): void {
    if (this.end + chunk.length > this.store.length) {
      const needed = this.length + chunk.length;
      const next = needed > this.store.length / 2
        ? Buffer.alloc(Math.max(needed * 2, this.store.length * 2))
        : this.store;
      this.store.copy(next, 0, this.start, this.end);
      this.end = this.length;
      this.start = 0;
      this.store = next;
    }
    chunk.copy(this.store, this.end);
    this.end += chunk.length;
  }

  consume(n: number): void {
    this.start += n;
    if (this.start >= this.end) {
      this.start = 0;
      this.end = 0;
    }
  }
}
