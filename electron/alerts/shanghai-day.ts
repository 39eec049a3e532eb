// Days as the gate counts them: Asia/Shanghai calendar days. Alerts are issued for local days,
// the cap counts local days, and a truck at 00:30 belongs to the day that just began, whatever
// time zone the PC itself is set to.

/** China Standard Time has had no daylight saving since 1991: a fixed +08:00 offset is exact. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

/** UTC epoch milliseconds of local midnight starting the Shanghai day that holds `at`. */
export function startOfShanghaiDay(at: number): number {
  return Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** `yyyy-MM-dd` of the Shanghai day that holds `at`. */
export function shanghaiDayKey(at: number): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO weekday of the Shanghai day that holds `at`: 1 Monday … 7 Sunday. */
export function shanghaiWeekday(at: number): number {
  const day = new Date(at + SHANGHAI_OFFSET_MS).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The start of every Shanghai day that [from, to) touches, oldest first. */
export function shanghaiDaysTouched(from: number, to: number): number[] {
  const days: number[] = [];
  if (to <= from) return days;

  for (let day = startOfShanghaiDay(from); day < to; day += DAY_MS) days.push(day);
  return days;
}
