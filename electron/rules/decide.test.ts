import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decide, type VehicleFacts } from './decide.ts';
import { RuleBook, parseRuleTable } from './rule-table.ts';

const TABLE_FILE = new URL('../../resources/rules/henan-bulk-transport.json', import.meta.url);
const table = parseRuleTable(readFileSync(TABLE_FILE, 'utf8'), 'henan');

const truck = (emissionStage: string, fuel = 'B', vehicleType = 'H11'): VehicleFacts => ({
  vehicleType, fuel, emissionStage,
});

describe('the lane decision at a Henan plant', () => {
  it('denies an unregistered vehicle', () => {
    const d = decide(table, { performanceLevel: 'B', vehicle: null });
    expect(d.decision).toBe('deny');
    expect(d.reasonCode).toBe('UNREGISTERED');
    expect(d.reasonZh).toBe('未备案车辆，禁止通行');
  });

  it('allows a China-V diesel heavy truck at a B-level plant', () => {
    const d = decide(table, { performanceLevel: 'B', vehicle: truck('5') });
    expect(d).toMatchObject({ decision: 'allow', reasonCode: 'STAGE_V_OR_VI' });
  });

  it('allows a battery-electric truck', () => {
    const d = decide(table, { performanceLevel: 'A', vehicle: truck('D', 'C') });
    expect(d).toMatchObject({ decision: 'allow', reasonCode: 'NEV' });
  });

  it('denies a China-IV diesel heavy truck at a B-level plant all year', () => {
    const d = decide(table, { performanceLevel: 'B', vehicle: truck('4') });
    expect(d.decision).toBe('deny');
    expect(d.reasonCode).toBe('AB_HEAVY_LE_IV_ALL_YEAR');
    expect(d.reasonEn).toBe(
      'A/B-level plants deny China-IV-and-below diesel and gas heavy trucks all year',
    );
  });

  it('counts a gas-fuelled China-III heavy tractor like diesel at an A-level plant', () => {
    const d = decide(table, { performanceLevel: 'A', vehicle: truck('3', 'E', 'Q11') });
    expect(d.reasonCode).toBe('AB_HEAVY_LE_IV_ALL_YEAR');
  });

  it('allows a China-IV heavy truck at a C-level plant, saying no rule denies it', () => {
    const d = decide(table, { performanceLevel: 'C', vehicle: truck('4') });
    expect(d).toMatchObject({ decision: 'allow', reasonCode: 'NO_RULE_DENIES' });
    expect(d.reasonEn).toBe('No rule denies this vehicle: allowed');
  });

  it('allows a China-IV light truck at a B-level plant (the ban is for heavy trucks)', () => {
    const d = decide(table, { performanceLevel: 'B', vehicle: truck('4', 'B', 'H31') });
    expect(d.reasonCode).toBe('NO_RULE_DENIES');
  });

  it('names the rule table version it decided under', () => {
    const d = decide(table, { performanceLevel: 'B', vehicle: truck('6') });
    expect(d.ruleVersion).toBe('henan-bulk-transport@2021-01-20.1');
  });
});

describe('rule tables are data', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('an edited table entry changes the next decision without a code change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    dirs.push(dir);
    const file = join(dir, 'rules.json');
    copyFileSync(TABLE_FILE, file);
    const book = new RuleBook(file);
    expect(decide(book.current(), { performanceLevel: 'C', vehicle: truck('4') }).decision)
      .toBe('allow');

    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.rules[3].when.levels = ['A', 'B', 'C'];
    edited.version = '2021-01-20.2';
    writeFileSync(file, JSON.stringify(edited, null, 2));

    const d = decide(book.current(), { performanceLevel: 'C', vehicle: truck('4') });
    expect(d.decision).toBe('deny');
    expect(d.ruleVersion).toBe('henan-bulk-transport@2021-01-20.2');
  });

  it('a broken edit keeps the last good table and reports the error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    dirs.push(dir);
    const file = join(dir, 'rules.json');
    copyFileSync(TABLE_FILE, file);
    const book = new RuleBook(file);

    writeFileSync(file, JSON.stringify({ id: 'x', rules: 'not a list' }));
    const errors: string[] = [];
    const t = book.current((e) => errors.push(e.message));
    expect(t.version).toBe('2021-01-20.1');
    expect(errors[0]).toMatch(/rule table .* is invalid/);
  });
});
