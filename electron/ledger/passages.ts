// Passages are immutable evidence. Each row carries the hash of the row before it, so an export
// can prove no row was edited or removed. The barrier's outcome is a separate row, added after.
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { BarrierFailure } from '../api/contract/barrier-failures.ts';

export interface NewPassage {
  id: string;
  laneId: string;
  gateId: string;
  cameraId: string;
  direction: 'in' | 'out';
  plate: string;
  plateColor: string;
  readPlateColor: string;
  colorMismatch: boolean;
  recognitionMode: 'auto' | 'manual-corrected' | 'manual';
  confidence: number | null;
  vendorEventId: string | null;
  offlineReplay: boolean;
  vehicleId: number | null;
  emissionStage: string | null;
  fuel: string | null;
  decision: 'allow' | 'deny' | 'allow-with-exemption';
  reasonCode: string;
  reasonZh: string;
  reasonEn: string;
  ruleVersion: string;
  controlState: string;
  capturedAt: number;
  createdAt: number;
  /** Made by the setup wizard's test push (device-tests.ts), never by a camera: see below. */
  testPush: boolean;
}

export interface PassagePhoto {
  kind: string;
  sha256: string;
  mime: string;
  bytes: number;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of one passage: its fields in a fixed order, chained to the previous hash. The test
 * mark is hashed only where it is set, so a real passage hashes as it did before the mark
 * existed, and a mark added or removed afterwards breaks the chain like any other edit.
 */
export function passageHash(prevHash: string, p: NewPassage, photos: PassagePhoto[]): string {
  const fields: unknown[] = [
    p.id, p.laneId, p.gateId, p.cameraId, p.direction, p.plate, p.plateColor, p.readPlateColor,
    p.colorMismatch, p.recognitionMode, p.confidence, p.vendorEventId, p.offlineReplay,
    p.vehicleId, p.emissionStage, p.fuel, p.decision, p.reasonCode, p.reasonZh, p.reasonEn,
    p.ruleVersion, p.controlState, p.capturedAt, p.createdAt,
    photos.map((f) => [f.kind, f.sha256, f.mime, f.bytes]),
  ];
  if (p.testPush) fields.push('test-push');
  const body = JSON.stringify(fields);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Inserts a passage and its photos; call inside the caller's transaction. */
export function insertPassage(db: Db, p: NewPassage, photos: PassagePhoto[]): string {
  const last = db.prepare('SELECT hash FROM passages ORDER BY seq DESC LIMIT 1').get() as
    | { hash: string }
    | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = passageHash(prevHash, p, photos);

  db.prepare(
    `INSERT INTO passages (id, lane_id, gate_id, camera_id, direction, plate, plate_color,
       read_plate_color, color_mismatch, recognition_mode, confidence, vendor_event_id,
       offline_replay, vehicle_id, emission_stage, fuel, decision, reason_code, reason_zh,
       reason_en, rule_version, control_state, captured_at, created_at, test_push, prev_hash,
       hash)
     VALUES (@id, @laneId, @gateId, @cameraId, @direction, @plate, @plateColor, @readPlateColor,
       @colorMismatch, @recognitionMode, @confidence, @vendorEventId, @offlineReplay, @vehicleId,
       @emissionStage, @fuel, @decision, @reasonCode, @reasonZh, @reasonEn, @ruleVersion,
       @controlState, @capturedAt, @createdAt, @testPush, @prevHash, @hash)`,
  ).run({
    ...p,
    colorMismatch: p.colorMismatch ? 1 : 0,
    offlineReplay: p.offlineReplay ? 1 : 0,
    testPush: p.testPush ? 1 : 0,
    prevHash,
    hash,
  });

  const addPhoto = db.prepare(
    'INSERT INTO passage_photos (passage_id, kind, sha256, mime, bytes) VALUES (?, ?, ?, ?, ?)',
  );
  for (const f of photos) addPhoto.run(p.id, f.kind, f.sha256, f.mime, f.bytes);
  return hash;
}

export function recordBarrierEvent(
  db: Db,
  e: {
    laneId: string; passageId: string | null; trigger: 'decision' | 'manual'; path: string;
    ok: boolean; error: string | null; failure?: BarrierFailure | null; actor?: string;
    reason?: string; at: number;
  },
): void {
  db.prepare(
    `INSERT INTO barrier_events (lane_id, passage_id, trigger, path, ok, error, failure, actor,
       reason, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.laneId, e.passageId, e.trigger, e.path, e.ok ? 1 : 0, e.error, e.failure ?? null,
    e.actor ?? null, e.reason ?? null, e.at);
}

/**
 * The passage already stored for a camera's own event id (a resend), if any. A test push is
 * matched only with test passages and a camera's read only with real ones: neither can stand
 * in for the other, whatever event id or plate it carries.
 */
export function passageByVendorEvent(
  db: Db,
  cameraId: string,
  vendorEventId: string,
  capturedFrom: number,
  capturedTo: number,
  testPush: boolean,
): { id: string; decision: string } | null {
  const row = db
    .prepare(`SELECT id, decision FROM passages WHERE camera_id = ? AND vendor_event_id = ?
      AND captured_at BETWEEN ? AND ? AND test_push = ?`)
    .get(cameraId, vendorEventId, capturedFrom, capturedTo, testPush ? 1 : 0) as
    { id: string; decision: string } | undefined;
  return row ?? null;
}

/** The latest passage of a plate on a lane since a time, for reads without an event id. */
export function recentPassageOfPlate(
  db: Db,
  laneId: string,
  plate: string,
  since: number,
  testPush: boolean,
): { id: string; decision: string } | null {
  const row = db
    .prepare(
      `SELECT id, decision FROM passages WHERE lane_id = ? AND plate = ? AND captured_at >= ?
         AND test_push = ?
       ORDER BY captured_at DESC LIMIT 1`,
    )
    .get(laneId, plate, since, testPush ? 1 : 0) as { id: string; decision: string } | undefined;
  return row ?? null;
}
