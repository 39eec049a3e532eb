// Stage limits of the in-plant inventory (R11, R12): which stage an in-plant vehicle or a piece
// of non-road machinery must reach at this plant's level under this alert. No barrier reads
// these; the inventory check lists the items below them as non-compliant.
import type { AlertLevel, PerformanceLevel } from './decision-types.ts';
import { isStageBelow, measuresInForce, reasonText, stageRank } from './measures.ts';
import type { ReasonText, RuleTable } from './rule-schema.ts';

export interface StageLimit {
  minStage: string;
  reasonCode: string;
  reason: ReasonText;
}

export interface InventoryLimits {
  machineryMinStage: string | null;
  inPlantMinStage: string | null;
  /** Why each limit holds: the strictest measure in force, with its text. */
  machinery: StageLimit | null;
  inPlant: StageLimit | null;
}

export interface InventoryItem {
  category: 'inPlant' | 'machinery';
  /** '0'–'6', 'D', 'X' (machinery without a stage, which is below every limit). */
  emissionStage: string;
}

export type InventoryVerdict =
  | { compliant: true }
  | { compliant: false; minStage: string; reasonCode: string; reason: ReasonText };

/** The strictest limits in force; when two measures set the same stage, the first names it. */
export function inventoryLimits(
  table: RuleTable, level: PerformanceLevel, alert: AlertLevel,
): InventoryLimits {
  let machinery: StageLimit | null = null;
  let inPlant: StageLimit | null = null;

  for (const m of measuresInForce(table, level, alert)) {
    if (m.kind !== 'inventory') continue;
    const limit = (minStage: string) => ({ minStage, reasonCode: m.reason,
      reason: reasonText(table, m.reason) });

    if (m.machineryMinStage && isStricter(m.machineryMinStage, machinery)) {
      machinery = limit(m.machineryMinStage);
    }
    if (m.inPlantMinStage && isStricter(m.inPlantMinStage, inPlant)) {
      inPlant = limit(m.inPlantMinStage);
    }
  }

  return {
    machineryMinStage: machinery?.minStage ?? null,
    inPlantMinStage: inPlant?.minStage ?? null,
    machinery,
    inPlant,
  };
}

/** Whether one inventory item meets the limits; electric items meet every limit. */
export function checkInventoryItem(limits: InventoryLimits, item: InventoryItem): InventoryVerdict {
  const limit = item.category === 'machinery' ? limits.machinery : limits.inPlant;
  if (!limit || !isStageBelow(item.emissionStage, limit.minStage)) return { compliant: true };
  return { compliant: false, minStage: limit.minStage, reasonCode: limit.reasonCode,
    reason: limit.reason };
}

function isStricter(stage: string, current: StageLimit | null): boolean {
  return !current || stageRank(stage) > stageRank(current.minStage);
}
