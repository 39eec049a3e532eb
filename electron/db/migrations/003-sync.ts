// Migration 3: reporting to the city platform (issue #7) — where each outbox row stands in its
// plate's queue, the deadline the delivery rate is judged by, the officer's fix-and-resend of a
// refused message (a new row that points at the old one; nothing is deleted), and what the
// drainer last heard from the platform (contact, heartbeat, clock). See docs/outbox.md.
export const MIGRATION_003 = `
  ALTER TABLE outbox ADD COLUMN order_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE outbox ADD COLUMN deadline_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE outbox ADD COLUMN rejected_at INTEGER;
  ALTER TABLE outbox ADD COLUMN resend_of INTEGER REFERENCES outbox(id);
  ALTER TABLE outbox ADD COLUMN resent_as INTEGER REFERENCES outbox(id);

  UPDATE outbox SET order_at = created_at, deadline_at = created_at + 60000;
  UPDATE outbox SET rejected_at = created_at WHERE state = 'rejected';

  CREATE INDEX outbox_key_queue ON outbox(order_key, order_at, id);
  CREATE INDEX outbox_pending_queue ON outbox(order_key, order_at, id) WHERE state = 'pending';
  CREATE INDEX outbox_pending_age ON outbox(order_at, id) WHERE state = 'pending';
  CREATE INDEX outbox_pending_since ON outbox(created_at, id) WHERE state = 'pending';
  CREATE INDEX outbox_deadline ON outbox(deadline_at);
  CREATE INDEX outbox_open_rejections ON outbox(rejected_at)
    WHERE state = 'rejected' AND resent_as IS NULL;

  CREATE TABLE sync_link (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    last_contact_at    INTEGER,
    last_ack_at        INTEGER,
    last_heartbeat_at  INTEGER,
    clock_offset_ms    INTEGER,
    clock_measured_at  INTEGER
  );
  INSERT INTO sync_link (id) VALUES (1);
  `;
