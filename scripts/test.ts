// `npm test`: everything, nothing skipped — system tools, typecheck, the process-boundary check,
// the build the end-to-end tests start, then unit, integration and end-to-end tests in one
// vitest run. It ends with the plain line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemTools } from './system-tools.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
let passed = 0;
let failed = 0;

function step(name: string, cmd: string, args: string[]): boolean {
  out(`\n== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const ok = r.status === 0;
  if (ok) passed++;
  else failed++;
  out(`== ${name}: ${ok ? 'passed' : 'FAILED'}`);
  return ok;
}

const toolsError = ensureSystemTools(out);
if (toolsError) {
  out(toolsError);
  out('0 passed, 1 failed');
  process.exit(1);
}

step('typecheck', 'tsc', ['-p', '.', '--noEmit']);
step('process boundaries', 'node', ['scripts/check-boundaries.ts']);
const built = step('build (renderer, main, preload)', 'node', ['scripts/build.ts']);

if (built) {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-vitest-'));
  const report = join(dir, 'report.json');
  const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  out(`\n== tests: vitest ${args.join(' ')}`);
  const r = spawnSync('vitest', args, { stdio: 'inherit' });

  try {
    const j = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number; numFailedTests: number; numPendingTests: number;
      numTodoTests: number;
      testResults: Array<{ name: string; status: string; assertionResults: unknown[] }>;
    };
    // A file that fails to load has no tests to count; it still counts as one failure.
    const broken = j.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.length);
    for (const f of broken) out(`test file failed to run: ${f.name}`);
    passed += j.numPassedTests;
    failed += j.numFailedTests + broken.length + j.numPendingTests + j.numTodoTests;
    if (j.numPendingTests + j.numTodoTests > 0) out('skipped or todo tests count as failures');
  } catch {
    out(`vitest wrote no report (exit ${r.status})`);
    failed++;
  }
  if (r.status !== 0 && failed === 0) failed++;
  rmSync(dir, { recursive: true, force: true });
} else {
  out('tests not run: the build failed');
  failed++;
}

out(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
