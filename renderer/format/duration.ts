// A length of time as a person reads it on the Sync page ("2 h 5 min", "2小时5分钟"): the two
// largest units that are not zero, in the reader's language.

const SECOND = 1_000;
const UNITS = [
  { key: 'd', ms: 86_400_000 },
  { key: 'h', ms: 3_600_000 },
  { key: 'm', ms: 60_000 },
  { key: 's', ms: SECOND },
] as const;

export type DurationUnit = (typeof UNITS)[number]['key'];

/** The largest non-zero unit of `ms` (whole seconds, sign ignored) and the next one if not zero. */
export function durationParts(ms: number): Array<{ unit: DurationUnit; n: number }> {
  let rest = Math.floor(Math.abs(ms) / SECOND) * SECOND;
  const counts = UNITS.map(({ key, ms: size }) => {
    const n = Math.floor(rest / size);
    rest -= n * size;
    return { unit: key, n };
  });

  const first = counts.findIndex((c) => c.n > 0);
  if (first === -1) return [{ unit: 's', n: 0 }];
  const next = counts[first + 1];
  return next && next.n > 0 ? [counts[first]!, next] : [counts[first]!];
}

/** `t` renders one unit (`sync.duration.<unit>` with `{{n}}`); parts are joined by a space. */
export function formatDuration(ms: number, t: (key: string, o: { n: number }) => string): string {
  return durationParts(ms).map((p) => t(`sync.duration.${p.unit}`, { n: p.n })).join(' ');
}
