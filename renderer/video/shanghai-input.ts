// The date and time inputs of the video pages speak Beijing wall-clock time (`2026-01-15`,
// `10:00:05`), whatever zone the PC is set to; the core speaks UTC epoch milliseconds.

/** China has kept UTC+8 all year since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The instant of a Beijing date and time of day, or null when either does not parse. */
export function shanghaiDateTimeToEpoch(date: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d || !t) return null;
  const utc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]),
    Number(t[2]), Number(t[3] ?? 0));
  return utc - SHANGHAI_OFFSET_MS;
}

/** A moment as the inputs show it: `{ date: '2026-01-15', time: '10:00:05' }`. */
export function shanghaiParts(at: number): { date: string; time: string } {
  const iso = new Date(at + SHANGHAI_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}
