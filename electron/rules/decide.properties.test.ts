// Properties every shipped rule table keeps, over random vehicles, plants, alerts and counters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALERT_LEVELS, EXEMPTION_CLASSES, PERFORMANCE_LEVELS, STAGE_EVIDENCE,
  type DecisionInput, type VehicleFacts,
} from './decision-types.ts';
import { decide } from './decide.ts';
import type { RuleTable } from './rule-schema.ts';
import { MORNING, SHIPPED_SETS, alert, shippedSet } from './test-support.ts';

const TABLES: RuleTable[] = SHIPPED_SETS.flatMap((id) => shippedSet(id).versions);

/** GA 24.4 types at a cement gate: heavy, medium and light trucks, a tractor, a car, a loader. */
const VEHICLE_TYPES = ['H11', 'H21', 'H31', 'Q11', 'K33', 'J11'];
const FUELS = ['B', 'E', 'F', 'A', 'C'];
const STAGES = ['0', '1', '2', '3', '4', '5', '6', 'D', 'X'];
/** Strongest first; a kind the registry does not know is weaker than any. */
const EVIDENCE = [...STAGE_EVIDENCE, 'UNKNOWN'];

/** Mostly what the rules are about (heavy diesel or gas trucks), some of everything else. */
const mostly = <T>(common: T[], all: T[]): fc.Arbitrary<T> => fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...common) },
  { weight: 1, arbitrary: fc.constantFrom(...all) },
);

const vehicle: fc.Arbitrary<VehicleFacts> = fc.record({
  category: fc.constant('transport' as const),
  vehicleType: mostly(['H11', 'Q11'], VEHICLE_TYPES),
  fuel: mostly(['B', 'E'], FUELS),
  emissionStage: mostly(['4', '5', '6'], STAGES),
  stageEvidence: fc.constantFrom(...EVIDENCE),
  obdOnline: fc.constantFrom(true, false, null),
  exemptionClass: fc.constantFrom(null, ...EXEMPTION_CLASSES),
});

/** Counters of a day, as often under the cap as over it. */
const counters = fc.record({
  baselinePerDay: fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: null }),
  admittedToday: fc.oneof(fc.nat(20), fc.nat(300)),
});

const passage: fc.Arbitrary<DecisionInput> = fc.record({
  at: fc.constant(MORNING),
  enterprise: fc.record({
    region: fc.constant('410100'), industry: fc.constant('cement'),
    performanceLevel: fc.constantFrom(...PERFORMANCE_LEVELS),
  }),
  control: fc.constantFrom(...ALERT_LEVELS).map(alert),
  vehicle: fc.option(vehicle, { nil: null, freq: 10 }),
  direction: fc.constantFrom('in' as const, 'in' as const, 'out' as const),
  counters,
});

const table = fc.constantFrom(...TABLES);

/** Each property sees thousands of passages; a run of all of them takes about a second. */
const RUNS = 5000;
const admits = (input: DecisionInput, t: RuleTable) => decide(t, input).decision !== 'deny';

/** The reasons a table may deny an electric vehicle for: trips and quotas, never stage. */
function volumeReasons(t: RuleTable): string[] {
  return t.measures.filter((m) => m.kind === 'stop-transport' || m.kind === 'cap')
    .map((m) => m.reason);
}

describe('rules properties', () => {
  it('raising the alert never admits a vehicle that was denied at a lower alert', () => {
    fc.assert(fc.property(table, passage, fc.constantFrom(...ALERT_LEVELS), (t, p, higher) => {
      fc.pre(ALERT_LEVELS.indexOf(higher) > ALERT_LEVELS.indexOf(p.control.level));
      if (admits(p, t)) return;
      expect(admits({ ...p, control: alert(higher) }, t)).toBe(false);
    }), { numRuns: RUNS });
  });

  it('an electric vehicle is never denied for its stage', () => {
    fc.assert(fc.property(table, passage, vehicle, (t, p, v) => {
      const d = decide(t, { ...p, vehicle: { ...v, emissionStage: 'D' } });
      if (d.decision === 'deny') expect(volumeReasons(t)).toContain(d.reasonCode);
    }), { numRuns: RUNS });
  });

  it('an exemption never turns an allowed vehicle into a denied one', () => {
    fc.assert(fc.property(table, passage, vehicle, fc.constantFrom(...EXEMPTION_CLASSES),
      (t, p, v, exemptionClass) => {
        if (!admits({ ...p, vehicle: { ...v, exemptionClass: null } }, t)) return;
        expect(admits({ ...p, vehicle: { ...v, exemptionClass } }, t)).toBe(true);
      }), { numRuns: RUNS });
  });

  it('more evidence never turns allow into deny', () => {
    const rank = fc.nat(EVIDENCE.length - 1);
    fc.assert(fc.property(table, passage, vehicle, rank, rank, (t, p, v, i, j) => {
      const [weaker, stronger] = [EVIDENCE[Math.max(i, j)]!, EVIDENCE[Math.min(i, j)]!];
      if (!admits({ ...p, vehicle: { ...v, stageEvidence: weaker } }, t)) return;
      expect(admits({ ...p, vehicle: { ...v, stageEvidence: stronger } }, t)).toBe(true);
    }), { numRuns: RUNS });
  });

  it('every decision names its version and has texts in both languages', () => {
    fc.assert(fc.property(table, passage, (t, p) => {
      const d = decide(t, p);
      expect(d.ruleVersion).toBe(`${t.id}@${t.version}`);
      expect(d.reasonZh.length * d.reasonEn.length).toBeGreaterThan(0);
      expect(d.reasonZh + d.reasonEn).not.toMatch(/\{\w+\}/);
      if (p.direction === 'out') expect(d.decision).toBe('allow');
    }), { numRuns: RUNS });
  });
});
