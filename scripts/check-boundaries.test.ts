// The boundary check runs against a scratch copy of the repository's sources, once clean and
// once per planted violation, through its command line as `npm test` runs it.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..');
const CHECK = join(REPO, 'scripts', 'check-boundaries.ts');
// The checked trees and what they import by relative path (locales and rule tables are JSON).
const COPIED = ['electron', 'renderer', 'native', 'resources'];

let scratch: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gatehouse-boundaries-'));
  for (const dir of COPIED) {
    if (!existsSync(join(REPO, dir))) continue;
    cpSync(join(REPO, dir), join(scratch, dir), { recursive: true });
  }
  mkdirSync(join(scratch, 'renderer'), { recursive: true });
});

afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function plant(path: string, text: string): void {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), text);
}

function runCheck(): { code: number | null; lines: string[] } {
  const run = spawnSync(process.execPath, [CHECK, scratch], { encoding: 'utf8' });
  const lines = `${run.stdout}${run.stderr}`.split('\n').filter(Boolean);
  return { code: run.status, lines };
}

function expectViolation(line: string): void {
  const { code, lines } = runCheck();
  expect(code).toBe(1);
  expect(lines).toContain(line);
}

const CORE_RULE = '[core ↛ electron: the core runs in plain Node (headless host, tests) ' +
  'and never imports electron]';
const RENDERER_CORE_RULE = '[renderer ↛ core: the renderer may import only ' +
  'electron/api/contract.ts from the core]';
const RENDERER_NODE_RULE = '[renderer ↛ node: the renderer runs sandboxed: no electron and ' +
  'no Node built-ins]';
const DEVICES_RULE = '[devices ↛ renderer: device adapters and simulators must not depend ' +
  'on the UI]';

describe('the boundary check', () => {
  it('passes the repository as it is, plus a renderer page that imports the contract', () => {
    plant('renderer/pages/lanes-page.tsx', [
      "import type { LaneView } from '../../electron/api/contract.ts';",
      "import { ROLES } from '../../electron/api/contract.ts';",
      "import './lanes.css';",
      'export const roles = ROLES; export type Row = LaneView;',
    ].join('\n'));
    plant('renderer/pages/lanes.css', '.lane { color: red }');

    const { code, lines } = runCheck();

    expect(lines.at(-1)).toMatch(/^boundaries ok: \d+ files checked$/);
    expect(code).toBe(0);
  });

  it('fails a core module that statically imports electron', () => {
    plant('electron/config/tray-helper.ts', "import { app } from 'electron';\nexport const a = 1;");

    expectViolation(`electron/config/tray-helper.ts: imports 'electron' ${CORE_RULE}`);
  });

  it('fails a core module that requires electron', () => {
    plant('electron/config/legacy.cjs', "module.exports = require('electron').app;");
    plant('electron/config/required.ts', "export const shell = require('electron/main');");

    expectViolation(`electron/config/legacy.cjs: imports 'electron' ${CORE_RULE}`);
    expectViolation(`electron/config/required.ts: imports 'electron/main' ${CORE_RULE}`);
  });

  it('fails a core module that imports electron dynamically', () => {
    plant('electron/config/lazy.ts', "export const load = () => import('electron');");

    expectViolation(`electron/config/lazy.ts: imports 'electron' ${CORE_RULE}`);
  });

  it('fails a core module that reaches electron through a helper', () => {
    plant('electron/config/notify.ts', "export { Notification } from './notify-impl.ts';");
    plant('electron/config/notify-impl.ts', "export { Notification } from 'electron';");
    appendFileSync(join(scratch, 'electron/config/site.ts'), "\nimport './notify.ts';\n");

    const { code, lines } = runCheck();

    expect(code).toBe(1);
    expect(lines).toContain(
      "electron/config/site.ts: reaches 'electron' via electron/config/notify.ts → " +
        `electron/config/notify-impl.ts ${CORE_RULE}`,
    );
    expect(lines).toContain(`electron/config/notify-impl.ts: imports 'electron' ${CORE_RULE}`);
  });

  it('fails a renderer page that imports the database module', () => {
    plant('renderer/pages/ledger.tsx', [
      "import { openDatabase } from '../../electron/db/database.ts';",
      'export const db = openDatabase;',
    ].join('\n'));

    const { code, lines } = runCheck();

    expect(code).toBe(1);
    expect(lines).toContain(
      `renderer/pages/ledger.tsx: imports 'electron/db/database.ts' ${RENDERER_CORE_RULE}`,
    );
  });

  it('fails a renderer page that imports a core module dynamically', () => {
    plant('renderer/pages/logs.tsx', "export const f = () => import('../../electron/log/logger');");

    expectViolation(
      `renderer/pages/logs.tsx: imports 'electron/log/logger.ts' ${RENDERER_CORE_RULE}`,
    );
  });

  it('fails a renderer module that uses a Node built-in', () => {
    plant('renderer/export.ts', "import { writeFileSync } from 'fs';\nexport const w = 1;");

    expectViolation(`renderer/export.ts: imports 'fs' ${RENDERER_NODE_RULE}`);
  });

  it('keeps the contract itself clean for the renderer', () => {
    appendFileSync(join(scratch, 'electron/api/contract.ts'), "\nimport '../log/logger.ts';\n");

    expectViolation(
      `electron/api/contract.ts: imports 'electron/log/logger.ts' ${RENDERER_CORE_RULE}`,
    );
  });

  it('fails device code that imports the renderer', () => {
    plant('renderer/components/plate-badge.tsx', 'export const badge = 1;');
    plant('electron/devices/lpr/preview.ts', [
      "import { badge } from '../../../renderer/components/plate-badge.tsx';",
      'export const b = badge;',
    ].join('\n'));

    expectViolation(
      "electron/devices/lpr/preview.ts: imports 'renderer/components/plate-badge.tsx' " +
        DEVICES_RULE,
    );
  });

  it('fails an import it cannot follow', () => {
    plant('electron/config/plugin.ts', 'export const load = (name: string) => import(name);');

    const { code, lines } = runCheck();

    expect(code).toBe(1);
    const prefix = "electron/config/plugin.ts: imports 'name' [imports must be checkable";
    expect(lines.some((line) => line.startsWith(prefix))).toBe(true);
  });
});
