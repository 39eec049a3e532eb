import { describe, expect, it } from 'vitest';
import { durationParts, formatDuration } from './duration.ts';

const english = (key: string, o: { n: number }) => `${o.n} ${key.split('.').at(-1)}`;

describe('a duration on the Sync page', () => {
  it('shows the two largest units that are not zero', () => {
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000 + 7_000, english)).toBe('2 h 5 m');
    expect(formatDuration(26 * 3_600_000, english)).toBe('1 d 2 h');
    expect(formatDuration(3 * 86_400_000 + 40_000, english)).toBe('3 d');
    expect(formatDuration(95_500, english)).toBe('1 m 35 s');
  });

  it('rounds down to whole seconds and ignores the sign', () => {
    expect(durationParts(999)).toEqual([{ unit: 's', n: 0 }]);
    expect(durationParts(-61_000)).toEqual([{ unit: 'm', n: 1 }, { unit: 's', n: 1 }]);
  });
});
