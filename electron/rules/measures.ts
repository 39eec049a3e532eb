// The words the decision is made of: which measures are in force, whether a measure's vehicle
// class takes a vehicle, how emission stages and stage evidence compare. Pure and small, shared
// by the barrier decision and the inventory check.
import { ALERT_LEVELS, STAGE_EVIDENCE } from './decision-types.ts';
import type { AlertLevel, PerformanceLevel, VehicleFacts } from './decision-types.ts';
import { ANY_VEHICLE, type Measure, type ReasonText, type RuleTable } from './rule-schema.ts';

/**
 * A stage's place in the order of cleanliness: 国0–国六 are 0–6, electric is above them all.
 * Anything else (X, an unknown code) ranks below 国0: a stage we cannot read is never taken as
 * better than the worst (domain.md §3.6: never over-estimate).
 */
export function stageRank(stage: string): number {
  if (stage === 'D') return 7;
  if (/^[0-6]$/.test(stage)) return Number(stage);
  return -1;
}

export const isStageBelow = (stage: string, minStage: string): boolean =>
  stageRank(stage) < stageRank(minStage);

/** Evidence proves a stage unless its kind is listed as not proof; an unknown kind never does. */
export function isProof(evidence: string, notProof: readonly string[]): boolean {
  return (STAGE_EVIDENCE as readonly string[]).includes(evidence) && !notProof.includes(evidence);
}

export const alertRank = (level: AlertLevel): number => ALERT_LEVELS.indexOf(level);

/** The measures that bind an enterprise of this level under this alert, in table order. */
export function measuresInForce(
  table: RuleTable, level: PerformanceLevel, alert: AlertLevel,
): Measure[] {
  const rank = alertRank(alert);
  return table.measures.filter((m) =>
    alertRank(m.from) <= rank && (!m.levels || m.levels.includes(level)));
}

/** Whether a vehicle's GA 24.4 type falls in a class of the table ('any' takes every type). */
export function isOfClass(table: RuleTable, vehicleClass: string, v: VehicleFacts): boolean {
  if (vehicleClass === ANY_VEHICLE) return true;
  const prefixes = table.vehicleClasses[vehicleClass] ?? [];
  return prefixes.some((p) => v.vehicleType.startsWith(p));
}

/** The text of a reason, with `{name}` placeholders filled in. */
export function reasonText(
  table: RuleTable, code: string, vars: Record<string, number> = {},
): ReasonText {
  const text = table.reasons[code];
  if (!text) throw new Error(`rule table ${table.id}@${table.version} has no reason ${code}`);
  if (!Object.keys(vars).length) return text;

  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (whole, name: string) =>
    (name in vars ? String(vars[name]) : whole));
  return { zh: fill(text.zh), en: fill(text.en) };
}
