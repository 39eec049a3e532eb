// The shapes of the alert, cap and inventory calls (issue #5), part of the API contract.
import { z } from 'zod';

// ---- alerts, the cap, inventory (issue #5) -------------------------------------------------

export const ALERT_LEVELS = ['yellow', 'orange', 'red'] as const;
export const CONTROL_LEVELS = ['none', ...ALERT_LEVELS] as const;
/** 黄色 ↔ III级, 橙色 ↔ II级, 红色 ↔ I级. */
export const RESPONSE_LEVELS = ['III', 'II', 'I'] as const;

export const alertView = z.object({
  id: z.number(),
  level: z.enum(ALERT_LEVELS),
  response: z.enum(RESPONSE_LEVELS),
  startsAt: z.number(),
  endsAt: z.number(),
  measure: z.string(),
  source: z.enum(['manual', 'scheduled', 'platform']),
  platformId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
  cancelledAt: z.number().nullable(),
  cancelledBy: z.string().nullable(),
  status: z.enum(['scheduled', 'in-force', 'ended', 'cancelled']),
});
export type AlertView = z.infer<typeof alertView>;

/** The control state in force now, with what the Lanes banner shows of it. */
export const controlView = z.object({
  level: z.enum(CONTROL_LEVELS),
  response: z.enum(RESPONSE_LEVELS).nullable(),
  alertId: z.number().nullable(),
  measure: z.string().nullable(),
  startsAt: z.number().nullable(),
  endsAt: z.number().nullable(),
  /** The next alert to come into force, when one is scheduled. */
  next: z.object({ alertId: z.number(), level: z.enum(ALERT_LEVELS), startsAt: z.number() })
    .nullable(),
  at: z.number(),
});
export type ControlView = z.infer<typeof controlView>;

export const capStatusView = z.object({
  /** The Asia/Shanghai day counted, `yyyy-MM-dd`. */
  day: z.string(),
  level: z.enum(CONTROL_LEVELS),
  baselinePerDay: z.number().nullable(),
  /** The normal working days the baseline was taken over, newest first. */
  baselineDays: z.array(z.string()),
  baselineDaysWanted: z.number(),
  /** Inbound transport trips admitted today that count against the cap (exempt ones do not). */
  admittedToday: z.number(),
  /** Share of the baseline admitted while the cap is in force; null when no cap is. */
  capShare: z.number().nullable(),
  /** Most inbound transport passages admitted today; null when no cap is in force. */
  cap: z.number().nullable(),
  reached: z.boolean(),
});
export type CapStatusView = z.infer<typeof capStatusView>;

export const capSettingsView = z.object({
  baselineDays: z.number().int().min(1).max(30),
  /** ISO weekdays counted as working days: 1 Monday … 7 Sunday. */
  workingWeekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
});
export type CapSettingsView = z.infer<typeof capSettingsView>;

export const alertDayView = z.object({
  day: z.string(),
  level: z.enum(ALERT_LEVELS),
  trips: z.number(),
  denied: z.number(),
  overridden: z.number(),
  /** Trips allowed with an exemption: part of `trips`, outside the cap. */
  exempted: z.number(),
  baselinePerDay: z.number().nullable(),
  cap: z.number().nullable(),
  /** (baseline − trips) / baseline in percent; null without a baseline. */
  reductionPct: z.number().nullable(),
  /** Tonnes of cargo recorded on the day's visits; null when none was recorded. */
  tonnage: z.number().nullable(),
});
export type AlertDayView = z.infer<typeof alertDayView>;

const complianceItem = z.object({
  kind: z.enum(['inPlant', 'machinery']),
  id: z.number(),
  /** Registration code (in-plant) or environmental registration code (machinery). */
  code: z.string(),
  type: z.string(),
  fuel: z.string(),
  emissionStage: z.string(),
  stageEvidence: z.string(),
  issues: z.array(z.enum(['below-min-stage', 'must-not-operate'])),
});

export const complianceView = z.object({
  level: z.enum(CONTROL_LEVELS),
  /** All year (R12): below these an item is non-compliant. Under the alert (R11): machinery
   *  below `machineryOperateMinStage` must not operate. */
  limits: z.object({
    inPlantMinStage: z.string().nullable(),
    machineryMinStage: z.string().nullable(),
    machineryOperateMinStage: z.string().nullable(),
  }),
  inPlantTotal: z.number(),
  machineryTotal: z.number(),
  /** Only the items with an issue. */
  items: z.array(complianceItem),
});
export type ComplianceView = z.infer<typeof complianceView>;
