// Loads better-sqlite3 (an N-API build, so the same file serves Node and Electron) and turns the
// two failures seen in the field into messages a person can act on.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

export type SqliteDatabase = BetterSqlite3.Database;

const require = createRequire(import.meta.url);

export function openSqlite(file: string): SqliteDatabase {
  let Database: typeof BetterSqlite3;
  try {
    Database = require('better-sqlite3') as typeof BetterSqlite3;
  } catch (err) {
    const message = (err as Error).message;
    if (/NODE_MODULE_VERSION|was compiled against a different/.test(message)) {
      throw new Error(
        `better-sqlite3 was built for another Node/Electron ABI: ${message}. ` +
          'Use better-sqlite3 13 (N-API prebuilds) and run npm ci on Node 22 or newer.',
      );
    }
    throw new Error(`better-sqlite3 could not be loaded: ${message}`);
  }
  return new Database(file);
}
