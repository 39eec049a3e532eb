// Reading a push body under a byte cap. Cameras send ~170 kB; anything far larger is a
// misconfigured device or an attack, and must be refused before it is held in memory.

export class BodyTooLargeError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`body exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
  }
}

export type ByteSource = AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>;

/** Passes chunks through and throws BodyTooLargeError as soon as the total passes the cap. */
export async function* capBytes(source: ByteSource, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw new BodyTooLargeError(maxBytes);
    yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  }
}

/** The whole body as one buffer, or BodyTooLargeError past the cap. */
export async function readCapped(source: ByteSource, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of capBytes(source, maxBytes)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
