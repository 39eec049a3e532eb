// How long footage is kept. The heavy-pollution-weather rules require video of every entry and
// exit to be kept at least 12 months, so that is both the default and the floor: a shorter
// retention needs an explicit override with a reason, and every change is an audit row (who,
// from, to, why). The setting lives in the settings table, not in the site file, so that it
// cannot change without leaving a trace.
import type { Db } from '../db/database.ts';
import { writeAudit } from '../db/audit.ts';

export const LEGAL_MINIMUM_MONTHS = 12;
export const DEFAULT_RETENTION_MONTHS = 12;
/** Ten years: beyond that a disk forecast means nothing. */
export const MAXIMUM_RETENTION_MONTHS = 120;

const SETTING_KEY = 'recording.retention';

export interface RetentionSetting {
  months: number;
  /** Set when `months` is below the legal minimum: who allowed it and why. */
  override: { reason: string; actor: string; at: number } | null;
}

export function getRetention(db: Db): RetentionSetting {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTING_KEY) as
    { value: string } | undefined;
  if (!row) return { months: DEFAULT_RETENTION_MONTHS, override: null };
  return JSON.parse(row.value) as RetentionSetting;
}

export type SetRetentionResult =
  | { ok: true; value: RetentionSetting }
  | { ok: false; code: 'invalid_input'; message: string };

/** Changes the retention; below the legal minimum only with `overrideReason`. Audited. */
export function setRetention(
  db: Db,
  change: { months: number; actor: string; overrideReason?: string },
  now: number,
): SetRetentionResult {
  const { months, actor } = change;
  const reason = change.overrideReason?.trim() ?? '';
  if (!Number.isInteger(months) || months < 1 || months > MAXIMUM_RETENTION_MONTHS) {
    return { ok: false, code: 'invalid_input',
      message: `retention must be 1–${MAXIMUM_RETENTION_MONTHS} months, got ${months}` };
  }
  if (months < LEGAL_MINIMUM_MONTHS && reason.length < 4) {
    return { ok: false, code: 'invalid_input',
      message: `retention below the legal minimum of ${LEGAL_MINIMUM_MONTHS} months needs ` +
        'an override reason' };
  }

  const before = getRetention(db);
  const next: RetentionSetting = {
    months,
    override: months < LEGAL_MINIMUM_MONTHS ? { reason, actor, at: now } : null,
  };
  const write = db.transaction(() => {
    db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)')
      .run(SETTING_KEY, JSON.stringify(next));
    writeAudit(db, {
      actor,
      action: next.override ? 'recording.retention.override' : 'recording.retention',
      subject: 'recording',
      detail: { fromMonths: before.months, toMonths: months, reason: reason || null },
      at: now,
    });
  });
  write();
  return { ok: true, value: next };
}

/** Footage that ended before this instant is past retention (calendar months, UTC). */
export function retentionCutoff(months: number, now: number): number {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.getTime();
}
