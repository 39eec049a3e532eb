import { describe, expect, it } from 'vitest';
import type {
  AlertLevel, DecisionInput, PerformanceLevel, VehicleFacts,
} from './decision-types.ts';
import { capLimit, decide } from './decide.ts';
import { checkInventoryItem, inventoryLimits, type InventoryItem } from './inventory-limits.ts';
import {
  HENAN, NATIONAL, STRICT_CITY, alert, electricTruck, entry, shippedTable, truck,
} from './test-support.ts';

interface Outcome {
  decision: string;
  reasonCode: string;
  warnings: string[];
}

interface Scene {
  set: string;
  level: PerformanceLevel;
  alert: AlertLevel;
  vehicle?: VehicleFacts | null;
  counters?: DecisionInput['counters'];
}

/** What the barrier decides for a vehicle at a plant of this set and level under this alert. */
function atTheGate(s: Scene): Outcome {
  const d = decide(shippedTable(s.set), entry({
    enterprise: { region: '410100', industry: 'cement', performanceLevel: s.level },
    control: alert(s.alert),
    ...(s.vehicle !== undefined && { vehicle: s.vehicle }),
    ...(s.counters && { counters: s.counters }),
  }));
  const warnings = d.warnings.map((w) => w.code);
  return { decision: d.decision, reasonCode: d.reasonCode, warnings };
}

/** What the inventory check says of an in-plant item (R11, R12 bind no barrier). */
function inThePlant(set: string, level: PerformanceLevel, a: AlertLevel,
  item: InventoryItem): Outcome {
  const verdict = checkInventoryItem(inventoryLimits(shippedTable(set), level, a), item);
  return verdict.compliant
    ? { decision: 'compliant', reasonCode: '', warnings: [] }
    : { decision: 'non-compliant', reasonCode: verdict.reasonCode, warnings: [] };
}

const outcome = (decision: string, reasonCode: string, warnings: string[] = []): Outcome =>
  ({ decision, reasonCode, warnings });

const chinaIV = truck({ emissionStage: '4' });
const chinaVI = truck({ emissionStage: '6' });

