// The window check's and the export's fields as an officer fills them in: empty fields named,
// the range built from Beijing wall-clock time (an export whose To is earlier than its From ends
// the next day), then the same range rules the core applies. A problem is a Reason, worded from
// `reasons.` in the locales like the core's own refusals, and shown under its field.
import {
  exportRangeProblem, windowCheckProblem, type Reason,
} from '../../electron/api/contract.ts';
import { shanghaiDateTimeToEpoch } from './shanghai-input.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const problem = (key: string): Reason => ({ key, values: {} });

export type FieldProblems<F extends string> = Partial<Record<F, Reason>>;
type Checked<F extends string, R> =
  | { ok: true; range: R }
  | { ok: false; problems: FieldProblems<F> };

export interface WindowFields { date: string; start: string; minutes: number }

/** The window to load, or what is wrong with which field. */
export function checkWindowFields(f: WindowFields, now: number):
  Checked<'date' | 'start', { from: number; to: number }> {
  const problems: FieldProblems<'date' | 'start'> = {};
  if (!f.date) problems.date = problem('field.dateRequired');
  if (!f.start) problems.start = problem('field.timeRequired');
  if (problems.date || problems.start) return { ok: false, problems };

  const from = shanghaiDateTimeToEpoch(f.date, f.start);
  if (from === null) return { ok: false, problems: { start: problem('field.timeInvalid') } };

  const range = { from, to: from + f.minutes * MINUTE_MS };
  const refused = windowCheckProblem(range, now);
  if (refused) return { ok: false, problems: { start: refused } };
  return { ok: true, range };
}

export interface ExportFields { date: string; from: string; to: string }

/** The range to export, or what is wrong with which field; `date` is the From's day. */
export function checkExportFields(f: ExportFields, now: number):
  Checked<'from' | 'to', { from: number; to: number; nextDay: boolean }> {
  const problems: FieldProblems<'from' | 'to'> = {};
  if (!f.date) problems.from = problem('field.dateRequired');
  else if (!f.from) problems.from = problem('field.timeRequired');
  if (!f.to) problems.to = problem('field.timeRequired');
  if (problems.from || problems.to) return { ok: false, problems };

  const fromAt = shanghaiDateTimeToEpoch(f.date, f.from);
  const sameDayTo = shanghaiDateTimeToEpoch(f.date, f.to);
  if (fromAt === null) return { ok: false, problems: { from: problem('field.timeInvalid') } };
  if (sameDayTo === null) return { ok: false, problems: { to: problem('field.timeInvalid') } };
  if (sameDayTo === fromAt) return { ok: false, problems: { to: problem('export.sameTime') } };

  const nextDay = sameDayTo < fromAt;
  const range = { from: fromAt, to: nextDay ? sameDayTo + DAY_MS : sameDayTo, nextDay };
  const refused = exportRangeProblem(range, now);
  if (refused?.key === 'range.inFuture') return { ok: false, problems: { from: refused } };
  if (refused) return { ok: false, problems: { to: refused } };
  return { ok: true, range };
}

/** Whether the To field, as filled in, falls on the next day: earlier than the From. */
export function endsNextDay(f: ExportFields): boolean {
  const fromAt = shanghaiDateTimeToEpoch('2000-01-01', f.from);
  const toAt = shanghaiDateTimeToEpoch('2000-01-01', f.to);
  return fromAt !== null && toAt !== null && toAt < fromAt;
}
