// The two locale files stay in step: English is complete, nothing is left blank, no Chinese
// slips into the English file, and every error code of the contract can be shown in both.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  CONTROL_LEVELS, DOCUMENT_KINDS, ERROR_CODES, FILL_KINDS, IMPORTABLE_LEDGERS,
  LEDGERS, LEDGER_PLATE_COLORS, LOG_KINDS, MACHINERY_STAGES, QUANTITY_UNITS, ROLES,
  STAGE_EVIDENCE_KINDS, alertView, complianceView, laneView, passageView,
} from '../electron/api/contract.ts';
import { FUEL_CODES, USE_CODES } from './ledger/ledger-codes.ts';
import { LEDGER_ROUTES } from './ledger/ledger-routes.ts';
import zhCN from '../resources/locales/zh-CN.json' with { type: 'json' };
import en from '../resources/locales/en.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

/** Every leaf as `a.b.c` → text. */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [leaf, text] of leaves(value, path)) found.set(leaf, text);
    } else {
      found.set(path, value);
    }
  }
  return found;
}

/** CJK ideographs and extensions, CJK punctuation, and full-width forms such as `：`. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

const zhLeaves = leaves(zhCN as Tree);
const enLeaves = leaves(en as Tree);

describe('locale files', () => {
  test('zh-CN and en have the same keys, all the way down', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
  });

  test('no text is empty or anything but a string', () => {
    for (const [key, text] of [...zhLeaves, ...enLeaves]) {
      expect(typeof text, key).toBe('string');
      expect((text as string).trim(), key).not.toBe('');
    }
  });

  test('the English file holds no Chinese characters', () => {
    const chinese = [...enLeaves].filter(([, text]) => CJK.test(String(text)));
    expect(chinese).toEqual([]);
  });

  test('the Chinese file is Chinese where it says something', () => {
    expect(CJK.test(String(zhLeaves.get('nav.lanes')))).toBe(true);
  });

  test('every error code and role of the contract is translated', () => {
    for (const code of ERROR_CODES) {
      expect(zhLeaves.has(`errors.${code}`), code).toBe(true);
      expect(enLeaves.has(`errors.${code}`), code).toBe(true);
    }
    for (const role of ROLES) {
      expect(zhLeaves.has(`role.${role}`), role).toBe(true);
    }
  });

  test('every code the screens show as a word has one', () => {
    const shown = [
      ...passageView.shape.decision.options.map((code) => `decision.${code}`),
      ...passageView.shape.barrier.options.map((code) => `barrier.${code}`),
      ...laneView.shape.barrierState.options.map((code) => `laneBarrier.${code}`),
      ...laneView.shape.direction.options.map((code) => `lanes.direction.${code}`),
      ...CONTROL_LEVELS.map((code) => `controlState.${code}`),
      ...alertView.shape.status.options.map((code) => `alerts.status.${code}`),
      ...alertView.shape.source.options.map((code) => `alerts.source.${code}`),
      ...complianceView.shape.items.element.shape.issues.element.options
        .map((code) => `compliance.issue.${code}`),
      ...complianceView.shape.items.element.shape.kind.options
        .map((code) => `compliance.${code}`),
    ];
    for (const key of shown) expect(zhLeaves.has(key), key).toBe(true);
  });

  test('every code of the ledgers has its word', () => {
    const shown = [
      ...MACHINERY_STAGES.map((code) => `ledger.stage.${code}`),
      ...STAGE_EVIDENCE_KINDS.map((code) => `ledger.evidence.${code}`),
      ...DOCUMENT_KINDS.map((code) => `ledger.document.${code}`),
      ...LOG_KINDS.map((code) => `ledger.logKind.${code}`),
      ...FILL_KINDS.map((code) => `ledger.fill.${code}`),
      ...QUANTITY_UNITS.map((code) => `ledger.unit.${code}`),
      ...LEDGER_PLATE_COLORS.map((code) => `plateColor.${code}`),
      ...FUEL_CODES.map((code) => `ledger.fuel.${code}`),
      ...USE_CODES.map((code) => `ledger.use.${code}`),
      ...LEDGER_ROUTES.map((route) => `ledger.nav.${route}`),
      ...IMPORTABLE_LEDGERS.map((ledger) => `ledger.import.title.${ledger}`),
      ...IMPORTABLE_LEDGERS.map((ledger) => `ledger.new.${ledger}`),
      ...LEDGERS.map((ledger) => `ledger.filter.searchHint.${ledger}`),
    ];
    expect(shown.filter((key) => !zhLeaves.has(key))).toEqual([]);
  });

  test('every literal key the renderer asks for exists', () => {
    const used = sourceFiles(import.meta.dirname).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/\bt\('([\w.-]+)'|i18nKey="([\w.-]+)"/g)].map((m) => m[1] ?? m[2]);
    });
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((key) => !zhLeaves.has(key))).toEqual([]);
  });

  test('interpolations match between the languages', () => {
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/\{\{(\w+)\}\}|<(\w+)>/g)].map((m) => m[0]).sort();
    for (const [key, text] of zhLeaves) {
      expect(placeholders(enLeaves.get(key)), key).toEqual(placeholders(text));
    }
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}
