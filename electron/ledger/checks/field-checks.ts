// Checks of single fields shared by the ledgers: a VIN, a date in range, a fuel code, a stage
// that agrees with the fuel and with the registration date's lower bound.
import type { FieldIssue } from '../../api/contract.ts';
import { issue } from './issues.ts';
import { normaliseVin, vinProblem } from './vin.ts';
import { gaCodes, ELECTRIC_FUEL } from './codes.ts';
import { stageLowerBound, type CutoverClass } from './stage-cutovers.ts';
import { stageRank } from '../../rules/measures.ts';

export interface Label { zh: string; en: string }

/** The earliest date a ledger accepts: nothing older is still on the road or on site. */
export const EARLIEST_DATE = '1970-01-01';

export const shanghaiDay = (at: number) =>
  new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);

export function checkRequired(field: string, value: unknown, label: Label): FieldIssue[] {
  const empty = value === null || value === undefined || value === '';
  return empty ? [issue('required', field, { label: label.zh, labelEn: label.en })] : [];
}

export function checkVin(field: string, raw: string): FieldIssue[] {
  if (raw === '') return [];

  const problem = vinProblem(normaliseVin(raw));
  if (!problem) return [];
  if (problem.kind === 'length') {
    return [issue('vin.length', field, { length: `${problem.length}` })];
  }
  if (problem.kind === 'characters') return [issue('vin.characters', field, { bad: problem.bad })];
  return [issue('vin.check-digit', field, { expected: problem.expected, found: problem.found })];
}

/** yyyy-MM-dd naming a day the calendar has (no 30 February). */
export function isCalendarDay(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** A real calendar date between EARLIEST_DATE and today (Asia/Shanghai). */
export function checkDate(field: string, value: string | null, label: Label, now: number):
FieldIssue[] {
  if (value === null || value === '') return [];

  const params = { label: label.zh, labelEn: label.en, value };
  if (!isCalendarDay(value)) return [issue('date.invalid', field, params)];

  const max = shanghaiDay(now);
  if (value < EARLIEST_DATE || value > max) {
    return [issue('date.out-of-range', field, { ...params, min: EARLIEST_DATE, max })];
  }
  return [];
}

export function checkFuel(field: string, fuel: string): FieldIssue[] {
  return Object.hasOwn(gaCodes().fuel, fuel) ? [] : [issue('fuel.unknown', field, { value: fuel })];
}

/** Electric ⇒ D, and D only for electric. */
export function checkStageFuel(stage: string, fuel: string): FieldIssue[] {
  if (fuel === ELECTRIC_FUEL && stage !== 'D') {
    return [issue('stage.electric-must-be-d', 'emissionStage', { stage })];
  }
  if (stage === 'D' && fuel !== ELECTRIC_FUEL) {
    return [issue('stage.d-needs-electric', 'emissionStage', { fuel })];
  }
  return [];
}

/**
 * The stage against what the date proves (domain.md §3.6): below the bound the record is
 * probably wrong; above it, a date alone is not enough evidence. Both only warn — the date is a
 * lower bound, and a re-registered vehicle keeps its first date.
 */
export function checkStageAgainstDate(
  stage: string, evidenceKind: string, date: string | null, cls: CutoverClass,
): FieldIssue[] {
  if (!date || stage === 'D' || stage === 'X') return [];

  const bound = stageLowerBound(date, cls);
  if (bound === null) return [];
  if (stageRank(stage) < stageRank(bound)) {
    return [issue('stage.below-registration-date', 'emissionStage', { stage, bound })];
  }
  if (evidenceKind === 'REG_DATE' && stageRank(stage) > stageRank(bound)) {
    return [issue('stage.above-date-evidence', 'emissionStage', { stage, bound })];
  }
  return [];
}

export function checkEvidence(kind: string): FieldIssue[] {
  return kind === 'MANUAL' ? [issue('stage.manual-evidence', 'stageEvidenceKind')] : [];
}
