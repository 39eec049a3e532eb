// Migration 2: rules and alerts (issue #5) — alerts (set by hand, scheduled ahead or taken from
// the platform's downlink), overrides of denied passages as rows of their own (the passage stays
// immutable), the vehicle facts the decision reads, and the in-plant vehicle and machinery
// inventories the compliance check lists (names after domain.md §1.5.2 / §1.5.3; issue #4
// extends them into the full ledgers).
export const MIGRATION_002 = `
  CREATE TABLE alerts (
    id            INTEGER PRIMARY KEY,
    level         TEXT NOT NULL CHECK (level IN ('yellow','orange','red')),
    response      TEXT NOT NULL CHECK (response IN ('III','II','I')),
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL,
    measure       TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL CHECK (source IN ('manual','scheduled','platform')),
    platform_id   TEXT UNIQUE,
    created_by    TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    cancelled_at  INTEGER,
    cancelled_by  TEXT,
    CHECK (ends_at > starts_at),
    CHECK ((source = 'platform') = (platform_id IS NOT NULL))
  );
  CREATE INDEX alerts_window ON alerts(starts_at, ends_at);

  CREATE TABLE passage_overrides (
    id            INTEGER PRIMARY KEY,
    passage_id    TEXT NOT NULL UNIQUE REFERENCES passages(id),
    approver      TEXT NOT NULL,
    requested_by  TEXT NOT NULL,
    reason        TEXT NOT NULL,
    at            INTEGER NOT NULL
  );

  ALTER TABLE vehicles ADD COLUMN exemption_class TEXT;
  ALTER TABLE vehicles ADD COLUMN obd_online INTEGER CHECK (obd_online IN (0, 1));

  CREATE TABLE inplant_vehicles (
    id                INTEGER PRIMARY KEY,
    registration_code TEXT NOT NULL UNIQUE,
    vehicle_type      TEXT NOT NULL,
    fuel              TEXT NOT NULL,
    emission_stage    TEXT NOT NULL,
    stage_evidence    TEXT NOT NULL,
    registration_date TEXT,
    vin               TEXT,
    engine_no         TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
  );

  CREATE TABLE machinery (
    id                    INTEGER PRIMARY KEY,
    env_registration_code TEXT NOT NULL UNIQUE,
    machine_type          TEXT NOT NULL,
    fuel                  TEXT NOT NULL,
    emission_stage        TEXT NOT NULL,
    stage_evidence        TEXT NOT NULL,
    power_kw              REAL,
    production_date       TEXT,
    machine_code          TEXT,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
  );
  `;
