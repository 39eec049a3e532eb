// Which rule set (region and industry) the site decides by: the manager's choice, kept in the
// settings table so it survives a restart, else the set the site configuration names.
import type { Db } from '../db/database.ts';
import type { RuleBook } from './rule-table.ts';
import { writeAudit } from '../db/audit.ts';

export const RULE_SET_SETTING = 'rules.setId';

/** Applies the stored choice at start; a stored set that no longer exists is ignored. */
export function applyStoredRuleSet(db: Db, book: RuleBook): void {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(RULE_SET_SETTING) as
    | { value: string } | undefined;
  if (row) book.select(row.value);
}

export function chooseRuleSet(
  db: Db, book: RuleBook, setId: string, actor: string,
): { ok: true } | { ok: false; message: string } {
  const from = book.selected();
  const result = book.select(setId);
  if (!result.ok) return { ok: false, message: result.error.message };

  db.transaction(() => {
    db.prepare(
      `INSERT INTO settings (key, value) VALUES (?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    ).run(RULE_SET_SETTING, setId);
    writeAudit(db, { actor, action: 'rules.select', subject: setId, detail: { from } });
  })();
  return { ok: true };
}
