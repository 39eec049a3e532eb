// How long an outbox row waits after a failed attempt. Retries never give up: a passage is
// evidence and the platform must get it, however long the outage.

/** The first retry comes quickly: most failures are a blip (a dropped connection, a restart). */
export const FIRST_RETRY_MS = 1_000;

/**
 * Doubling spares a platform that is struggling; the one-minute cap bounds how long a passage
 * still waits after the platform is back, so the back-fill starts within a minute of recovery.
 */
export const MAX_RETRY_MS = 60_000;

/** Delay after the `failedAttempts`-th failure in a row: 1 s, 2 s, 4 s … 60 s, 60 s … */
export function retryDelayMs(failedAttempts: number): number {
  if (failedAttempts <= 1) return FIRST_RETRY_MS;

  const doublings = Math.min(failedAttempts - 1, 30);
  return Math.min(FIRST_RETRY_MS * 2 ** doublings, MAX_RETRY_MS);
}
