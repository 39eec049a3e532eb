// The site configuration on disk: `site.json` in the data folder. Read and validated when the
// host starts; written atomically (a temporary file, flushed, then renamed over the old one) so
// a power cut in the gate room leaves either the old site or the new one, never half of each.
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync,
  writeSync } from 'node:fs';
import { join } from 'node:path';
import { siteConfig, type SiteConfig } from '../config/site.ts';

export const SITE_FILE = 'site.json';
/** The site before the last save, kept so an installer can go back by hand. */
export const PREVIOUS_SITE_FILE = 'site.previous.json';

export function sitePath(dataDir: string): string {
  return join(dataDir, SITE_FILE);
}

/** The saved site, or null when there is none yet (a production start before the wizard). */
export function readSiteFile(dataDir: string): SiteConfig | null {
  const file = sitePath(dataDir);
  if (!existsSync(file)) return null;

  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not JSON: ${(err as Error).message}`);
  }
  const parsed = siteConfig.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.')}: ${first.message}` : 'unknown field';
    throw new Error(`${file} is not a valid site configuration (${where})`);
  }
  return parsed.data;
}

export function writeSiteFile(dataDir: string, site: SiteConfig): void {
  const file = sitePath(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;

  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(site, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }

  if (existsSync(file)) copyFileSync(file, join(dataDir, PREVIOUS_SITE_FILE));
  renameSync(temporary, file);
}
