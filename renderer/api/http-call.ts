// One API call over HTTP: `POST /api/call` with `{ name, input }` and the bearer token; the
// response body is the call's Result. Failures of the network, the timeout or an unreadable body
// come back as failed Results too, so callers never need a try/catch.
import type { ErrorCode, Result } from '../../electron/api/contract.ts';

/** Long enough for a manual open (a relay pulse and its read-back), short enough for a guard. */
export const CALL_TIMEOUT_MS = 15_000;

export function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export async function postCall(
  origin: string,
  token: string | null,
  name: string,
  input: unknown,
  timeoutMs: number = CALL_TIMEOUT_MS,
): Promise<Result<unknown>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;

  try {
    const response = await fetch(`${origin}/api/call`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name, input }),
      signal: controller.signal,
    });
    const text = await response.text();
    return parseResult(text, response.status);
  } catch (err) {
    if (controller.signal.aborted) {
      return failure('timeout', `${name}: no answer within ${timeoutMs} ms`);
    }
    return failure('internal', `${name}: network error: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** The server answers every call with a Result, also on 4xx/5xx; anything else is internal. */
export function parseResult(text: string, status: number): Result<unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return failure('internal', `HTTP ${status}: the answer is not JSON`);
  }

  if (isResult(body)) return body;
  return failure('internal', `HTTP ${status}: the answer is not a Result`);
}

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  if (body.ok !== false || !('error' in body)) return false;
  const error = body.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}
