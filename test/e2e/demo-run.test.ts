// The README's own command: `npm run demo -- --headless --seconds N` runs the whole chain on the
// demo site (scripted trucks, relay board on a pty, recording, platform), drains the outbox,
// prints its one-line summary and exits 0.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/processes.ts';

/** Long enough for several scripted trucks (one every 4 s) and two closed 10 s segments. */
const RUN_SECONDS = 30;

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-demo-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run demo', () => {
  it('runs the chain, delivers every passage and reports it in one line', async () => {
    const child = spawn('npm', ['run', 'demo', '--', '--headless', '--seconds',
      String(RUN_SECONDS), '--data', join(dir, 'data'), '--api-port', '0', '--lpr-port', '0'],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));

    const line = out.split('\n').reverse().find((l) => l.startsWith('{"passages"'));
    expect(code, out).toBe(0);
    const summary = JSON.parse(line!);
    expect(summary.passages).toBeGreaterThanOrEqual(5);
    expect(summary.allowed).toBeGreaterThan(0);
    expect(summary.denied).toBeGreaterThan(0);
    expect(summary.acknowledged).toBe(summary.passages);
    expect(summary.pending).toBe(0);
    expect(summary.segments).toBeGreaterThanOrEqual(2);
    expect(summary.failed).toEqual([]);
    expect(summary.skipped).toEqual({});
  }, 120_000);
});
