// Migrations are numbered by the branch that adds them and merge in any order: a database
// remembers each number it ran, so none is skipped and none runs twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../native/sqlite.ts';
import { openDatabase } from './database.ts';
import { migrate, MIGRATION_NUMBERS, SCHEMA_VERSION } from './migrations.ts';
import { MIGRATION_001 } from './migrations/001-main-chain.ts';
import { MIGRATION_002 } from './migrations/002-rules-alerts.ts';
import { MIGRATION_003 } from './migrations/003-sync.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-migrate-'));
  dirs.push(dir);
  return join(dir, 'gatehouse.db');
}

const versions = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as
    { version: number }[]).map((r) => r.version);

describe('database migrations', () => {
  it('bring a new database to the device tables and remember each number', () => {
    const db = openDatabase(tempFile());

    expect(versions(db)).toContain(5);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.prepare(`INSERT INTO device_health (device_id, kind, state, last_seen_at, changed_at,
      reason) VALUES ('cam-1', 'camera', 'online', 1, 1, null)`).run();
    db.close();
  });

  it('take a database written before numbers were recorded, and run only what it lacks', () => {
    const file = tempFile();
    const old = openSqlite(file);
    old.exec(MIGRATION_001);
    old.exec(MIGRATION_002);
    old.exec(MIGRATION_003);
    old.pragma('user_version = 3');
    old.close();

    const db = openDatabase(file);
    migrate(db); // a second start changes nothing

    // 1–3 taken from user_version, every later one run once.
    expect(versions(db)).toEqual(MIGRATION_NUMBERS);
    expect(db.prepare('SELECT applied_at FROM schema_migrations WHERE version = 3').get())
      .toEqual({ applied_at: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM allowlist_sync').get()).toEqual({ n: 0 });
    db.close();
  });
});
