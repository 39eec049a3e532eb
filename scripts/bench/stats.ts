// Summary statistics of one sample of timings.

/**
 * The nearest-rank percentile: the smallest sample value with at least p % of the samples at
 * or below it. No interpolation, so a reported p99 is a latency that really happened.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of an empty sample');
  if (p <= 0 || p > 100) throw new Error(`percentile must be in (0, 100], got ${p}`);

  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}

/** Rounds to hundredths, as every measure is reported. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

