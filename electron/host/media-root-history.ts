// The photo roots this site has written to, oldest first, kept in the settings table. An
// installer who moves the storage root from one data disk to another leaves the photos taken
// until then on the first disk; the host reads from every root it has used, so a passage's
// photos stay one click away without anyone moving files.
import type { Db } from '../db/database.ts';

const SETTING_KEY = 'media.rootsUsed';

/**
 * Records `root` as used and returns the roots used before it, the most recent first. A root
 * used again moves to the end: it is the current one.
 */
export function rememberMediaRoot(db: Db, root: string): string[] {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTING_KEY) as
    { value: string } | undefined;
  const used = parseRoots(row?.value).filter((r) => r !== root);

  db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
    .run(SETTING_KEY, JSON.stringify([...used, root]));
  return used.reverse();
}

/** A list written by an older or damaged build reads as empty: the roots are a convenience. */
function parseRoots(value: string | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(value ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}
