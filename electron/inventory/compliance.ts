// The inventory check (R11, R12): in-plant vehicles and machinery below the stage the plant's
// rating requires are listed as non-compliant all year, and machinery below the stage the alert
// in force allows must not operate. A ledger check, never a barrier decision. The limits come
// from the rule table (`inventoryLimits` in electron/rules/inventory-limits.ts); until the host
// wires them, DEFAULT_COMPLIANCE_LIMITS holds domain.md's values.
import type { ComplianceView } from '../api/contract.ts';
import type { AlertLevel, PerformanceLevel } from '../rules/decision-types.ts';
import { isStageBelow } from '../rules/measures.ts';
import type { InPlantVehicle, Machinery } from './inventory.ts';

export interface StageLimits {
  inPlantMinStage: string | null;
  machineryMinStage: string | null;
}

export interface ComplianceLimits {
  /** R12: the rating criteria, in force all year. */
  allYear: StageLimits;
  /** R11: the limits under the alert in force; null outside alerts. */
  underAlert: StageLimits | null;
}

export type ComplianceLimitsFor = (level: PerformanceLevel, alert: AlertLevel) =>
  ComplianceLimits;

/** A/B rating criteria (domain.md §3.3): in-plant vehicles China V+, machinery stage III+. */
const AB_LIMITS: StageLimits = { inPlantMinStage: '5', machineryMinStage: '3' };
const NO_LIMITS: StageLimits = { inPlantMinStage: null, machineryMinStage: null };

/** Orange city measures (Tangshan, Mianyang): no 国II-and-below machinery operates; red too. */
const ORANGE_UP_LIMITS: StageLimits = { inPlantMinStage: null, machineryMinStage: '3' };

/** domain.md's values, for a data folder without a rule table; the host passes the table's. */
export const DEFAULT_COMPLIANCE_LIMITS: ComplianceLimitsFor = (level, alert) => ({
  allYear: level === 'A' || level === 'B' ? AB_LIMITS : NO_LIMITS,
  underAlert: alert === 'orange' || alert === 'red' ? ORANGE_UP_LIMITS : null,
});

export interface InventoryContents {
  inPlant: readonly InPlantVehicle[];
  machinery: readonly Machinery[];
}

export function checkCompliance(
  inventory: InventoryContents, limits: ComplianceLimits, alert: AlertLevel,
): ComplianceView {
  const operateMin = limits.underAlert?.machineryMinStage ?? null;
  const items: ComplianceView['items'] = [];

  for (const v of inventory.inPlant) {
    if (!below(v.emissionStage, limits.allYear.inPlantMinStage)) continue;
    items.push({ kind: 'inPlant', id: v.id, code: v.registrationCode, type: v.vehicleType,
      fuel: v.fuel, emissionStage: v.emissionStage, stageEvidence: v.stageEvidence,
      issues: ['below-min-stage'] });
  }

  for (const m of inventory.machinery) {
    const issues: ComplianceView['items'][number]['issues'] = [];
    if (below(m.emissionStage, limits.allYear.machineryMinStage)) issues.push('below-min-stage');
    if (below(m.emissionStage, operateMin)) issues.push('must-not-operate');
    if (!issues.length) continue;
    items.push({ kind: 'machinery', id: m.id, code: m.envRegistrationCode, type: m.machineType,
      fuel: m.fuel, emissionStage: m.emissionStage, stageEvidence: m.stageEvidence, issues });
  }

  return {
    level: alert,
    limits: { ...limits.allYear, machineryOperateMinStage: operateMin },
    inPlantTotal: inventory.inPlant.length,
    machineryTotal: inventory.machinery.length,
    items,
  };
}

/** Electric ('D') meets every limit; 'X' (no stage) meets none. */
function below(stage: string, minStage: string | null): boolean {
  return minStage !== null && isStageBelow(stage, minStage);
}
