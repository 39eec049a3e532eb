import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from './retry-policy.ts';

describe('the retry ladder', () => {
  it('doubles from one second and settles at one minute, for ever', () => {
    const ladder = [1, 2, 3, 4, 5, 6, 7, 8, 50, 10_000].map(retryDelayMs);

    expect(FIRST_RETRY_MS).toBe(1_000);
    expect(MAX_RETRY_MS).toBe(60_000);
    expect(ladder).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000,
    ]);
  });
});
