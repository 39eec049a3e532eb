// Which version of a rule set is in force at a moment. Versions take effect at the start of a
// calendar day in Asia/Shanghai: the version in force is the one with the latest effectiveFrom
// on or before the Shanghai date of the moment, so a version effective tomorrow does not touch
// today's decisions.
import type { RuleSet, RuleTable } from './rule-schema.ts';

/**
 * Asia/Shanghai has kept UTC+8 all year since 1991 (no daylight saving), so a Shanghai calendar
 * day is a fixed window of UTC: it starts at 16:00 UTC the day before.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** UTC epoch ms at which a Shanghai calendar date (`YYYY-MM-DD`) begins; NaN when invalid. */
export function shanghaiDayStart(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return NaN;

  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utcMidnight = Date.UTC(year, month - 1, day);
  const roundTrip = new Date(utcMidnight).toISOString().slice(0, 10);
  if (roundTrip !== date) return NaN;
  return utcMidnight - SHANGHAI_OFFSET_MS;
}

/** The Shanghai calendar date (`YYYY-MM-DD`) of a UTC epoch ms. */
export function shanghaiDate(at: number): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The version in force at `at`. A moment before the set's first version (a camera clock far
 * behind, an offline replay of an old read) gets the first version: the gate must still answer,
 * and the earliest rules are the closest to that moment.
 */
export function versionInForce(set: RuleSet, at: number): RuleTable {
  // Versions are kept newest first.
  for (const version of set.versions) {
    if (version.startsAt <= at) return version;
  }
  return set.versions[set.versions.length - 1]!;
}
