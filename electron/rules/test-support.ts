// Shared by the rules tests and the decisions bench: the shipped rule sets, a fixed clock, and
// vehicles and decision inputs with everyday defaults, so each test states only what matters.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  AlertLevel, ControlState, DecisionInput, VehicleFacts,
} from './decision-types.ts';
import { parseRuleSet, type RuleSet, type RuleTable } from './rule-schema.ts';
import { versionInForce } from './rule-versions.ts';

export const RULES_DIR = fileURLToPath(new URL('../../resources/rules/', import.meta.url));

export const HENAN = 'henan-bulk-transport';
export const NATIONAL = 'national-cement';
export const STRICT_CITY = 'strict-city-cement';
export const SHIPPED_SETS = [HENAN, NATIONAL, STRICT_CITY] as const;

/** 2024-11-05 09:30 in Asia/Shanghai: a weekday morning at the gate. */
export const MORNING = Date.UTC(2024, 10, 5, 1, 30);

export function shippedSet(id: string): RuleSet {
  const file = join(RULES_DIR, `${id}.json`);
  return parseRuleSet(readFileSync(file, 'utf8'), file);
}

/** The version of a shipped set in force on the fixed morning. */
export const shippedTable = (id: string, at = MORNING): RuleTable =>
  versionInForce(shippedSet(id), at);

const RESPONSE = { none: null, yellow: 'III', orange: 'II', red: 'I' } as const;

export const alert = (level: AlertLevel): ControlState => ({
  level, response: RESPONSE[level], alertId: level === 'none' ? null : 1,
});

/** A registered China-V diesel heavy truck, its stage proven by its environmental list. */
export function truck(over: Partial<VehicleFacts> = {}): VehicleFacts {
  return {
    category: 'transport', vehicleType: 'H11', fuel: 'B', emissionStage: '5',
    stageEvidence: 'ENV_LIST', obdOnline: true, exemptionClass: null,
    ...over,
  };
}

export const electricTruck = (over: Partial<VehicleFacts> = {}): VehicleFacts =>
  truck({ fuel: 'C', emissionStage: 'D', stageEvidence: 'NEV_PLATE', ...over });

/**
 * An entry at the demo's B-level cement plant in Henan on the fixed morning, no alert, with a
 * baseline of 40 trips a day and none admitted yet.
 */
export function entry(over: Partial<DecisionInput> = {}): DecisionInput {
  return {
    at: MORNING,
    enterprise: { region: '410100', industry: 'cement', performanceLevel: 'B' },
    control: alert('none'),
    vehicle: truck(),
    direction: 'in',
    counters: { baselinePerDay: 40, admittedToday: 0 },
    ...over,
  };
}