const RULES: Array<{ rule: string; story: string; got: () => Outcome; want: Outcome }> = [
  { rule: 'R1', story: 'an unregistered vehicle is denied',
    got: () => atTheGate({ set: HENAN, level: 'B', alert: 'none', vehicle: null }),
    want: outcome('deny', 'UNREGISTERED') },
  { rule: 'R2', story: 'an electric truck is allowed at a B-level plant under a red alert',
    got: () => atTheGate({ set: HENAN, level: 'B', alert: 'red', vehicle: electricTruck() }),
    want: outcome('allow', 'NEV') },
  { rule: 'R3', story: 'a China-IV diesel heavy truck is denied at a Henan B-level plant all year',
    got: () => atTheGate({ set: HENAN, level: 'B', alert: 'none', vehicle: chinaIV }),
    want: outcome('deny', 'AB_HEAVY_LE_IV_ALL_YEAR') },
  { rule: 'R4', story: 'a China-IV gas tractor is denied at a B-level plant from yellow',
    got: () => atTheGate({ set: NATIONAL, level: 'B', alert: 'yellow',
      vehicle: truck({ vehicleType: 'Q11', fuel: 'E', emissionStage: '4' }) }),
    want: outcome('deny', 'B_HEAVY_LE_IV_ALERT') },
  { rule: 'R5', story: 'a China-IV heavy truck is denied at a C-level plant from yellow',
    got: () => atTheGate({ set: NATIONAL, level: 'C', alert: 'yellow', vehicle: chinaIV }),
    want: outcome('deny', 'C_HEAVY_LE_IV_ALERT') },
  { rule: 'R6', story: 'a D-level plant stops road transport, China VI included, from yellow',
    got: () => atTheGate({ set: NATIONAL, level: 'D', alert: 'yellow', vehicle: chinaVI }),
    want: outcome('deny', 'D_STOP_ROAD_TRANSPORT') },
  { rule: 'R7', story: 'an A-level plant admits a China-IV truck in an alert, with a warning',
    got: () => atTheGate({ set: NATIONAL, level: 'A', alert: 'yellow', vehicle: chinaIV }),
    want: outcome('allow', 'NO_RULE_DENIES', ['A_BELOW_V_ALERT']) },
  { rule: 'R8', story: 'a plant with 12 trips a day denies China-IV heavy trucks from orange',
    got: () => atTheGate({ set: NATIONAL, level: 'unrated', alert: 'orange', vehicle: chinaIV,
      counters: { baselinePerDay: 12, admittedToday: 0 } }),
    want: outcome('deny', 'CITY_BUSY_HEAVY_LE_IV') },
  { rule: 'R9', story: 'a strict city admits no China-V light truck under an orange alert',
    got: () => atTheGate({ set: STRICT_CITY, level: 'B', alert: 'orange',
      vehicle: truck({ vehicleType: 'H31', fuel: 'A' }) }),
    want: outcome('deny', 'STRICT_CITY_ONLY_VI') },
  { rule: 'R10', story: 'past half the baseline, the next China-VI truck is denied: quota reached',
    got: () => atTheGate({ set: HENAN, level: 'B', alert: 'orange', vehicle: chinaVI,
      counters: { baselinePerDay: 40, admittedToday: 20 } }),
    want: outcome('deny', 'QUOTA_REACHED') },
  { rule: 'R11', story: 'stage-II machinery must not operate under an orange alert',
    got: () => inThePlant(NATIONAL, 'C', 'orange', { category: 'machinery', emissionStage: '2' }),
    want: outcome('non-compliant', 'ORANGE_MACHINERY_LE_II') },
  { rule: 'R12', story: 'a China-IV in-plant vehicle is non-compliant at a B-level plant',
    got: () => inThePlant(NATIONAL, 'B', 'none', { category: 'inPlant', emissionStage: '4' }),
    want: outcome('non-compliant', 'AB_INVENTORY') },
  { rule: 'R13', story: 'a China-VI heavy truck off remote monitoring is allowed with a warning',
    got: () => atTheGate({ set: HENAN, level: 'B', alert: 'none',
      vehicle: truck({ emissionStage: '6', obdOnline: false }) }),
    want: outcome('allow', 'STAGE_V_OR_VI', ['OBD_OFFLINE']) },
  { rule: 'R14', story: 'a China-V stage known from the registration date is no proof in an alert',
    got: () => atTheGate({ set: HENAN, level: 'B', alert: 'orange',
      vehicle: truck({ stageEvidence: 'REG_DATE' }) }),
    want: outcome('deny', 'STAGE_NOT_PROVEN') },
  { rule: 'R15', story: 'a hazardous-chemicals truck is outside the cap, its exemption named',
    got: () => atTheGate({ set: HENAN, level: 'B', alert: 'orange',
      vehicle: truck({ emissionStage: '6', exemptionClass: 'hazardous-chemicals' }),
      counters: { baselinePerDay: 40, admittedToday: 25 } }),
    want: outcome('allow-with-exemption', 'EXEMPT_HAZARDOUS_CHEMICALS') },
];

describe('the rules matrix, one row per rule', () => {
  it.each(RULES)('$rule: $story', ({ got, want }) => {
    expect(got()).toEqual(want);
  });
});

