// Times are stored as UTC epoch milliseconds and shown as Beijing time (Asia/Shanghai), whatever
// time zone the PC itself is set to.

const TIME_ZONE = 'Asia/Shanghai';

/** China has kept UTC+8 all year since 1991: no daylight saving to account for. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** `2024/05/01 08:30:00` in Beijing time. */
export function formatDateTime(epochMs: number): string {
  return dateTime.format(epochMs);
}

/** `08:30:00` in Beijing time, for today's passages on the lane cards. */
export function formatClock(epochMs: number): string {
  return clock.format(epochMs);
}

/** The wall-clock fields a date picker shows (a dayjs value has these methods). */
export interface WallClock {
  year(): number;
  month(): number;
  date(): number;
  hour(): number;
  minute(): number;
  second(): number;
}

/**
 * The instant a picker's wall-clock fields name when read as Beijing time. The picker works in
 * the PC's zone; reading its fields instead of its instant keeps a PC set to another zone from
 * shifting the guard's search by hours.
 */
export function shanghaiWallClockToEpoch(value: WallClock): number {
  const asUtc = Date.UTC(
    value.year(), value.month(), value.date(), value.hour(), value.minute(), value.second(),
  );
  return asUtc - SHANGHAI_OFFSET_MS;
}
