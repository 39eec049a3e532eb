// Beijing time on screen whatever the PC's zone, and picker fields read as Beijing time.
import { expect, test } from 'vitest';
import { formatDateTime, shanghaiWallClockToEpoch } from './time.ts';

const fields = (y: number, mo: number, d: number, h: number, mi: number, s: number) => ({
  year: () => y, month: () => mo, date: () => d, hour: () => h, minute: () => mi, second: () => s,
});

test('a UTC instant is shown as Beijing time', () => {
  expect(formatDateTime(Date.UTC(2024, 4, 1, 0, 30, 5))).toBe('2024/05/01 08:30:05');
});

test('08:30 picked on 1 May means 00:30 UTC, and back again', () => {
  const epoch = shanghaiWallClockToEpoch(fields(2024, 4, 1, 8, 30, 0));
  expect(epoch).toBe(Date.UTC(2024, 4, 1, 0, 30, 0));
  expect(formatDateTime(epoch)).toBe('2024/05/01 08:30:00');
});

test('just after midnight in Beijing is still the day before in UTC', () => {
  expect(shanghaiWallClockToEpoch(fields(2024, 0, 1, 0, 5, 0))).toBe(Date.UTC(2023, 11, 31, 16, 5));
});
