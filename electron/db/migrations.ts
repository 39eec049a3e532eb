// Versioned migrations: each entry runs once, in order, inside a transaction, and bumps
// `PRAGMA user_version`. Never edit a shipped migration; add the next one.
import type { Db } from './database.ts';

import { MIGRATION_001 } from './migrations/001-main-chain.ts';
import { MIGRATION_002 } from './migrations/002-rules-alerts.ts';
import { MIGRATION_003 } from './migrations/003-sync.ts';
import { MIGRATION_007 } from './migrations/007-video.ts';

/** In order; a migration's number is its position plus one. */
// 004–006 belong to other branches (ledgers, devices, setup); the empty strings hold their
// places until those branches merge and put their migrations there.
const MIGRATIONS: readonly string[] = [
  MIGRATION_001, MIGRATION_002, MIGRATION_003, '', '', '', MIGRATION_007,
];

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;

  for (let version = current; version < MIGRATIONS.length; version++) {
    const apply = db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    });
    apply();
  }
}

export const SCHEMA_VERSION = MIGRATIONS.length;
