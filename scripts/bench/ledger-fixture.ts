// The bench's ledger: 10 million passages (two years of a busy gate, about 13 700 a day, 20 000
// trucks) and the 5 million visits they pair into, in a SQLite file under the OS temp folder.
// Made once with one prepared insert per table in big transactions, then reused while its
// stamp (schema version, generator version, size) matches. The passages' hash fields are
// placeholders, not a chain: the bench times queries, and a real chain of 10 M rows costs
// minutes of hashing that measure nothing here (the chain has its own tests).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { SCHEMA_VERSION } from '../../electron/db/migrations.ts';
import { sheetPlate, sheetVin } from '../../electron/sim/carrier-sheet.ts';

/** Bump when the generated data changes shape, so an old file is made again. */
const GENERATOR_VERSION = 1;
export const FIXTURE_DAYS = 730;
/** 2024-12-01 06:00 in Beijing, when the first day's trucks start coming. */
export const FIXTURE_START = Date.UTC(2024, 10, 30, 22);
const TRUCKS = 20_000;
/** A week of passages (about 96 000 rows) per transaction. */
const DAYS_PER_TRANSACTION = 7;
const DAY_MS = 86_400_000;
/** Trucks come from 06:00 to 20:00 Beijing time. */
const WORK_HOURS_MS = 14 * 3_600_000;
const STAGES = ['3', '4', '4', '5', '5', '5', '5', '6', '6', 'D'];
const FLEETS = ['郑州顺达物流', '洛阳宏运', '个体', '新乡通达', '郑州绿运'];

export interface Fixture {
  db: Db;
  file: string;
  passages: number;
  plates: number;
}

/** The i-th truck's stage: the mix a cement plant sees. */
export const stageOf = (truck: number) => STAGES[truck % STAGES.length]!;

export function openLedgerFixture(passages: number, note: (t: string) => void): Fixture {
  const dir = join(tmpdir(), 'gatehouse-bench-ledger');
  const file = join(dir, `passages-${passages}.db`);
  const stamp = `${SCHEMA_VERSION}:${GENERATOR_VERSION}:${passages}`;

  if (existsSync(file)) {
    const db = openDatabase(file);
    const found = db.prepare("SELECT value FROM settings WHERE key = 'bench.stamp'").get() as
      { value: string } | undefined;
    if (found?.value === stamp) {
      note(`reusing ${file}`);
      syncIndexes(db, note);
      return { db, file, passages, plates: TRUCKS };
    }
    db.close();
    rmSync(file, { force: true });
  }

  mkdirSync(dir, { recursive: true });
  const db = openDatabase(file);
  const started = performance.now();
  generate(db, passages, note);
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('bench.stamp', ?)").run(stamp);
  note(`made ${file} in ${Math.round((performance.now() - started) / 1000)} s`);
  return { db, file, passages, plates: TRUCKS };
}

