// Versioned migrations: each runs once, inside a transaction. Never edit a shipped migration;
// add the next one. Migrations are numbered by the issue branch that adds them (004 ledgers,
// 005 devices, …), and branches merge in any order, so a database records each number it has
// applied (schema_migrations) rather than only the highest one: a 004 merged after a database
// already ran 005 still runs. `PRAGMA user_version` keeps the highest number, as before.
import type { Db } from './database.ts';

import { MIGRATION_001 } from './migrations/001-main-chain.ts';
import { MIGRATION_002 } from './migrations/002-rules-alerts.ts';
import { MIGRATION_003 } from './migrations/003-sync.ts';
import { MIGRATION_004 } from './migrations/004-ledgers.ts';
import { MIGRATION_005 } from './migrations/005-devices.ts';
import { MIGRATION_007 } from './migrations/007-video.ts';
import { MIGRATION_008 } from './migrations/008-lpr.ts';
import { MIGRATION_009 } from './migrations/009-heartbeat.ts';
import { MIGRATION_010 } from './migrations/010-vehicle-registry-status.ts';
import { MIGRATION_011 } from './migrations/011-test-push.ts';
import { MIGRATION_012 } from './migrations/012-barrier-failure.ts';

/** By number; applied in ascending order. */
const MIGRATIONS: ReadonlyArray<readonly [number, string]> = [
  [1, MIGRATION_001], [2, MIGRATION_002], [3, MIGRATION_003], [4, MIGRATION_004],
  [5, MIGRATION_005], [7, MIGRATION_007], [8, MIGRATION_008], [9, MIGRATION_009],
  [10, MIGRATION_010], [11, MIGRATION_011], [12, MIGRATION_012],
];

export function migrate(db: Db): void {
  // Databases from before the table knew only user_version: 1..user_version were applied.
  const legacy = db.pragma('user_version', { simple: true }) as number;
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`);
  const record = db.prepare('INSERT OR IGNORE INTO schema_migrations VALUES (?, ?)');
  for (let version = 1; version <= Math.min(legacy, 3); version++) record.run(version, 0);

  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as
    { version: number }[]).map((r) => r.version));
  const pending = [...MIGRATIONS].sort((a, b) => a[0] - b[0]).filter(([n]) => !applied.has(n));
  for (const [version, sql] of pending) {
    const apply = db.transaction(() => {
      db.exec(sql);
      record.run(version, Date.now());
      const highest = db.pragma('user_version', { simple: true }) as number;
      db.pragma(`user_version = ${Math.max(highest, version)}`);
    });
    apply();
  }
}

/** Every migration's number, ascending. */
export const MIGRATION_NUMBERS = MIGRATIONS.map(([n]) => n).sort((a, b) => a - b);

export const SCHEMA_VERSION = Math.max(...MIGRATION_NUMBERS);
