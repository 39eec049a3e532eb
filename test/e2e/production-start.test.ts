// A production start has no account: until the installer creates one (first screen, or the
// `init` step of the CLI) the host serves nothing but account creation.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api.ts';
import { openBrowser, type Browser } from '../support/browser.ts';
import { REPO, startDemo, type DemoReady, type Started } from '../support/processes.ts';

let dir: string;
const running: Array<Started<DemoReady>> = [];
let browser: Browser | null = null;

const startProduction = async (data: string) => {
  const host = await startDemo(['--data', data]);
  running.push(host);
  return host;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-prod-'));
});

afterAll(async () => {
  await browser?.close();
  for (const h of running) await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a production start', () => {
  it('serves nothing but account creation until the installer exists', async () => {
    const host = await startProduction(join(dir, 'site-a'));
    const api = new ApiClient(host.ready.ui);

    expect(await api.value('system.status', {})).toMatchObject({ needsSetup: true, demo: false });
    expect(await api.call('auth.login', { username: 'guard', password: 'guard-demo' }))
      .toMatchObject({ ok: false, error: { code: 'setup_required' } });
    expect(await api.call('passages.search', {}))
      .toMatchObject({ ok: false, error: { code: 'setup_required' } });
    expect((await api.health()).status).toBe(503);

    browser = await openBrowser();
    const { page } = browser;
    await page.goto(host.ready.ui);
    await page.getByTestId('setup-username').fill('wanggong');
    await page.getByTestId('setup-display-name').fill('王工');
    await page.getByTestId('setup-password').fill('Gate-house-2026');
    await page.getByTestId('setup-password2').fill('Gate-house-2026');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('current-user').waitFor();

    const installer = await new ApiClient(host.ready.ui).login('wanggong', 'Gate-house-2026');
    expect(await installer.value('auth.me', {})).toMatchObject({ role: 'installer' });
    expect((await api.health()).status).toBe(200);
    expect(browser.errors).toEqual([]);
  }, 120_000);

  it('creates the installer from the command line with a password read from stdin', async () => {
    const data = join(dir, 'site-b');
    const init = spawnSync(process.execPath, ['electron/cli.ts', 'init', '--data', data,
      '--username', 'lishifu'], { cwd: REPO, input: 'chosen-on-site-9\n', encoding: 'utf8' });
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('installer account lishifu created');

    const again = spawnSync(process.execPath, ['electron/cli.ts', 'init', '--data', data,
      '--username', 'other'], { cwd: REPO, input: 'another-password\n', encoding: 'utf8' });
    expect(again.status).toBe(1);

    const host = await startProduction(data);
    const api = new ApiClient(host.ready.ui);
    expect(await api.value('system.status', {})).toMatchObject({ needsSetup: false });
    await api.login('lishifu', 'chosen-on-site-9');
    expect(await api.value('auth.me', {})).toMatchObject({ username: 'lishifu',
      role: 'installer' });
  }, 120_000);
});
