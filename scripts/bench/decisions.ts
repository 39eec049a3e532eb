// decisions_per_s: how many barrier decisions one core takes per second, the way the lane takes
// them: pick the rule version in force (which looks at the rule file for edits) and decide. The
// inputs are a fixed, seeded mix of vehicles, plants, alerts and counters over every shipped set.
import { resourcePath } from '../../electron/config/paths.ts';
import {
  ALERT_LEVELS, EXEMPTION_CLASSES, PERFORMANCE_LEVELS, STAGE_EVIDENCE,
  type DecisionInput, type ResponseLevel,
} from '../../electron/rules/decision-types.ts';
import { decide } from '../../electron/rules/decide.ts';
import { RuleBook } from '../../electron/rules/rule-table.ts';
import type { BenchContext, Measure, MeasureGroup } from './registry.ts';

export const DECISIONS_PER_S = 'decisions_per_s';

/** Distinct inputs, cycled: enough that no branch predictor learns the sequence. */
const INPUTS = 10_000;

/** At least this long of deciding, so timer resolution and warm-up do not show. */
const MIN_RUN_MS = 1_500;

/** Decisions before the clock starts, so the measure is of optimised code. */
const WARM_UP = 20_000;

/** Any fixed seed: the same inputs every run, so runs compare. */
const SEED = 0x5eed_0005;

export const decisions: MeasureGroup = {
  id: 'decisions',
  names: [DECISIONS_PER_S],
  run,
};

interface Job {
  book: RuleBook;
  input: DecisionInput;
}

async function run(ctx: BenchContext): Promise<Measure[]> {
  const rulesDir = resourcePath('rules');
  const setIds = new RuleBook(rulesDir).sets().map((s) => s.id);
  const books = setIds.map((setId) => new RuleBook(rulesDir, { setId }));
  const jobs = mixedJobs(books);

  let denied = 0;
  for (let i = 0; i < WARM_UP; i++) denied += decideJob(jobs[i % INPUTS]!) ? 0 : 1;

  let done = 0;
  denied = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_RUN_MS) {
    for (let i = 0; i < INPUTS; i++) denied += decideJob(jobs[i]!) ? 0 : 1;
    done += INPUTS;
    elapsed = performance.now() - started;
  }

  const perSecond = Math.round(done / (elapsed / 1000));
  ctx.note(`${done} decisions over ${setIds.length} rule sets in ${Math.round(elapsed)} ms, ` +
    `${Math.round((denied / done) * 100)} % denied`);
  return [{ name: DECISIONS_PER_S, value: perSecond, unit: 'decisions/s' }];
}

function decideJob(job: Job): boolean {
  const table = job.book.versionAt(job.input.at);
  return decide(table, job.input).decision !== 'deny';
}

/** A day's worth of gate traffic over a year of alerts, shuffled by a seeded generator. */
function mixedJobs(books: RuleBook[]): Job[] {
  const random = mulberry32(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const response: Record<string, ResponseLevel | null> = {
    none: null, yellow: 'III', orange: 'II', red: 'I',
  };
  const yearStart = Date.UTC(2024, 0, 1);

  const jobs: Job[] = [];
  for (let i = 0; i < INPUTS; i++) {
    const level = pick(ALERT_LEVELS);
    const baseline = random() < 0.1 ? null : 5 + random() * 120;
    jobs.push({ book: pick(books), input: {
      at: yearStart + Math.floor(random() * 365 * 86_400_000),
      enterprise: { region: '410100', industry: 'cement',
        performanceLevel: pick(PERFORMANCE_LEVELS) },
      control: { level, response: response[level]!, alertId: level === 'none' ? null : 1 },
      vehicle: random() < 0.05 ? null : {
        category: 'transport',
        vehicleType: pick(['H11', 'H11', 'Q11', 'H21', 'H31', 'K33']),
        fuel: pick(['B', 'B', 'B', 'E', 'C', 'A']),
        emissionStage: pick(['3', '4', '5', '5', '6', '6', '6', 'D']),
        stageEvidence: pick(STAGE_EVIDENCE),
        obdOnline: pick([true, true, false, null]),
        exemptionClass: random() < 0.1 ? pick(EXEMPTION_CLASSES) : null,
      },
      direction: random() < 0.5 ? 'in' : 'out',
      counters: { baselinePerDay: baseline,
        admittedToday: Math.floor(random() * (baseline ?? 60)) },
    } });
  }
  return jobs;
}

/** A small seeded generator (Mulberry32): uniform in [0, 1), the same sequence per seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
