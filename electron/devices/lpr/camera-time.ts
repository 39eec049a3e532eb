// Camera clock fields that are local wall-clock time, not UTC: Dahua's `UTC` (despite its name)
// and `AccurateTime`, Vzenith's `dec*` fields. They become UTC through the camera's time zone.

/** Gate cameras in China run on Beijing time (no daylight saving) unless configured otherwise. */
export const DEFAULT_CAMERA_ZONE = 'Asia/Shanghai';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** UTC epoch ms of a wall-clock time in an IANA zone; NaN for a zone Intl does not know. */
export function wallClockToUtc(clock: WallClock, zone: string): number {
  const asIfUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute,
    clock.second, clock.ms);
  // The zone's offset at the guessed instant, then again at the corrected one: a second pass
  // lands on the right side of a daylight-saving change in zones that have them.
  let utc = asIfUtc - offsetMs(asIfUtc, zone);
  utc = asIfUtc - offsetMs(utc, zone);
  return utc;
}

/** A "UTC" epoch (seconds) that is really local wall-clock time → true UTC epoch ms. */
export function localEpochToUtc(localEpochSeconds: number, zone: string, ms = 0): number {
  const d = new Date(localEpochSeconds * 1000 + ms);
  return wallClockToUtc({
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
  }, zone);
}

/** `2024-05-01 08:15:30.120` (or with a T) → its wall-clock fields; null when unreadable. */
export function parseWallClock(text: string | undefined): WallClock | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/
    .exec(text?.trim() ?? '');
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  return {
    year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi),
    second: Number(s), ms: frac ? Number(frac.padEnd(3, '0')) : 0,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetMs(at: number, zone: string): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day),
    Number(parts.hour), Number(parts.minute), Number(parts.second));
  return local - Math.floor(at / 1000) * 1000;
}

/** True when Intl knows the zone (a typo in the site file is caught at startup). */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
