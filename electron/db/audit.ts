// The audit trail: who did what, when, and why. Rows are only ever added.
import type { Db } from './database.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
  at?: number;
}

export function writeAudit(db: Db, entry: AuditEntry): void {
  db.prepare('INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)').run(
    entry.at ?? Date.now(),
    entry.actor,
    entry.action,
    entry.subject ?? null,
    entry.detail ? JSON.stringify(entry.detail) : null,
  );
}

/** The newest audit rows first, optionally of one action only. */
export function recentAudit(
  db: Db,
  action: string | undefined,
  limit: number,
): Array<AuditEntry & { id: number }> {
  const rows = (
    action
      ? db
          .prepare('SELECT * FROM audit WHERE action = ? ORDER BY id DESC LIMIT ?')
          .all(action, limit)
      : db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT ?').all(limit)
  ) as Array<{ id: number; at: number; actor: string; action: string; subject: string | null;
    detail: string | null }>;
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject ?? undefined,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : undefined,
  }));
}
