// Migration 1: the main chain — users, vehicles, passages with photos, barrier outcomes,
// outbox, audit, recorded segments and their links to passages.
export const MIGRATION_001 = `
  CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('guard','officer','manager','installer')),
    password_hash TEXT NOT NULL,
    demo          INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
  );

  CREATE TABLE sessions (
    token      TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );

  CREATE TABLE vehicles (
    id                INTEGER PRIMARY KEY,
    plate             TEXT NOT NULL,
    plate_color       TEXT NOT NULL,
    category          TEXT NOT NULL DEFAULT 'transport',
    vehicle_type      TEXT NOT NULL,
    fuel              TEXT NOT NULL,
    emission_stage    TEXT NOT NULL,
    stage_evidence    TEXT NOT NULL,
    vin               TEXT,
    engine_no         TEXT,
    registration_date TEXT,
    fleet             TEXT,
    owner             TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    UNIQUE (plate, plate_color)
  );
  CREATE INDEX vehicles_plate ON vehicles(plate);

  CREATE TABLE passages (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    lane_id           TEXT NOT NULL,
    gate_id           TEXT NOT NULL,
    camera_id         TEXT NOT NULL,
    direction         TEXT NOT NULL CHECK (direction IN ('in','out')),
    plate             TEXT NOT NULL,
    plate_color       TEXT NOT NULL,
    read_plate_color  TEXT NOT NULL,
    color_mismatch    INTEGER NOT NULL DEFAULT 0,
    recognition_mode  TEXT NOT NULL,
    confidence        INTEGER,
    vendor_event_id   TEXT,
    offline_replay    INTEGER NOT NULL DEFAULT 0,
    vehicle_id        INTEGER REFERENCES vehicles(id),
    emission_stage    TEXT,
    fuel              TEXT,
    decision          TEXT NOT NULL CHECK (decision IN ('allow','deny','allow-with-exemption')),
    reason_code       TEXT NOT NULL,
    reason_zh         TEXT NOT NULL,
    reason_en         TEXT NOT NULL,
    rule_version      TEXT NOT NULL,
    control_state     TEXT NOT NULL,
    captured_at       INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    prev_hash         TEXT NOT NULL,
    hash              TEXT NOT NULL
  );
  CREATE INDEX passages_plate_time ON passages(plate, captured_at);
  CREATE INDEX passages_time ON passages(captured_at);
  CREATE INDEX passages_lane_time ON passages(lane_id, captured_at);
  CREATE UNIQUE INDEX passages_vendor_event ON passages(camera_id, vendor_event_id)
    WHERE vendor_event_id IS NOT NULL;

  CREATE TABLE passage_photos (
    passage_id TEXT NOT NULL REFERENCES passages(id),
    kind       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    mime       TEXT NOT NULL,
    bytes      INTEGER NOT NULL,
    PRIMARY KEY (passage_id, kind, sha256)
  );

  CREATE TABLE barrier_events (
    id         INTEGER PRIMARY KEY,
    lane_id    TEXT NOT NULL,
    passage_id TEXT REFERENCES passages(id),
    trigger    TEXT NOT NULL CHECK (trigger IN ('decision','manual')),
    path       TEXT NOT NULL,
    ok         INTEGER NOT NULL,
    error      TEXT,
    actor      TEXT,
    reason     TEXT,
    at         INTEGER NOT NULL
  );
  CREATE INDEX barrier_events_passage ON barrier_events(passage_id);

  CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    message_id      TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    subject_id      TEXT NOT NULL,
    order_key       TEXT NOT NULL,
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','acked','rejected')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    acked_at        INTEGER
  );
  CREATE INDEX outbox_pending ON outbox(state, next_attempt_at);
  CREATE INDEX outbox_order ON outbox(state, order_key, id);

  CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT,
    detail  TEXT
  );

  CREATE TABLE segments (
    id          INTEGER PRIMARY KEY,
    camera_id   TEXT NOT NULL,
    path        TEXT NOT NULL UNIQUE,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    bytes       INTEGER NOT NULL,
    codec       TEXT,
    width       INTEGER,
    height      INTEGER,
    created_at  INTEGER NOT NULL
  );
  CREATE INDEX segments_camera_time ON segments(camera_id, start_at, end_at);

  CREATE TABLE passage_segments (
    passage_id TEXT NOT NULL REFERENCES passages(id),
    segment_id INTEGER NOT NULL REFERENCES segments(id),
    PRIMARY KEY (passage_id, segment_id)
  );

  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `;
