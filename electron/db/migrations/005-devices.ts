// Migration 5: devices (issue #3) — when each device was last seen and whether it is up, every
// offline/online transition (kept: it explains a gap in the ledger), and when each camera's own
// allowlist last matched the vehicle registry.
export const MIGRATION_005 = `
  CREATE TABLE device_health (
    device_id     TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('camera', 'barrier', 'recorder', 'display')),
    state         TEXT NOT NULL CHECK (state IN ('online', 'offline')),
    last_seen_at  INTEGER,
    changed_at    INTEGER NOT NULL,
    reason        TEXT
  );

  CREATE TABLE device_transitions (
    id         INTEGER PRIMARY KEY,
    device_id  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('online', 'offline')),
    at         INTEGER NOT NULL,
    reason     TEXT
  );
  CREATE INDEX device_transitions_at ON device_transitions(device_id, at);

  CREATE TABLE allowlist_sync (
    camera_id     TEXT PRIMARY KEY,
    attempted_at  INTEGER NOT NULL,
    synced_at     INTEGER,
    entries       INTEGER NOT NULL DEFAULT 0,
    -- The plates we last put on the camera's list (JSON array): what a later sync removes.
    plates        TEXT NOT NULL DEFAULT '[]',
    error         TEXT
  );
  `;
