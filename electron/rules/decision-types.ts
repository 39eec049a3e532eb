// The seam between the lane and the rules: what a decision takes and what it gives. The rule
// tables (resources/rules) say how; these types say with what. Codes are our own strings.

export const PERFORMANCE_LEVELS = ['A', 'B', 'B-', 'C', 'D', 'leading', 'unrated'] as const;
export type PerformanceLevel = (typeof PERFORMANCE_LEVELS)[number];

/** Mildest first: an alert level's rank is its index, and measures hold "from this level up". */
export const ALERT_LEVELS = ['none', 'yellow', 'orange', 'red'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
/** 黄色 ↔ III级, 橙色 ↔ II级, 红色 ↔ I级. */
export type ResponseLevel = 'III' | 'II' | 'I';

export const EXEMPTION_CLASSES = [
  'special', 'hazardous-chemicals', 'livelihood', 'export', 'emergency-rescue',
  'police-military', 'safe-production',
] as const;
export type ExemptionClass = (typeof EXEMPTION_CLASSES)[number];

/** Strongest first (domain.md §1.6.2): a kind's rank is its index. */
export const STAGE_EVIDENCE = [
  'ENV_LIST', 'NEV_PLATE', 'MODEL_CATALOGUE', 'SIBLING', 'REG_DATE', 'MANUAL',
] as const;
export type StageEvidence = (typeof STAGE_EVIDENCE)[number];

export interface EnterpriseFacts {
  region: string;
  industry: string;
  performanceLevel: PerformanceLevel;
}

/** The control state in force at the moment of the decision. */
export interface ControlState {
  level: AlertLevel;
  response: ResponseLevel | null;
  /** The alert row that set it (null when none is in force). */
  alertId: number | null;
}

export interface VehicleFacts {
  category: 'transport' | 'inPlant' | 'machinery';
  /** GA 24.4 vehicle type code, e.g. H11 (heavy truck), Q11 (heavy tractor). */
  vehicleType: string;
  /** GA 24.9 fuel code: B diesel, C electric, E natural gas, F LPG, A petrol… */
  fuel: string;
  /** '0'–'6', 'D' (electric), 'X' (machinery without stage). */
  emissionStage: string;
  stageEvidence: StageEvidence | string;
  obdOnline: boolean | null;
  exemptionClass: ExemptionClass | null;
}

/** Counters of the 50 % cap: the baseline and today's count so far (before this vehicle). */
export interface CapCounters {
  /** Mean daily inbound transport passages over the last N normal working days. */
  baselinePerDay: number | null;
  /** Inbound transport passages admitted today so far. */
  admittedToday: number;
}

export interface DecisionInput {
  /** UTC epoch milliseconds of the passage: picks the rule version in force. */
  at: number;
  enterprise: EnterpriseFacts;
  control: ControlState;
  /** Null when the plate is not in the registry. */
  vehicle: VehicleFacts | null;
  direction: 'in' | 'out';
  counters: CapCounters;
}

export interface Decision {
  decision: 'allow' | 'deny' | 'allow-with-exemption';
  reasonCode: string;
  reasonZh: string;
  reasonEn: string;
  /** `<table id>@<version>`: which rules decided, kept on the passage. */
  ruleVersion: string;
  /** The control state the decision was taken under, e.g. 'normal', 'yellow/III'. */
  controlState: string;
  /** Things the guard should see though they do not change the decision (R7, R13). */
  warnings: Array<{ code: string; zh: string; en: string }>;
  exemption: ExemptionClass | null;
}
