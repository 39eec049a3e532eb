// Debian's Chromium driven by playwright-core: the renderer as a guard sees it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Flags for root without a display: no sandbox, no GPU, and no background network traffic. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Browser {
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'gatehouse-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });

  return {
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function logIn(page: Page, ui: string, username: string, password: string) {
  await page.goto(ui);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

/** An overlay given this long to leave after Escape before its close button is used. */
const ESCAPE_MS = 5_000;

/**
 * Closes the drawer or dialog that holds `shown` as a user does, with Escape, and waits until it
 * is gone: its mask would otherwise take every later click. Escape reaches an overlay only while
 * the focus is inside it; when it went elsewhere, the overlay's close button is clicked instead.
 */
export async function dismiss(page: Page, shown: Locator): Promise<void> {
  await page.keyboard.press('Escape');
  try {
    await shown.waitFor({ state: 'hidden', timeout: ESCAPE_MS });
  } catch {
    await page.locator('.ant-drawer-close:visible, .ant-modal-close:visible').first().click();
    await shown.waitFor({ state: 'hidden', timeout: 15_000 });
  }
}
