// A failed Result turned into an exception, for TanStack Query only: query functions must throw
// to report an error. Everything else in the renderer handles Results as values.
import type { ApiError, ErrorCode, Reason, Result } from '../../electron/api/contract.ts';

export class ApiFailure extends Error {
  readonly code: ErrorCode;
  readonly reason: Reason | undefined;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
    this.code = error.code;
    this.reason = error.reason;
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new ApiFailure(result.error);
  return result.value;
}

/** Network trouble is worth another try; a refusal by the core is not. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiFailure)) return true;
  return error.code === 'internal' || error.code === 'timeout';
}

export function errorOf(error: unknown): ApiError {
  if (error instanceof ApiFailure) {
    const { code, message, reason } = error;
    return reason ? { code, message, reason } : { code, message };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
