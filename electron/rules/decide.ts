// The lane decision: a pure function of the rule table, the enterprise and the vehicle.
// First matching rule wins; when none matches, the table's `otherwise` entry says why the
// vehicle is allowed. Alerts, the 50 % cap and exemptions come with issue #5.
import type { RuleEntry, RuleTable } from './rule-table.ts';

export interface VehicleFacts {
  vehicleType: string;
  fuel: string;
  emissionStage: string;
}

export interface DecisionInput {
  performanceLevel: string;
  /** Null when the plate is not in the registry. */
  vehicle: VehicleFacts | null;
}

export interface Decision {
  decision: 'allow' | 'deny' | 'allow-with-exemption';
  reasonCode: string;
  reasonZh: string;
  reasonEn: string;
  /** `<table id>@<version>`: which rules decided, kept on the passage. */
  ruleVersion: string;
  /** Control state the decision was taken under; alerts arrive with TODO(#5). */
  controlState: 'normal';
}

export function decide(table: RuleTable, input: DecisionInput): Decision {
  const rule = table.rules.find((r) => matches(r, table, input)) ?? table.otherwise;

  return {
    decision: rule.decision,
    reasonCode: rule.code,
    reasonZh: rule.zh,
    reasonEn: rule.en,
    ruleVersion: `${table.id}@${table.version}`,
    controlState: 'normal',
  };
}

function matches(rule: RuleEntry, table: RuleTable, input: DecisionInput): boolean {
  const w = rule.when;
  const v = input.vehicle;

  if (w.registered !== undefined && w.registered !== (v !== null)) return false;
  if (w.levels && !w.levels.includes(input.performanceLevel)) return false;

  const needsVehicle = w.stages || w.fuels || w.heavy !== undefined;
  if (needsVehicle && !v) return false;
  if (!v) return true;

  if (w.stages && !w.stages.includes(v.emissionStage)) return false;
  if (w.fuels && !w.fuels.includes(v.fuel)) return false;
  if (w.heavy !== undefined && w.heavy !== isHeavy(v, table)) return false;
  return true;
}

function isHeavy(v: VehicleFacts, table: RuleTable): boolean {
  return table.heavyVehicleTypePrefixes.some((p) => v.vehicleType.startsWith(p));
}
