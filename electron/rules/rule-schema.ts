// What a rule set file holds (resources/rules/*.json), validated when read. One file is one set
// (a region and an industry) with its versions; each version is a complete rule table that takes
// effect at the start of its `effectiveFrom` day in Asia/Shanghai. A table is a list of measures,
// each in force for some performance levels from some alert level up. resources/rules/README.md
// explains the format to the people who edit it.
import { z } from 'zod';
import {
  ALERT_LEVELS, EXEMPTION_CLASSES, PERFORMANCE_LEVELS, STAGE_EVIDENCE,
} from './decision-types.ts';
import { shanghaiDayStart } from './rule-versions.ts';

export const STAGE_CODES = ['0', '1', '2', '3', '4', '5', '6', 'D', 'X'] as const;

/** Reasons the decision names itself; every table must give their texts. */
export const REQUIRED_REASONS = [
  'UNREGISTERED', 'EXIT_ALLOWED', 'EXIT_UNREGISTERED', 'CAP_NO_BASELINE',
] as const;

/** The vehicle-class name that matches every vehicle type. */
export const ANY_VEHICLE = 'any';

const stageCode = z.enum(STAGE_CODES);
const reasonCode = z.string().regex(/^[A-Z0-9_]+$/);
const exemptList = z.array(z.enum(EXEMPTION_CLASSES)).default([]);

/** Fields every measure has: where it comes from, whom it binds, from which alert, and why. */
const common = {
  /** The rule of domain.md §6 it implements (R1–R15), for the people reading the file. */
  rule: z.string().optional(),
  /** Performance levels it binds; absent: every level (a city-wide measure). */
  levels: z.array(z.enum(PERFORMANCE_LEVELS)).min(1).optional(),
  /** In force at this alert level and every higher one; 'none' means all year. */
  from: z.enum(ALERT_LEVELS),
  reason: reasonCode,
};

/** Vehicles of a class (and fuel) below a stage are denied (or only warned about). */
const stageBan = z.object({
  ...common,
  kind: z.literal('stage-ban'),
  vehicles: z.string(),
  /** GA 24.9 fuel codes; absent: any fuel. Gas (E, F) listed with diesel (B) is "含燃气". */
  fuels: z.array(z.string().min(1)).min(1).optional(),
  belowStage: stageCode,
  action: z.enum(['deny', 'warn']).default('deny'),
  exempt: exemptList,
  /** Binds only enterprises whose normal-day baseline is at least this many passages (R8). */
  minBaselinePerDay: z.number().nonnegative().optional(),
});

/** A stage proven only by these evidence kinds does not count while a stage ban binds (R14). */
const unprovenStage = z.object({
  ...common,
  kind: z.literal('unproven-stage'),
  notProof: z.array(z.enum(STAGE_EVIDENCE)).min(1),
});

/** Road transport stops for a vehicle class (R6). */
const stopTransport = z.object({
  ...common,
  kind: z.literal('stop-transport'),
  vehicles: z.string(),
  includesNev: z.boolean().default(true),
  exempt: exemptList,
});

/** Inbound transport capped at a percentage of the baseline trips (R10). */
const cap = z.object({
  ...common,
  kind: z.literal('cap'),
  vehicles: z.string(),
  percentOfBaseline: z.number().min(0).max(100),
  includesNev: z.boolean().default(true),
  exempt: exemptList,
});

/** A vehicle of these stages not connected to remote emission monitoring (R13). */
const obdOffline = z.object({
  ...common,
  kind: z.literal('obd-offline'),
  vehicles: z.string(),
  stages: z.array(stageCode).min(1),
  action: z.enum(['deny', 'warn']).default('warn'),
});

/** Stage limits of the in-plant inventory (R11, R12): a ledger check, never a barrier. */
const inventory = z.object({
  ...common,
  kind: z.literal('inventory'),
  machineryMinStage: stageCode.optional(),
  inPlantMinStage: stageCode.optional(),
});

const measure = z.discriminatedUnion('kind', [
  stageBan, unprovenStage, stopTransport, cap, obdOffline, inventory,
]);

const reasonText = z.object({ zh: z.string().min(1), en: z.string().min(1) });

const versionFile = z.object({
  version: z.string().min(1),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.string().optional(),
  /** Vehicle classes by GA 24.4 vehicle-type prefix, e.g. heavyTruck: ["H1", "Q1"]. */
  vehicleClasses: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  measures: z.array(measure),
  /** Why an allowed vehicle is allowed, by its stage; the first match names the reason. */
  allowReasons: z.array(z.object({ stages: z.array(stageCode).min(1), reason: reasonCode })),
  otherwiseReason: reasonCode,
  reasons: z.record(reasonCode, reasonText),
});