function generate(db: Db, passages: number, note: (t: string) => void): void {
  // A bench fixture, not evidence: no fsync while it is made, and the secondary indexes are
  // built once at the end (syncIndexes) instead of row by row.
  db.pragma('synchronous = OFF');
  const secondary = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'
    AND sql IS NOT NULL AND tbl_name IN ('passages', 'visits')`).all() as Array<{ name: string }>;
  for (const { name } of secondary) db.exec(`DROP INDEX ${name}`);
  insertTrucks(db);

  const insertPassage = db.prepare(`INSERT INTO passages (seq, id, lane_id, gate_id, camera_id,
      direction, plate, plate_color, read_plate_color, color_mismatch, recognition_mode,
      confidence, vendor_event_id, offline_replay, vehicle_id, emission_stage, fuel, decision,
      reason_code, reason_zh, reason_en, rule_version, control_state, captured_at, created_at,
      prev_hash, hash)
    VALUES (?, ?, ?, 'G1', ?, ?, ?, 'yellow', 'yellow', 0, 'auto', 96, NULL, 0, ?, ?, ?, ?, ?,
      ?, ?, 'henan-2024.1', 'none', ?, ?, ?, ?)`);
  const insertVisit = db.prepare(`INSERT INTO visits (id, plate, plate_color, entry_passage_id,
      exit_passage_id, entered_at, exited_at, sort_at, vehicle_id, emission_stage, fuel,
      decision) VALUES (?, ?, 'yellow', ?, ?, ?, ?, ?, ?, ?, ?, 'allow')`);

  let seq = 0;
  let random = 20_241_201;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const perDay = Math.ceil(passages / FIXTURE_DAYS / 2);
  const writeDay = (day: number, visits: number) => {
    const trips = Array.from({ length: visits }, () => {
      const truck = Math.floor(next() ** 2 * TRUCKS);
      const inAt = FIXTURE_START + day * DAY_MS + Math.floor(next() * WORK_HOURS_MS);
      return { truck, inAt, outAt: inAt + 1_200_000 + Math.floor(next() * 4_000_000) };
    }).sort((a, b) => a.inAt - b.inAt);

    for (const t of trips) {
      if (seq >= passages) return;
      const plate = sheetPlate(t.truck);
      const stage = stageOf(t.truck);
      const fuel = stage === 'D' ? 'C' : 'B';
      const entry = `bench-${++seq}`;
      insertPassage.run(seq, entry, 'L1', 'cam-1', 'in', plate, t.truck + 1, stage, fuel,
        'allow', 'ok', '放行', 'allowed', t.inAt, t.inAt, '0', seq.toString(16));
      const exit = `bench-${++seq}`;
      insertPassage.run(seq, exit, 'L2', 'cam-2', 'out', plate, t.truck + 1, stage, fuel,
        'allow', 'ok', '放行', 'allowed', t.outAt, t.outAt, '0', seq.toString(16));
      insertVisit.run(entry, plate, entry, exit, t.inAt, t.outAt, t.inAt, t.truck + 1, stage,
        fuel);
    }
  };
  const writeWeek = db.transaction((first: number) => {
    for (let day = first; day < first + DAYS_PER_TRANSACTION; day++) writeDay(day, perDay);
  });

  for (let day = 0; day < FIXTURE_DAYS && seq < passages; day += DAYS_PER_TRANSACTION) {
    writeWeek(day);
    if (day % 70 === 0) note(`generating: day ${day}, ${seq} passages`);
  }
  db.prepare("UPDATE settings SET value = ? WHERE key = 'visits.pairedThroughSeq'")
    .run(String(seq));
  syncIndexes(db, note);
  note('analysing the indexes');
  db.exec('ANALYZE');
}

function insertTrucks(db: Db): void {
  const add = db.prepare(`INSERT INTO vehicles (id, plate, plate_color, vehicle_type, fuel,
      emission_stage, stage_evidence, vin, engine_no, registration_date, fleet, owner,
      created_at, updated_at) VALUES (?, ?, 'yellow', 'H11', ?, ?, 'ENV_LIST', ?, ?, ?, ?, ?,
      ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < TRUCKS; i++) {
      const stage = stageOf(i);
      add.run(i + 1, sheetPlate(i), stage === 'D' ? 'C' : 'B', stage, sheetVin(i), `WP10-${i}`,
        '2019-05-20', FLEETS[i % FLEETS.length], `${FLEETS[i % FLEETS.length]}有限公司`,
        FIXTURE_START, FIXTURE_START);
    }
  })();
}

/**
 * Gives a reused file the indexes the migrations make today: the file outlives edits to the
 * ledger's indexes, and rebuilding an index takes seconds where remaking 10 M rows takes long.
 */
function syncIndexes(db: Db, note: (t: string) => void): void {
  const fresh = openDatabase(':memory:');
  const want = new Map((fresh.prepare(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
  ).all() as Array<{ name: string; sql: string }>).map((r) => [r.name, r.sql]));
  fresh.close();
  const have = db.prepare(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
  ).all() as Array<{ name: string; sql: string }>;

  for (const { name, sql } of have) {
    if (want.get(name) === sql) continue;
    note(`dropping the outdated index ${name}`);
    db.exec(`DROP INDEX ${name}`);
  }
  const kept = new Set(have.filter((h) => want.get(h.name) === h.sql).map((h) => h.name));
  for (const [name, sql] of want) {
    if (kept.has(name)) continue;
    note(`building the index ${name}`);
    db.exec(sql);
  }
  if (kept.size !== want.size) db.exec('ANALYZE');
}
