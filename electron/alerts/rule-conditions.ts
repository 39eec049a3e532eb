// The cap's share and the inventory limits as the rule table in force says them (the measures
// of kind 'cap' and 'inventory', resources/rules). The host hands these to SiteConditions, so
// the banner, the cap status and the inventory check read the same table as the decision.
import type { RuleBook } from '../rules/rule-table.ts';
import type { Measure } from '../rules/rule-schema.ts';
import type { ControlState, PerformanceLevel } from '../rules/decision-types.ts';
import { isStageBelow, measuresInForce } from '../rules/measures.ts';
import type { ComplianceLimitsFor, StageLimits } from '../inventory/compliance.ts';

type InventoryMeasure = Extract<Measure, { kind: 'inventory' }>;

/** The share of the baseline the table's cap admits under a control state; null: no cap. */
export function capShareFromRules(book: RuleBook, level: PerformanceLevel) {
  return (control: ControlState, at: number): number | null => {
    const table = book.versionAt(at);
    const cap = measuresInForce(table, level, control.level).find((m) => m.kind === 'cap');
    return cap && cap.kind === 'cap' ? cap.percentOfBaseline / 100 : null;
  };
}

/**
 * All-year limits are the inventory measures in force without an alert (R12: the rating's
 * criteria, a non-compliance listing); the alert's own are those that come in with an alert
 * level (R11: machinery below them must not operate while it lasts).
 */
export function complianceLimitsFromRules(book: RuleBook, now: () => number): ComplianceLimitsFor {
  return (level, alert) => {
    const table = book.versionAt(now());
    const inventory = (a: typeof alert) => measuresInForce(table, level, a)
      .filter((m): m is InventoryMeasure => m.kind === 'inventory');

    return {
      allYear: strictest(inventory('none')),
      underAlert: alert === 'none' ? null
        : strictest(inventory(alert).filter((m) => m.from !== 'none')),
    };
  };
}

function strictest(measures: readonly InventoryMeasure[]): StageLimits {
  let inPlant: string | null = null;
  let machinery: string | null = null;
  for (const m of measures) {
    if (m.inPlantMinStage && (!inPlant || isStageBelow(inPlant, m.inPlantMinStage))) {
      inPlant = m.inPlantMinStage;
    }
    if (m.machineryMinStage && (!machinery || isStageBelow(machinery, m.machineryMinStage))) {
      machinery = m.machineryMinStage;
    }
  }
  return { inPlantMinStage: inPlant, machineryMinStage: machinery };
}
