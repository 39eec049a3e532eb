// Checks the passage ledger's hash chain the way an inspector's export will: every row must
// point at the hash of the row before it (the first at GENESIS_HASH), and recomputing its hash
// from the stored fields and photos must give the stored hash. The first row that fails is
// named; rows after it are not trusted and not checked.
import type { Db } from '../db/database.ts';
import { GENESIS_HASH, passageHash, type NewPassage, type PassagePhoto } from './passages.ts';

export type ChainCheck =
  | { ok: true; passages: number }
  | { ok: false; seq: number; reason: string };

interface StoredPassage {
  seq: number;
  id: string;
  lane_id: string;
  gate_id: string;
  camera_id: string;
  direction: NewPassage['direction'];
  plate: string;
  plate_color: string;
  read_plate_color: string;
  color_mismatch: number;
  recognition_mode: NewPassage['recognitionMode'];
  confidence: number | null;
  vendor_event_id: string | null;
  offline_replay: number;
  vehicle_id: number | null;
  emission_stage: string | null;
  fuel: string | null;
  decision: NewPassage['decision'];
  reason_code: string;
  reason_zh: string;
  reason_en: string;
  rule_version: string;
  control_state: string;
  captured_at: number;
  created_at: number;
  test_push: number;
  prev_hash: string;
  hash: string;
}

export function verifyPassageChain(db: Db): ChainCheck {
  // Photos in the order they were inserted: the order the hash was computed over.
  const photosOf = db.prepare(
    'SELECT kind, sha256, mime, bytes FROM passage_photos WHERE passage_id = ? ORDER BY rowid',
  );
  const rows = db.prepare('SELECT * FROM passages ORDER BY seq').iterate() as
    IterableIterator<StoredPassage>;

  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    if (row.prev_hash !== prevHash) {
      rows.return?.();
      return { ok: false, seq: row.seq, reason: 'prev_hash is not the previous passage\'s hash' };
    }

    const photos = photosOf.all(row.id) as PassagePhoto[];
    if (passageHash(prevHash, toPassage(row), photos) !== row.hash) {
      rows.return?.();
      return { ok: false, seq: row.seq, reason: 'hash does not match the stored passage' };
    }

    prevHash = row.hash;
    count += 1;
  }
  return { ok: true, passages: count };
}

function toPassage(r: StoredPassage): NewPassage {
  return {
    id: r.id,
    laneId: r.lane_id,
    gateId: r.gate_id,
    cameraId: r.camera_id,
    direction: r.direction,
    plate: r.plate,
    plateColor: r.plate_color,
    readPlateColor: r.read_plate_color,
    colorMismatch: r.color_mismatch === 1,
    recognitionMode: r.recognition_mode,
    confidence: r.confidence,
    vendorEventId: r.vendor_event_id,
    offlineReplay: r.offline_replay === 1,
    vehicleId: r.vehicle_id,
    emissionStage: r.emission_stage,
    fuel: r.fuel,
    decision: r.decision,
    reasonCode: r.reason_code,
    reasonZh: r.reason_zh,
    reasonEn: r.reason_en,
    ruleVersion: r.rule_version,
    controlState: r.control_state,
    capturedAt: r.captured_at,
    createdAt: r.created_at,
    testPush: r.test_push === 1,
  };
}