const setFile = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** GB/T 2260 code: a province (410000), a city (410100), or 000000 for the national default. */
  region: z.string().regex(/^\d{6}$/),
  industry: z.string().min(1),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  versions: z.array(versionFile).min(1),
});

export type Measure = z.infer<typeof measure>;
export type StageBan = z.infer<typeof stageBan>;
export type ReasonText = z.infer<typeof reasonText>;
type VersionFile = z.infer<typeof versionFile>;

/** One version of a set: what a decision reads. `startsAt` is derived from `effectiveFrom`. */
export interface RuleTable extends VersionFile {
  id: string;
  region: string;
  industry: string;
  /** UTC epoch ms of the start of `effectiveFrom` in Asia/Shanghai. */
  startsAt: number;
}

export interface RuleSet {
  id: string;
  region: string;
  industry: string;
  name: string;
  nameEn: string;
  /** Newest first. */
  versions: RuleTable[];
}

/** Reads one rule set file's text; throws with every problem named when it is not valid. */
export function parseRuleSet(text: string, origin: string): RuleSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`rule set ${origin} is not JSON: ${(err as Error).message}`);
  }

  const parsed = setFile.safeParse(json);
  if (!parsed.success) {
    throw new Error(`rule set ${origin} is invalid: ${z.prettifyError(parsed.error)}`);
  }

  const file = parsed.data;
  const problems = file.versions.flatMap((v) => versionProblems(v).map((p) =>
    `version ${v.version}: ${p}`));
  problems.push(...duplicates(file.versions.map((v) => v.version), 'version'));
  problems.push(...duplicates(file.versions.map((v) => v.effectiveFrom), 'effectiveFrom'));
  if (problems.length) throw new Error(`rule set ${origin} is invalid: ${problems.join('; ')}`);

  const { versions, ...meta } = file;
  const tables = versions.map((v) => ({
    ...v, id: meta.id, region: meta.region, industry: meta.industry,
    startsAt: shanghaiDayStart(v.effectiveFrom),
  }));
  tables.sort((a, b) => b.startsAt - a.startsAt);
  return { ...meta, versions: tables };
}

/** The reason code an exemption class is allowed under, e.g. EXEMPT_HAZARDOUS_CHEMICALS. */
export function exemptionReason(cls: string): string {
  return `EXEMPT_${cls.toUpperCase().replaceAll('-', '_')}`;
}

function versionProblems(v: VersionFile): string[] {
  const problems: string[] = [];
  if (Number.isNaN(shanghaiDayStart(v.effectiveFrom))) {
    problems.push(`effectiveFrom ${v.effectiveFrom} is not a calendar date`);
  }

  const needed = new Set<string>([...REQUIRED_REASONS, v.otherwiseReason]);
  for (const a of v.allowReasons) needed.add(a.reason);
  for (const [i, m] of v.measures.entries()) {
    needed.add(m.reason);
    if ('exempt' in m) for (const cls of m.exempt) needed.add(exemptionReason(cls));
    if ('vehicles' in m && m.vehicles !== ANY_VEHICLE && !v.vehicleClasses[m.vehicles]) {
      problems.push(`measure ${i} names vehicle class ${m.vehicles}, which is not defined`);
    }
    if (m.kind === 'unproven-stage' && !isWeakestEvidence(m.notProof)) {
      problems.push(`measure ${i}: notProof must list the weakest evidence kinds, in a run`);
    }
    if (m.kind === 'inventory' && !m.machineryMinStage && !m.inPlantMinStage) {
      problems.push(`measure ${i}: an inventory measure sets a machinery or in-plant stage`);
    }
  }

  for (const code of needed) {
    if (!v.reasons[code]) problems.push(`reason ${code} has no text`);
  }
  return problems;
}

/**
 * Evidence that is not proof must be the weakest kinds: if a registration date is not proof, a
 * hand-typed stage cannot be. This keeps "more evidence never turns allow into deny" true of
 * every table, not only of the shipped ones.
 */
function isWeakestEvidence(notProof: readonly string[]): boolean {
  const weakest = STAGE_EVIDENCE.slice(STAGE_EVIDENCE.length - new Set(notProof).size);
  return weakest.every((kind) => notProof.includes(kind));
}

function duplicates(values: string[], what: string): string[] {
  const seen = new Set<string>();
  const twice = values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
  return [...new Set(twice)].map((v) => `${what} ${v} appears twice`);
}
