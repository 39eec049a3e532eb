// How the cap's baseline is taken, as site settings (the `settings` table): over how many normal
// working days, and which weekdays are working days. A manager or installer changes them.
import type { Db } from '../db/database.ts';
import type { CapSettingsView } from '../api/contract.ts';
import { writeAudit } from '../db/audit.ts';

/**
 * Five normal working days: the week before the alert, as inspectors compare it (domain.md
 * §3.5 suggests 5–10). Fewer follow a single odd day; more reach back into another season.
 */
export const DEFAULT_BASELINE_DAYS = 5;

/**
 * Monday to Saturday: bulk plants load six days a week and Sunday's thin traffic would pull the
 * baseline down. A site working all week adds 7 (Sunday) in the settings.
 */
export const DEFAULT_WORKING_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5, 6];

const KEY_BASELINE_DAYS = 'cap.baselineDays';
const KEY_WORKING_WEEKDAYS = 'cap.workingWeekdays';

export function readCapSettings(db: Db): CapSettingsView {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?');
  const days = get.get(KEY_BASELINE_DAYS) as { value: string } | undefined;
  const weekdays = get.get(KEY_WORKING_WEEKDAYS) as { value: string } | undefined;

  return {
    baselineDays: days ? parseBaselineDays(days.value) : DEFAULT_BASELINE_DAYS,
    workingWeekdays: weekdays ? parseWeekdays(weekdays.value) : [...DEFAULT_WORKING_WEEKDAYS],
  };
}

export function writeCapSettings(db: Db, settings: CapSettingsView, actor: string): void {
  const weekdays = [...new Set(settings.workingWeekdays)].sort((a, b) => a - b);
  const put = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?',
  );

  db.transaction(() => {
    put.run(KEY_BASELINE_DAYS, String(settings.baselineDays), String(settings.baselineDays));
    put.run(KEY_WORKING_WEEKDAYS, weekdays.join(','), weekdays.join(','));
    writeAudit(db, { actor, action: 'cap.configure',
      detail: { baselineDays: settings.baselineDays, workingWeekdays: weekdays } });
  })();
}

/** A hand-edited value that makes no sense falls back to the default rather than to nothing. */
function parseBaselineDays(text: string): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 30 ? n : DEFAULT_BASELINE_DAYS;
}

function parseWeekdays(text: string): number[] {
  const days = text.split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 7);
  return days.length ? [...new Set(days)].sort((a, b) => a - b) : [...DEFAULT_WORKING_WEEKDAYS];
}
