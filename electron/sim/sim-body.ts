// Reading a simulator's request body: bytes under a cap, and JSON that never throws.
import type { IncomingMessage } from 'node:http';

/** The body, or null when it is larger than `limit` (any honest upload is smaller). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The parsed JSON, or null when the text is not JSON. */
export function safeJson(input: Buffer | string): unknown {
  try {
    return JSON.parse(typeof input === 'string' ? input : input.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
