// A storage folder the installer types is checked without ever freezing the host: a path
// under /proc, where Node's recursive mkdir spins forever, comes back as not writable at once.
// Each check runs in a child process, so a check that spins fails this test instead of hanging.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** A check of a local folder takes milliseconds; one still running after this is spinning. */
const CHECK_MS = 5_000;

const here = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `expression` (awaited) in a fresh Node with the two checks imported; its JSON value. */
function inChild(expression: string): { timedOut: boolean; value: unknown } {
  const script = [
    `import { checkStorage } from ${JSON.stringify(join(here, '../setup/device-tests.ts'))};`,
    `import { checkRoot } from ${JSON.stringify(join(here, 'roots.ts'))};`,
    'const space = async () => ({ freeBytes: 1, totalBytes: 2 });',
    `console.log(JSON.stringify(await (${expression})));`,
  ].join('\n');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script],
    { timeout: CHECK_MS, encoding: 'utf8' });
  const timedOut = run.error !== undefined || run.signal !== null;
  return { timedOut, value: timedOut ? null : JSON.parse(run.stdout.trim().split('\n').at(-1)!) };
}

describe('checking a storage folder', () => {
  it('says at once that a folder under /proc cannot be written', () => {
    const checked = inChild("checkStorage('/proc/gatehouse/录像')");

    expect(checked.timedOut).toBe(false);
    expect(checked.value).toMatchObject({ writable: false, freeBytes: null });
    expect((checked.value as { detail: string }).detail).toContain('ENOENT');
  });

  it('skips a recording root under /proc instead of waiting for it forever', () => {
    const checked = inChild("checkRoot('/proc/gatehouse', space)");

    expect(checked.timedOut).toBe(false);
    expect(checked.value).toMatchObject({ path: '/proc/gatehouse', ok: false, space: null });
  });

  it('creates a folder two levels deep that does not exist yet, and finds it writable', () => {
    const root = join(dir, '数据盘', '录像');
    const checked = inChild(`checkStorage(${JSON.stringify(root)})`);

    expect(checked.value).toMatchObject({ writable: true, detail: root });
    expect(statSync(root).isDirectory()).toBe(true);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses a file where a folder should be', () => {
    const file = join(dir, 'not-a-folder.txt');
    writeFileSync(file, 'x');

    const asRoot = inChild(`checkRoot(${JSON.stringify(file)}, space)`);
    const below = inChild(`checkStorage(${JSON.stringify(join(file, 'sub'))})`);

    expect(asRoot.value).toMatchObject({ ok: false });
    expect((asRoot.value as { error: string }).error).toContain('ENOTDIR');
    expect(below.value).toMatchObject({ writable: false });
    expect((below.value as { detail: string }).detail).toContain('ENOTDIR');
  });
});
