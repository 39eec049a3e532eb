// The barrier decision: a pure function of one rule table version and the facts of one passage.
// Every threshold and every text comes from the table; this file only says in which order the
// table is read.
//
// 1. Leaving the site is allowed. Control happens at the entry: every vehicle inside came in
//    through a decision or a guard's override, and a denied exit would trap it in the plant.
// 2. A vehicle not in the registry is denied at the entry (R1).
// 3. Every measure in force (the enterprise's level, the alert level and the ones below it)
//    judges the vehicle: it denies, waives (the vehicle's exemption class is exempt from it),
//    warns, or has nothing to say. The first denial in table order decides and names the reason.
// 4. Else, when a measure was waived, the vehicle is allowed with its exemption named (R15).
// 5. Else it is allowed, the reason named by its stage (NEV, China V/VI) or the table's default.
//
// An electric vehicle is never judged by its stage (R2); the volume measures (stop road
// transport, the cap) take it unless the table says otherwise. Because a higher alert only adds
// measures, raising the alert can never admit a vehicle a lower alert denied.
import type {
  ControlState, Decision, DecisionInput, ExemptionClass, ResponseLevel, VehicleFacts,
} from './decision-types.ts';
import {
  isOfClass, isProof, isStageBelow, measuresInForce, reasonText,
} from './measures.ts';
import { exemptionReason, type Measure, type RuleTable, type StageBan } from './rule-schema.ts';

type MeasureOf<K extends Measure['kind']> = Extract<Measure, { kind: K }>;

interface Verdict {
  kind: 'deny' | 'waive' | 'warn';
  reason: string;
  vars?: Record<string, number>;
}

interface Context {
  table: RuleTable;
  input: DecisionInput;
  vehicle: VehicleFacts;
  inForce: Measure[];
}

/** The response level that goes with each alert colour when the alert does not say. */
const RESPONSE_OF: Record<Exclude<ControlState['level'], 'none'>, ResponseLevel> = {
  yellow: 'III', orange: 'II', red: 'I',
};

/**
 * Guards the cap's floor against binary fractions (0.5 × 7.000000001): a share of a baseline is
 * a count of trucks, and a hair below a whole number must not lose one.
 */
const CAP_EPSILON = 1e-9;

export function decide(table: RuleTable, input: DecisionInput): Decision {
  const vehicle = input.vehicle;
  if (input.direction === 'out') {
    return decision(table, input, 'allow', vehicle ? 'EXIT_ALLOWED' : 'EXIT_UNREGISTERED');
  }
  if (!vehicle) return decision(table, input, 'deny', 'UNREGISTERED');

  const inForce = measuresInForce(table, input.enterprise.performanceLevel, input.control.level);
  const context: Context = { table, input, vehicle, inForce };
  const verdicts = inForce.map((m) => judge(m, context)).filter((v) => v !== null);
  const warnings = verdicts.filter((v) => v.kind === 'warn').map((v) => ({
    code: v.reason, ...reasonText(table, v.reason, v.vars),
  }));

  const denial = verdicts.find((v) => v.kind === 'deny');
  if (denial) return decision(table, input, 'deny', denial.reason, { warnings, vars: denial.vars });

  const exemption = vehicle.exemptionClass;
  if (exemption && verdicts.some((v) => v.kind === 'waive')) {
    return decision(table, input, 'allow-with-exemption', exemptionReason(exemption),
      { warnings, exemption });
  }

  const byStage = table.allowReasons.find((a) =>
    (a.stages as readonly string[]).includes(vehicle.emissionStage));
  return decision(table, input, 'allow', byStage?.reason ?? table.otherwiseReason, { warnings });
}

/** How many inbound trips a cap admits: the share of the baseline, rounded down (never over). */
export function capLimit(percentOfBaseline: number, baselinePerDay: number): number {
  return Math.floor((percentOfBaseline * baselinePerDay) / 100 + CAP_EPSILON);
}

export const ruleVersionOf = (table: RuleTable): string => `${table.id}@${table.version}`;

/** 'normal' outside alerts, else colour and response level, e.g. 'orange/II'. */
export function controlStateLabel(control: ControlState): string {
  if (control.level === 'none') return 'normal';
  return `${control.level}/${control.response ?? RESPONSE_OF[control.level]}`;
}

function judge(m: Measure, c: Context): Verdict | null {
  switch (m.kind) {
    case 'stage-ban': return judgeStageBan(m, c);
    case 'unproven-stage': return judgeEvidence(m, c);
    case 'stop-transport': return judgeStop(m, c);
    case 'cap': return judgeCap(m, c);
    case 'obd-offline': return judgeObd(m, c);
    case 'inventory': return null;
  }
}

