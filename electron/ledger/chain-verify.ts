// Verifies a passages export (xlsx or CSV) the way an inspector would: every row's hash is
// re-derived from its own fields and the previous hash it names; consecutive rows must link;
// and each row is compared with the database, whose own chain is re-derived too, so an edit to
// the file and an edit to the database are both found. The first failure is named; rows after
// it are not trusted.
import type { ChainFault } from '../api/contract.ts';
import type { Db } from '../db/database.ts';
import { passageHash } from './passages.ts';
import { verifyPassageChain } from './chain.ts';
import {
  LATER_CHAIN_COLUMNS, PASSAGE_CHAIN_COLUMNS, readChainRow, type ChainRow,
} from './export/passage-chain.ts';
import { readSheet } from './import/read-sheet.ts';

export interface ExportCheck {
  ok: boolean;
  rows: number;
  firstBad: { seq: number; passageId: string | null; fault: ChainFault; reason: string } | null;
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
    firstBad: { seq: check.seq, passageId: row?.id ?? null, fault: 'database-changed',
      reason: check.reason } };
}

export async function verifyExport(db: Db, bytes: Buffer): Promise<ExportCheck> {
  const sheet = await readSheet(bytes);
  const keys = sheet.header.map((h) => PASSAGE_CHAIN_COLUMNS.find((c) => c.zh === h)?.key);
  const missing = PASSAGE_CHAIN_COLUMNS.filter((c) => !keys.includes(c.key));
  if (missing.some((c) => !LATER_CHAIN_COLUMNS.has(c.key))) {
    return { ok: false, rows: 0, matchesDatabase: null, firstBad: { seq: 0, passageId: null,
      fault: 'not-chain-export',
      reason: 'not a passages export: the chain columns are missing' } };
  }

  const stored = db.prepare('SELECT hash FROM passages WHERE seq = ? AND id = ?');
  const database = verifyPassageChain(db);
  const rows = sheet.rows.map(({ cells }) => {
    const byKey: Record<string, string> = {};
    keys.forEach((k, i) => {
      if (k) byKey[k] = cells[i] ?? '';
    });
    return readChainRow(byKey);
  });
  const lost = lostPassage(db, rows);
  let previous: { seq: number; hash: string } | null = null;
  let matches = true;
  for (const row of rows) {
    const bad = (fault: ChainFault, reason: string) => ({ ok: false, rows: rows.length,
      matchesDatabase: false,
      firstBad: { seq: row.seq, passageId: row.passage.id, fault, reason } });

    if (passageHash(row.prevHash, row.passage, row.photos) !== row.hash) {
      return bad('export-edited',
        'the row\'s fields do not give its hash: the export was edited');
    }
    if (previous && row.seq === previous.seq + 1 && row.prevHash !== previous.hash) {
      return bad('export-unlinked', 'the row does not follow the one before it');
    }
    if (lost && previous && previous.seq < lost.seq && lost.seq < row.seq) {
      return { ok: false, rows: rows.length, matchesDatabase: false,
        firstBad: { seq: lost.seq, passageId: lost.id, fault: 'export-missing' as const,
          reason: 'a passage of the export\'s own time span is not in it: rows were removed' } };
    }
    const kept = stored.get(row.seq, row.passage.id) as { hash: string } | undefined;
    if (!kept || kept.hash !== row.hash) {
      return bad('export-differs', 'the database holds this passage differently, or not at all');
    }
    if (!database.ok && database.seq <= row.seq) matches = false;
    previous = { seq: row.seq, hash: row.hash };
  }

  if (!matches && !database.ok) {
    return { ok: false, rows: sheet.rows.length, matchesDatabase: false,
      firstBad: { seq: database.seq, passageId: null, fault: 'database-changed',
        reason: `the database was changed: ${database.reason}` } };
  }
  return { ok: true, rows: rows.length, firstBad: null, matchesDatabase: true };
}

/**
 * The first stored passage the export skips although it falls inside the export's own time
 * span. An export covers every passage captured in its range (from ≤ captured_at < to), so
 * between its earliest and latest capture it skips none; seq gaps are normal there only for
 * passages captured outside that span (an offline replay). Rows cut from either end of the file
 * narrow the span and cannot be told from a narrower export.
 */
function lostPassage(db: Db, rows: readonly ChainRow[]): { seq: number; id: string } | null {
  if (rows.length < 2) return null;
  // A loop, not Math.min(...rows): an export holds up to 200 000 rows, too many arguments.
  const span = { first: Infinity, last: -Infinity, from: Infinity, to: -Infinity };
  for (const { seq, passage } of rows) {
    span.first = Math.min(span.first, seq);
    span.last = Math.max(span.last, seq);
    span.from = Math.min(span.from, passage.capturedAt);
    span.to = Math.max(span.to, passage.capturedAt);
  }
  const inFile = new Set(rows.map((r) => r.seq));

  const candidates = db.prepare(
    `SELECT seq, id FROM passages WHERE seq > ? AND seq < ? AND captured_at >= ?
       AND captured_at <= ? ORDER BY seq`,
  ).iterate(span.first, span.last, span.from, span.to) as
    IterableIterator<{ seq: number; id: string }>;
  for (const candidate of candidates) {
    if (!inFile.has(candidate.seq)) {
      candidates.return?.();
      return candidate;
    }
  }
  return null;
}
