import { describe, expect, it } from 'vitest';
import { RestartLadder } from './restart-ladder.ts';

const policy = { ladderMs: [1_000, 2_000, 4_000], healthyRunMs: 60_000, limit: 5,
  windowMs: 600_000 };

describe('the restart ladder', () => {
  it('climbs on consecutive failures, stays on its top step, and drops after a healthy run', () => {
    const ladder = new RestartLadder({ ...policy, limit: 10 });
    const waits: number[] = [];
    let now = 0;
    for (let k = 0; k < 4; k++) {
      ladder.started(now);
      now += 500;
      waits.push(ladder.ended(null, now));
      now += waits.at(-1)!;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 4_000]);

    ladder.started(now);
    now += 90_000;
    expect(ladder.ended(now - 90_000, now)).toBe(1_000);
  });

  it('never starts more than the limit within the window', () => {
    const ladder = new RestartLadder(policy);
    let now = 0;
    const starts: number[] = [];
    for (let k = 0; k < 8; k++) {
      ladder.started(now);
      starts.push(now);
      const wait = ladder.ended(null, now + 10);
      now += 10 + wait;
    }

    for (let k = policy.limit; k < starts.length; k++) {
      expect(starts[k]! - starts[k - policy.limit]!).toBeGreaterThanOrEqual(policy.windowMs);
    }
  });

  it('refuses a ladder without steps', () => {
    expect(() => new RestartLadder({ ...policy, ladderMs: [] })).toThrow(/ladderMs/);
  });
});
