// Migration 4: the electronic ledgers (issue #4) — every field of domain.md §1.5 on the
// vehicle, in-plant vehicle and machinery records, each record's version and its earlier
// versions, document photos by content hash, the fuel/urea/maintenance logs, and visits (an
// entry paired with its exit, derived from the immutable passages) with cargo rows that correct
// each other instead of being edited. `stage_evidence` keeps holding the evidence KIND the rules
// read; the evidence's own words go to `stage_evidence_note`.
export const MIGRATION_004 = `
  ALTER TABLE vehicles ADD COLUMN stage_evidence_note TEXT NOT NULL DEFAULT '';
  ALTER TABLE vehicles ADD COLUMN use_character TEXT NOT NULL DEFAULT '';
  ALTER TABLE vehicles ADD COLUMN brand_model TEXT NOT NULL DEFAULT '';
  ALTER TABLE vehicles ADD COLUMN rated_load_kg REAL;
  ALTER TABLE vehicles ADD COLUMN gross_mass_kg REAL;
  ALTER TABLE vehicles ADD COLUMN licence_issue_date TEXT;
  ALTER TABLE vehicles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE vehicles ADD COLUMN updated_by TEXT NOT NULL DEFAULT 'system';
  CREATE INDEX vehicles_stage ON vehicles(emission_stage);
  CREATE INDEX vehicles_fleet ON vehicles(fleet);

  ALTER TABLE inplant_vehicles ADD COLUMN stage_evidence_note TEXT NOT NULL DEFAULT '';
  ALTER TABLE inplant_vehicles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE inplant_vehicles ADD COLUMN updated_by TEXT NOT NULL DEFAULT 'system';

  ALTER TABLE machinery ADD COLUMN stage_evidence_note TEXT NOT NULL DEFAULT '';
  ALTER TABLE machinery ADD COLUMN pin TEXT NOT NULL DEFAULT '';
  ALTER TABLE machinery ADD COLUMN engine_model TEXT NOT NULL DEFAULT '';
  ALTER TABLE machinery ADD COLUMN engine_no TEXT NOT NULL DEFAULT '';
  ALTER TABLE machinery ADD COLUMN engine_maker TEXT NOT NULL DEFAULT '';
  ALTER TABLE machinery ADD COLUMN owner TEXT NOT NULL DEFAULT '';
  ALTER TABLE machinery ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE machinery ADD COLUMN updated_by TEXT NOT NULL DEFAULT 'system';

  CREATE TABLE ledger_versions (
    ledger    TEXT NOT NULL CHECK (ledger IN ('vehicles','inPlant','machinery')),
    record_id INTEGER NOT NULL,
    version   INTEGER NOT NULL,
    fields    TEXT NOT NULL,
    saved_by  TEXT NOT NULL,
    saved_at  INTEGER NOT NULL,
    PRIMARY KEY (ledger, record_id, version)
  );

  CREATE TABLE ledger_uploads (
    sha256      TEXT PRIMARY KEY,
    mime        TEXT NOT NULL,
    bytes       INTEGER NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL
  );

  CREATE TABLE ledger_documents (
    ledger    TEXT NOT NULL CHECK (ledger IN ('vehicles','inPlant','machinery','logs')),
    record_id INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    sha256    TEXT NOT NULL REFERENCES ledger_uploads(sha256),
    added_at  INTEGER NOT NULL,
    PRIMARY KEY (ledger, record_id, kind, sha256)
  );
  CREATE INDEX ledger_documents_sha ON ledger_documents(sha256);

  CREATE TABLE ledger_logs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('fuel','urea','maintenance')),
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('inPlant','machinery')),
    subject_id   INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    fill         TEXT,
    quantity     REAL,
    unit         TEXT CHECK (unit IN ('L','kg','kWh')),
    grade        TEXT NOT NULL DEFAULT '',
    supplier     TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    operator     TEXT NOT NULL,
    created_at   INTEGER NOT NULL
  );
  CREATE INDEX ledger_logs_at ON ledger_logs(at);
  CREATE INDEX ledger_logs_subject ON ledger_logs(subject_kind, subject_id, at);

  CREATE TABLE visits (
    id               TEXT PRIMARY KEY,
    plate            TEXT NOT NULL,
    plate_color      TEXT NOT NULL,
    entry_passage_id TEXT UNIQUE REFERENCES passages(id),
    exit_passage_id  TEXT UNIQUE REFERENCES passages(id),
    entered_at       INTEGER,
    exited_at        INTEGER,
    sort_at          INTEGER NOT NULL,
    vehicle_id       INTEGER REFERENCES vehicles(id),
    emission_stage   TEXT,
    fuel             TEXT,
    decision         TEXT NOT NULL
  );
  CREATE INDEX visits_plate_time ON visits(plate, sort_at);
  CREATE INDEX visits_time ON visits(sort_at, exited_at, entered_at);
  CREATE INDEX visits_stage_time ON visits(emission_stage, sort_at, exited_at, entered_at);
  CREATE INDEX visits_open ON visits(plate, plate_color) WHERE exit_passage_id IS NULL;

  CREATE TABLE visit_cargo (
    id         INTEGER PRIMARY KEY,
    visit_id   TEXT NOT NULL REFERENCES visits(id),
    cargo_name TEXT NOT NULL,
    tonnage    REAL NOT NULL CHECK (tonnage >= 0 AND tonnage <= 999.9),
    entered_by TEXT NOT NULL,
    at         INTEGER NOT NULL,
    corrects   INTEGER UNIQUE REFERENCES visit_cargo(id),
    reason     TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX visit_cargo_visit ON visit_cargo(visit_id, id);

  INSERT OR IGNORE INTO settings (key, value) VALUES ('visits.pairedThroughSeq', '0');
  INSERT OR IGNORE INTO settings (key, value) VALUES ('visits.overridesThroughId', '0');
  `;