describe('the lane decision at the demo plant (Henan, B level)', () => {
  const henan = shippedTable(HENAN);

  it('allows a China-V diesel heavy truck and names the rule version', () => {
    const d = decide(henan, entry());
    expect(d).toMatchObject({ decision: 'allow', reasonCode: 'STAGE_V_OR_VI',
      reasonZh: '国五及以上排放，准予通行',
      ruleVersion: 'henan-bulk-transport@2021-01-20.1', controlState: 'normal',
      warnings: [], exemption: null });
  });

  it('counts a gas-fuelled China-III heavy tractor like diesel at an A-level plant', () => {
    const d = decide(henan, entry({
      enterprise: { region: '410100', industry: 'cement', performanceLevel: 'A' },
      vehicle: truck({ vehicleType: 'Q11', fuel: 'E', emissionStage: '3' }),
    }));
    expect(d.reasonCode).toBe('AB_HEAVY_LE_IV_ALL_YEAR');
    expect(d.reasonEn).toBe(
      'A/B-level plants deny China-IV-and-below diesel and gas heavy trucks all year');
  });

  it('allows a China-IV heavy truck at a C-level plant outside alerts', () => {
    const d = decide(henan, entry({
      enterprise: { region: '410100', industry: 'cement', performanceLevel: 'C' },
      vehicle: chinaIV,
    }));
    expect(d).toMatchObject({ decision: 'allow', reasonCode: 'NO_RULE_DENIES' });
  });

  it('allows a China-IV light truck (the ban is for heavy trucks)', () => {
    const d = decide(henan, entry({ vehicle: truck({ vehicleType: 'H31', emissionStage: '4' }) }));
    expect(d.reasonCode).toBe('NO_RULE_DENIES');
  });

  it('allows a stage from the registration date outside alerts (R14 binds alerts only)', () => {
    const d = decide(henan, entry({ vehicle: truck({ stageEvidence: 'REG_DATE' }) }));
    expect(d).toMatchObject({ decision: 'allow', reasonCode: 'STAGE_V_OR_VI' });
  });

  it('lets every vehicle leave, a denied or unregistered one too', () => {
    expect(decide(henan, entry({ direction: 'out', vehicle: chinaIV })))
      .toMatchObject({ decision: 'allow', reasonCode: 'EXIT_ALLOWED' });
    expect(decide(henan, entry({ direction: 'out', vehicle: null, control: alert('red') })))
      .toMatchObject({ decision: 'allow', reasonCode: 'EXIT_UNREGISTERED',
        controlState: 'red/I' });
  });
});

describe('the 50 % cap during an alert', () => {
  const henan = shippedTable(HENAN);
  const orangeWith = (baselinePerDay: number | null, admittedToday: number) =>
    decide(henan, entry({ control: alert('orange'), vehicle: chinaVI,
      counters: { baselinePerDay, admittedToday } }));

  it('admits trips up to half the baseline, rounded down, and says so when full', () => {
    expect(capLimit(50, 7)).toBe(3);
    expect(orangeWith(7, 2).decision).toBe('allow');
    const full = orangeWith(7, 3);
    expect(full).toMatchObject({ decision: 'deny', reasonCode: 'QUOTA_REACHED',
      controlState: 'orange/II' });
    expect(full.reasonEn).toBe('Quota reached: during the alert transport is capped at 50 % of '
      + 'baseline, 3 trips today; entry denied');
    expect(full.reasonZh).toContain('3车次');
  });

  it('is not enforced without a baseline, and the guard is told', () => {
    const d = orangeWith(null, 500);
    expect(d.decision).toBe('allow');
    expect(d.warnings.map((w) => w.code)).toEqual(['CAP_NO_BASELINE']);
  });

  it('counts an electric truck like any other trip (the cap is about trips)', () => {
    const d = decide(henan, entry({ control: alert('yellow'), vehicle: electricTruck(),
      counters: { baselinePerDay: 40, admittedToday: 20 } }));
    expect(d.reasonCode).toBe('QUOTA_REACHED');
  });
});

describe('a city measure for busy plants (R8)', () => {
  const national = shippedTable(NATIONAL);
  const unratedOrange = (baselinePerDay: number | null, v: VehicleFacts) => decide(national,
    entry({ enterprise: { region: '130200', industry: 'cement', performanceLevel: 'unrated' },
      control: alert('orange'), vehicle: v, counters: { baselinePerDay, admittedToday: 0 } }));

  it('spares a plant with fewer than 10 trips a day', () => {
    expect(unratedOrange(6, chinaIV).decision).toBe('allow');
  });

  it('binds a plant whose baseline is not known yet', () => {
    expect(unratedOrange(null, chinaIV).reasonCode).toBe('CITY_BUSY_HEAVY_LE_IV');
  });

  it('waives the ban for livelihood supply, not for export cargo', () => {
    expect(unratedOrange(12, { ...chinaIV, exemptionClass: 'livelihood' }))
      .toMatchObject({ decision: 'allow-with-exemption', exemption: 'livelihood' });
    expect(unratedOrange(12, { ...chinaIV, exemptionClass: 'export' }).decision).toBe('deny');
  });
});
