// Verifies a passages export (xlsx or CSV) the way an inspector would: every row's hash is
// re-derived from its own fields and the previous hash it names; consecutive rows must link;
// and each row is compared with the database, whose own chain is re-derived too, so an edit to
// the file and an edit to the database are both found. The first failure is named; rows after
// it are not trusted.
import type { Db } from '../db/database.ts';
import { passageHash } from './passages.ts';
import { verifyPassageChain } from './chain.ts';
import {
  LATER_CHAIN_COLUMNS, PASSAGE_CHAIN_COLUMNS, readChainRow,
} from './export/passage-chain.ts';
import { readSheet } from './import/read-sheet.ts';

export interface ExportCheck {
  ok: boolean;
  rows: number;
  firstBad: { seq: number; passageId: string | null; reason: string } | null;
  /** null when only the database was checked. */
  matchesDatabase: boolean | null;
}

/** The database's own chain. */
export function verifyDatabaseChain(db: Db): ExportCheck {
  const check = verifyPassageChain(db);
  if (check.ok) return { ok: true, rows: check.passages, firstBad: null, matchesDatabase: null };
  const row = db.prepare('SELECT id FROM passages WHERE seq = ?').get(check.seq) as
    { id: string } | undefined;
  return { ok: false, rows: check.seq, matchesDatabase: null,
    firstBad: { seq: check.seq, passageId: row?.id ?? null, reason: check.reason } };
}

export async function verifyExport(db: Db, bytes: Buffer): Promise<ExportCheck> {
  const sheet = await readSheet(bytes);
  const keys = sheet.header.map((h) => PASSAGE_CHAIN_COLUMNS.find((c) => c.zh === h)?.key);
  const missing = PASSAGE_CHAIN_COLUMNS.filter((c) => !keys.includes(c.key));
  if (missing.some((c) => !LATER_CHAIN_COLUMNS.has(c.key))) {
    return { ok: false, rows: 0, matchesDatabase: null, firstBad: { seq: 0, passageId: null,
      reason: 'not a passages export: the chain columns are missing' } };
  }

  const stored = db.prepare('SELECT hash FROM passages WHERE seq = ? AND id = ?');
  const database = verifyPassageChain(db);
  let previous: { seq: number; hash: string } | null = null;
  let matches = true;
  for (const { cells } of sheet.rows) {
    const byKey: Record<string, string> = {};
    keys.forEach((k, i) => {
      if (k) byKey[k] = cells[i] ?? '';
    });
    const row = readChainRow(byKey);
    const bad = (reason: string) => ({ ok: false, rows: sheet.rows.length,
      matchesDatabase: false, firstBad: { seq: row.seq, passageId: row.passage.id, reason } });

    if (passageHash(row.prevHash, row.passage, row.photos) !== row.hash) {
      return bad('the row\'s fields do not give its hash: the export was edited');
    }
    if (previous && row.seq === previous.seq + 1 && row.prevHash !== previous.hash) {
      return bad('the row does not follow the one before it');
    }
    const kept = stored.get(row.seq, row.passage.id) as { hash: string } | undefined;
    if (!kept || kept.hash !== row.hash) {
      return bad('the database holds this passage differently, or not at all');
    }
    if (!database.ok && database.seq <= row.seq) matches = false;
    previous = { seq: row.seq, hash: row.hash };
  }

  if (!matches && !database.ok) {
    return { ok: false, rows: sheet.rows.length, matchesDatabase: false,
      firstBad: { seq: database.seq, passageId: null,
        reason: `the database was changed: ${database.reason}` } };
  }
  return { ok: true, rows: sheet.rows.length, firstBad: null, matchesDatabase: true };
}
