// The one SQLite file that holds the ledger. It is evidence, so WAL with synchronous=FULL:
// a committed passage survives a power cut. One writer (this process); readers share it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openSqlite, type SqliteDatabase } from '../../native/sqlite.ts';
import { migrate } from './migrations.ts';

export type Db = SqliteDatabase;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = openSqlite(file);

  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_size_limit = 67108864');

  migrate(db);
  return db;
}
