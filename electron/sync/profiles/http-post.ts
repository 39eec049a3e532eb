// One HTTP request of an HTTP profile, bounded by the delivery's timeout and stop signal. A
// transport failure comes back as a reason a person can read, never as an exception.
import type { DeliveryContext } from './profile.ts';

export interface HttpRequest {
  url: string;
  method: 'POST' | 'GET' | 'PUT';
  headers: Record<string, string>;
  /** Text (JSON) or bytes (a photo). */
  body?: string | Uint8Array<ArrayBuffer>;
}

export type HttpAnswer = { ok: true; status: number; text: string } | { ok: false; reason: string };

/** An HTTP `Date` names a whole second; the platform's reading is best taken as its middle. */
const HALF_SECOND_MS = 500;

export async function sendHttp(
  request: HttpRequest,
  ctx: Pick<DeliveryContext, 'timeoutMs' | 'signal' | 'onPlatformClock'>,
): Promise<HttpAnswer> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.timeoutMs)]),
    });
    const date = Date.parse(response.headers.get('date') ?? '');
    if (Number.isFinite(date)) ctx.onPlatformClock?.(date + HALF_SECOND_MS);
    return { ok: true, status: response.status, text: await response.text() };
  } catch (err) {
    return { ok: false, reason: describeTransportError(err, ctx.timeoutMs) };
  }
}

function describeTransportError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (e.name === 'AbortError') return 'stopped';
  return `network: ${e.cause?.code ?? e.message ?? String(err)}`;
}
