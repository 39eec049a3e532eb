// Visits are derived from the immutable passages: an admitted entry opens a visit, the next
// exit of the same plate closes it. The pairing runs over the passages written since it last
// ran (a watermark by passage seq), in chunks, so it never holds the writer for long and can be
// rebuilt from the passages at any time. A denied entry is no visit — unless a manager
// overrode the denial, which may happen after the entry was paired (a second watermark).
// A test push's passage (the setup wizard's) is no vehicle's: it opens and closes no visit.
import type { Db } from '../db/database.ts';
import { sql } from '../sync/statements.ts';

/** Passages paired per transaction: small enough that a lane's write waits milliseconds. */
export const PAIRING_CHUNK = 2_000;

const SEQ_KEY = 'visits.pairedThroughSeq';
const OVERRIDE_KEY = 'visits.overridesThroughId';

interface PassageRow {
  seq: number;
  id: string;
  direction: 'in' | 'out';
  plate: string;
  plate_color: string;
  vehicle_id: number | null;
  emission_stage: string | null;
  fuel: string | null;
  decision: string;
  captured_at: number;
  test_push: number;
  overridden: number;
}

const readMark = (db: Db, key: string) =>
  Number((sql(db, 'SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined)?.value ?? 0);
const writeMark = (db: Db, key: string, value: number) =>
  sql(db, `INSERT INTO settings (key, value) VALUES (?, ?)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, String(value));

const PASSAGE_COLUMNS = `p.seq, p.id, p.direction, p.plate, p.plate_color, p.vehicle_id,
  p.emission_stage, p.fuel, p.decision, p.captured_at, p.test_push,
  EXISTS (SELECT 1 FROM passage_overrides o WHERE o.passage_id = p.id) AS overridden`;

/** Pairs everything not yet paired; returns how many passages it looked at. */
export function pairVisits(db: Db): number {
  let seen = 0;
  pairLateOverrides(db);
  for (;;) {
    const n = db.transaction(() => pairChunk(db))();
    seen += n;
    if (n < PAIRING_CHUNK) return seen;
  }
}

function pairChunk(db: Db): number {
  const from = readMark(db, SEQ_KEY);
  const rows = sql(db,
    `SELECT ${PASSAGE_COLUMNS} FROM passages p WHERE p.seq > ? ORDER BY p.seq LIMIT ?`,
  ).all(from, PAIRING_CHUNK) as PassageRow[];
  if (rows.length === 0) return 0;

  for (const p of rows) {
    if (p.test_push === 1) continue;
    if (p.direction === 'in') openVisit(db, p);
    else closeVisit(db, p);
  }
  writeMark(db, SEQ_KEY, rows[rows.length - 1]!.seq);
  return rows.length;
}

function openVisit(db: Db, p: PassageRow): void {
  if (p.test_push === 1) return;
  if (p.decision === 'deny' && !p.overridden) return;

  sql(db,
    `INSERT OR IGNORE INTO visits (id, plate, plate_color, entry_passage_id, entered_at, sort_at,
       vehicle_id, emission_stage, fuel, decision)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.id, p.plate, p.plate_color, p.id, p.captured_at, p.captured_at, p.vehicle_id,
    p.emission_stage, p.fuel, p.overridden ? 'override' : p.decision);
}

/** The exit closes the latest open visit of the plate; with none, it is a visit of its own. */
function closeVisit(db: Db, p: PassageRow): void {
  const open = sql(db,
    `SELECT id FROM visits WHERE plate = ? AND exit_passage_id IS NULL
       AND entered_at IS NOT NULL AND entered_at <= ?
       AND (plate_color = ? OR plate_color = 'unknown' OR ? = 'unknown')
     ORDER BY entered_at DESC LIMIT 1`,
  ).get(p.plate, p.captured_at, p.plate_color, p.plate_color) as { id: string } | undefined;

  if (open) {
    sql(db, 'UPDATE visits SET exit_passage_id = ?, exited_at = ? WHERE id = ?')
      .run(p.id, p.captured_at, open.id);
    return;
  }
  sql(db,
    `INSERT OR IGNORE INTO visits (id, plate, plate_color, exit_passage_id, exited_at, sort_at,
       vehicle_id, emission_stage, fuel, decision)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.id, p.plate, p.plate_color, p.id, p.captured_at, p.captured_at, p.vehicle_id,
    p.emission_stage, p.fuel, p.decision);
}

/** Denied entries overridden after the pairing passed them become visits now. */
function pairLateOverrides(db: Db): void {
  db.transaction(() => {
    const through = readMark(db, OVERRIDE_KEY);
    const pairedSeq = readMark(db, SEQ_KEY);
    const rows = sql(db,
      `SELECT o.id AS override_id, ${PASSAGE_COLUMNS} FROM passage_overrides o
       JOIN passages p ON p.id = o.passage_id WHERE o.id > ? ORDER BY o.id`,
    ).all(through) as Array<PassageRow & { override_id: number }>;
    if (rows.length === 0) return;

    for (const p of rows) {
      if (p.direction === 'in' && p.seq <= pairedSeq) openVisit(db, p);
    }
    writeMark(db, OVERRIDE_KEY, rows[rows.length - 1]!.override_id);
  })();
}