function judgeStageBan(m: StageBan, c: Context): Verdict | null {
  if (!stageBanTakes(m, c)) return null;
  if (!isStageBelow(c.vehicle.emissionStage, m.belowStage)) return null;

  if (m.action === 'warn') return { kind: 'warn', reason: m.reason };
  return isExempt(m.exempt, c.vehicle) ? { kind: 'waive', reason: m.reason }
    : { kind: 'deny', reason: m.reason };
}

/**
 * A stage proven only weakly counts for nothing while a stage ban that would deny this vehicle
 * at a lower stage is in force (R14): the vehicle's admission leans on a stage nobody proved.
 */
function judgeEvidence(m: MeasureOf<'unproven-stage'>, c: Context): Verdict | null {
  const v = c.vehicle;
  if (v.emissionStage === 'D' || isProof(v.stageEvidence, m.notProof)) return null;

  const leansOnStage = c.inForce.some((b) => b.kind === 'stage-ban' && b.action === 'deny'
    && stageBanTakes(b, c) && !isExempt(b.exempt, v));
  return leansOnStage ? { kind: 'deny', reason: m.reason } : null;
}

function judgeStop(m: MeasureOf<'stop-transport'>, c: Context): Verdict | null {
  if (!volumeMeasureTakes(m, c)) return null;
  return isExempt(m.exempt, c.vehicle) ? { kind: 'waive', reason: m.reason }
    : { kind: 'deny', reason: m.reason };
}

/**
 * An exempt vehicle is outside the cap altogether (allowed with its exemption, so the counter
 * can leave it out); without a baseline there is nothing to take a share of, so the guard is
 * warned and the vehicle judged by the other measures.
 */
function judgeCap(m: MeasureOf<'cap'>, c: Context): Verdict | null {
  if (!volumeMeasureTakes(m, c)) return null;
  if (isExempt(m.exempt, c.vehicle)) return { kind: 'waive', reason: m.reason };

  const { baselinePerDay, admittedToday } = c.input.counters;
  if (baselinePerDay === null) return { kind: 'warn', reason: 'CAP_NO_BASELINE' };

  const limit = capLimit(m.percentOfBaseline, baselinePerDay);
  if (admittedToday < limit) return null;
  return { kind: 'deny', reason: m.reason, vars: {
    limit, percent: m.percentOfBaseline, baseline: Math.round(baselinePerDay * 10) / 10,
    admitted: admittedToday,
  } };
}

function judgeObd(m: MeasureOf<'obd-offline'>, c: Context): Verdict | null {
  const v = c.vehicle;
  if (v.obdOnline !== false || !(m.stages as readonly string[]).includes(v.emissionStage)) {
    return null;
  }
  if (!isOfClass(c.table, m.vehicles, v)) return null;
  return { kind: m.action, reason: m.reason };
}

/** Whether a stage ban takes this vehicle at some stage: its class, fuel and the plant's size. */
function stageBanTakes(m: StageBan, c: Context): boolean {
  const v = c.vehicle;
  if (v.emissionStage === 'D') return false;
  if (!isOfClass(c.table, m.vehicles, v)) return false;
  if (m.fuels && !m.fuels.includes(v.fuel)) return false;

  // A plant whose baseline is not known yet is taken as busy: the city measure binds it.
  const baseline = c.input.counters.baselinePerDay;
  return m.minBaselinePerDay === undefined || baseline === null
    || baseline >= m.minBaselinePerDay;
}

function volumeMeasureTakes(
  m: MeasureOf<'stop-transport'> | MeasureOf<'cap'>, c: Context,
): boolean {
  if (c.vehicle.emissionStage === 'D' && !m.includesNev) return false;
  return isOfClass(c.table, m.vehicles, c.vehicle);
}

function isExempt(exempt: readonly ExemptionClass[], v: VehicleFacts): boolean {
  return v.exemptionClass !== null && exempt.includes(v.exemptionClass);
}

function decision(
  table: RuleTable, input: DecisionInput, kind: Decision['decision'], code: string,
  more: { warnings?: Decision['warnings']; vars?: Record<string, number>;
    exemption?: ExemptionClass } = {},
): Decision {
  const text = reasonText(table, code, more.vars);
  return {
    decision: kind,
    reasonCode: code,
    reasonZh: text.zh,
    reasonEn: text.en,
    ruleVersion: ruleVersionOf(table),
    controlState: controlStateLabel(input.control),
    warnings: more.warnings ?? [],
    exemption: more.exemption ?? null,
  };
}
