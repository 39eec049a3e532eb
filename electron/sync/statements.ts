// Prepared statements of the sync repositories, compiled once per database: the drainer marks
// and fetches outbox rows thousands of times in a backlog, and compiling a statement each time
// cost as much as running it.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.ts';

const STATEMENTS = new WeakMap<Db, Map<string, Statement>>();

/** The prepared statement for `text` on `db`. */
export function sql(db: Db, text: string): Statement {
  let cache = STATEMENTS.get(db);
  if (!cache) STATEMENTS.set(db, (cache = new Map()));

  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.prepare(text)));
  return statement;
}
