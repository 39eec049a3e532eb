import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import { parseRuleSet } from './rule-schema.ts';
import { RuleBook } from './rule-table.ts';
import { shanghaiDate, shanghaiDayStart } from './rule-versions.ts';
import {
  HENAN, MORNING, NATIONAL, RULES_DIR, SHIPPED_SETS, STRICT_CITY, entry, truck,
} from './test-support.ts';

const HENAN_FILE = join(RULES_DIR, `${HENAN}.json`);
const chinaIV = truck({ emissionStage: '4' });
const atLevel = (performanceLevel: 'B' | 'C') =>
  ({ region: '410100', industry: 'cement', performanceLevel });

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function scratchCopyOfHenan(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  dirs.push(dir);
  const file = join(dir, `${HENAN}.json`);
  copyFileSync(HENAN_FILE, file);
  return file;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file: string, value: unknown) =>
  writeFileSync(file, JSON.stringify(value, null, 2));

describe('the shipped rule sets', () => {
  it('are all valid, and a manager can switch between them', () => {
    const book = new RuleBook(RULES_DIR);
    expect(book.problems()).toEqual([]);
    expect(book.sets().map((s) => [s.id, s.region, s.industry])).toEqual([
      [HENAN, '410000', 'cement'], [NATIONAL, '000000', 'cement'],
      [STRICT_CITY, '000000', 'cement'],
    ]);
    expect(book.selected()).toBe(HENAN);

    expect(book.select(NATIONAL)).toEqual({ ok: true });
    expect(book.versionAt(MORNING).id).toBe(NATIONAL);
    expect(book.select('hebei-steel')).toMatchObject({ ok: false,
      error: { code: 'UNKNOWN_RULE_SET' } });
    expect(book.selected()).toBe(NATIONAL);
    expect(SHIPPED_SETS).toHaveLength(book.sets().length);
  });

  it('start at the set asked for', () => {
    expect(new RuleBook(RULES_DIR, { setId: STRICT_CITY }).selected()).toBe(STRICT_CITY);
    expect(() => new RuleBook(RULES_DIR, { setId: 'nowhere' })).toThrow(/no rule set nowhere/);
  });
});

describe('rule versions', () => {
  /** The Henan set with a second version, effective the day after the fixed morning. */
  function henanWithTomorrowsVersion(): RuleBook {
    const file = scratchCopyOfHenan();
    const set = readJson(file);
    const tomorrow = structuredClone(set.versions[0]);
    tomorrow.version = '2024-11-06.1';
    tomorrow.effectiveFrom = '2024-11-06';
    tomorrow.measures[0].levels = ['A', 'B', 'C'];
    set.versions.push(tomorrow);
    writeJson(file, set);
    return new RuleBook(file);
  }

  it('a version effective tomorrow does not affect today\'s decisions', () => {
    const book = henanWithTomorrowsVersion();
    const today = decide(book.versionAt(MORNING), entry({ at: MORNING,
      enterprise: atLevel('C'), vehicle: chinaIV }));
    expect(today).toMatchObject({ decision: 'allow',
      ruleVersion: 'henan-bulk-transport@2021-01-20.1' });

    const tomorrowMorning = MORNING + 24 * 3600_000;
    const tomorrow = decide(book.versionAt(tomorrowMorning), entry({ at: tomorrowMorning,
      enterprise: atLevel('C'), vehicle: chinaIV }));
    expect(tomorrow).toMatchObject({ decision: 'deny',
      ruleVersion: 'henan-bulk-transport@2024-11-06.1' });
  });

  it('takes effect at midnight in Shanghai, 16:00 UTC the day before', () => {
    const book = henanWithTomorrowsVersion();
    const midnight = Date.UTC(2024, 10, 5, 16, 0);
    expect(shanghaiDayStart('2024-11-06')).toBe(midnight);
    expect(shanghaiDate(midnight - 1)).toBe('2024-11-05');
    expect(book.versionAt(midnight - 1).version).toBe('2021-01-20.1');
    expect(book.versionAt(midnight).version).toBe('2024-11-06.1');
  });

  it('gives a moment before the first version the first version', () => {
    const book = new RuleBook(HENAN_FILE);
    expect(book.versionAt(Date.UTC(2019, 0, 1)).version).toBe('2021-01-20.1');
  });
});

describe('rule tables are data', () => {
  it('an edited table entry changes the next decision without a code change', () => {
    const file = scratchCopyOfHenan();
    const book = new RuleBook(file);
    const cLevelChinaIV = entry({ enterprise: atLevel('C'), vehicle: chinaIV });
    expect(decide(book.versionAt(MORNING), cLevelChinaIV).decision).toBe('allow');

    const edited = readJson(file);
    edited.versions[0].measures[0].levels = ['A', 'B', 'C'];
    edited.versions[0].version = '2021-01-20.2';
    writeJson(file, edited);

    const d = decide(book.versionAt(MORNING), cLevelChinaIV);
    expect(d.decision).toBe('deny');
    expect(d.ruleVersion).toBe('henan-bulk-transport@2021-01-20.2');
  });

  it('a broken edit keeps the last good table and reports the error once', () => {
    const file = scratchCopyOfHenan();
    const book = new RuleBook(file);

    writeJson(file, { id: 'x', versions: 'not a list' });
    const errors: string[] = [];
    const t = book.versionAt(MORNING, (e) => errors.push(e.message));
    book.versionAt(MORNING, (e) => errors.push(e.message));
    expect(t.version).toBe('2021-01-20.1');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/rule set .* is invalid/);
    expect(book.problems()).toMatchObject([{ file }]);

    writeJson(file, readJson(HENAN_FILE));
    book.versionAt(MORNING, (e) => errors.push(e.message));
    expect(book.problems()).toEqual([]);
  });

  it('a broken file in the folder leaves the other sets in use', () => {
    const file = scratchCopyOfHenan();
    const dir = join(file, '..');
    writeFileSync(join(dir, 'half-written.json'), '{ "id": "half-');

    const book = new RuleBook(dir);
    expect(book.sets().map((s) => s.id)).toEqual([HENAN]);
    expect(book.problems()).toMatchObject([{ message: expect.stringMatching(/is not JSON/) }]);
  });
});

describe('a rule set file is checked beyond its shape', () => {
  const henan = () => readJson(HENAN_FILE);
  const parse = (set: unknown) => () => parseRuleSet(JSON.stringify(set), 'edited.json');

  it('names a vehicle class that is not defined', () => {
    const set = henan();
    set.versions[0].measures[0].vehicles = 'bus';
    expect(parse(set)).toThrow(/vehicle class bus, which is not defined/);
  });

  it('names a reason without its text', () => {
    const set = henan();
    delete set.versions[0].reasons.QUOTA_REACHED;
    expect(parse(set)).toThrow(/reason QUOTA_REACHED has no text/);
  });

  it('refuses stronger evidence as no proof while weaker evidence is proof', () => {
    const set = henan();
    const r14 = set.versions[0].measures.find((m: { rule?: string }) => m.rule === 'R14');
    r14.notProof = ['REG_DATE'];
    expect(parse(set)).toThrow(/weakest evidence kinds/);
  });

  it('refuses two versions from the same day and an impossible date', () => {
    const set = henan();
    set.versions.push({ ...set.versions[0], version: 'again' });
    expect(parse(set)).toThrow(/effectiveFrom 2021-01-20 appears twice/);
    set.versions[1].effectiveFrom = '2021-02-30';
    expect(parse(set)).toThrow(/2021-02-30 is not a calendar date/);
  });
});
