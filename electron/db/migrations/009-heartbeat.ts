// Migration 9: what the last heartbeat (M7) came to, beside when one was last answered — when
// the last was sent and, when it failed, why (issue #7). See docs/outbox.md.
export const MIGRATION_009 = `
  ALTER TABLE sync_link ADD COLUMN last_heartbeat_sent_at INTEGER;
  ALTER TABLE sync_link ADD COLUMN last_heartbeat_error TEXT;
  `;
