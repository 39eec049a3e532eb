// The passage ledger as the lane writes it: a hash chain an export can check, and a passage
// that could not be written leaves nothing behind — no row, no outbox message, no photo file.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassageChain } from '../../electron/ledger/chain.ts';
import { GENESIS_HASH, passageHash } from '../../electron/ledger/passages.ts';
import {
  MORNING, PLATE_JPEG, SCENE_JPEG, plateRead, rowsOf, stampedJpeg, startLaneWorld,
  type LaneWorld,
} from './lane-harness.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let world: LaneWorld;

beforeEach(async () => {
  world = await startLaneWorld();
});

afterEach(async () => {
  await world.close();
});

/** A morning at lane 2: an allowed truck, an unregistered one, an NEV and a colourless read. */
async function recordMorning(): Promise<void> {
  const reads = [
    { plate: '豫A12345', plateColor: 'yellow' as const },
    { plate: '豫C88888', plateColor: 'blue' as const },
    { plate: '豫A01234D', plateColor: 'yellowGreen' as const },
    { plate: '豫A54321', plateColor: 'unknown' as const },
  ];
  for (const [i, r] of reads.entries()) {
    await world.lanes.handleRead(plateRead({ ...r, cameraId: 'cam-2', vendor: 'vzenith',
      vendorEventId: `vz-${i}`, capturedAt: MORNING + i * 60_000 }), world.camera('cam-2'));
  }
}

describe('the passage hash chain', () => {
  it('links every passage to the one before and recomputes from the stored rows', async () => {
    await recordMorning();

    const rows = rowsOf(world.db, 'SELECT * FROM passages ORDER BY seq');
    expect(rows.map((p) => [p.plate, p.decision])).toEqual([
      ['豫A12345', 'allow'], ['豫C88888', 'deny'], ['豫A01234D', 'allow'], ['豫A54321', 'deny'],
    ]);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(new Set(rows.map((p) => p.hash)).size).toBe(4);

    // The first row by hand, to show what the hash covers: fields and photo hashes.
    const first = rows[0];
    const recomputed = passageHash(GENESIS_HASH, {
      id: first.id, laneId: 'lane-2', gateId: 'gate-1', cameraId: 'cam-2', direction: 'in',
      plate: '豫A12345', plateColor: 'yellow', readPlateColor: 'yellow', colorMismatch: false,
      recognitionMode: 'auto', confidence: 96, vendorEventId: 'vz-0', offlineReplay: false,
      vehicleId: first.vehicle_id, emissionStage: '5', fuel: 'B', decision: 'allow',
      reasonCode: 'STAGE_V_OR_VI', reasonZh: first.reason_zh, reasonEn: first.reason_en,
      ruleVersion: 'henan-bulk-transport@2021-01-20.1', controlState: 'normal',
      capturedAt: MORNING, createdAt: first.created_at, testPush: false,
    }, [
      { kind: 'scene', sha256: sha256(SCENE_JPEG), mime: 'image/jpeg', bytes: SCENE_JPEG.length },
      { kind: 'plate', sha256: sha256(PLATE_JPEG), mime: 'image/jpeg', bytes: PLATE_JPEG.length },
    ]);
    expect(recomputed).toBe(first.hash);

    expect(verifyPassageChain(world.db)).toEqual({ ok: true, passages: 4 });
  });

  it('breaks at the row where a denied truck was edited into an allowed one', async () => {
    await recordMorning();
    const [denied] = rowsOf(world.db, "SELECT seq FROM passages WHERE plate = '豫C88888'");

    world.db.prepare(
      "UPDATE passages SET decision = 'allow', reason_code = 'NO_RULE_DENIES' WHERE seq = ?",
    ).run(denied.seq);

    expect(verifyPassageChain(world.db)).toEqual({
      ok: false, seq: denied.seq, reason: 'hash does not match the stored passage',
    });
  });
});

describe('a passage that cannot be written', () => {
  it('rejects the read and leaves no row, no message and no photo of it behind', async () => {
    await world.lanes.handleRead(plateRead({ plate: '豫A12345', cameraId: 'cam-2',
      vendor: 'vzenith', vendorEventId: 'vz-earlier' }), world.camera('cam-2'));
    const filesBefore = mediaFiles(world);
    expect(filesBefore).toHaveLength(2);

    // The outbox refuses the row, as a full disk or a damaged file would: the passage is
    // inserted first in the transaction, so this proves the whole transaction rolls back.
    world.db.exec(`CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const scene = stampedJpeg(SCENE_JPEG, 'cam-2 2024-11-05 09:31:00');
    const plate = stampedJpeg(PLATE_JPEG, 'cam-2 2024-11-05 09:31:00');
    const read = plateRead({ plate: '豫A54321', cameraId: 'cam-2', vendor: 'vzenith',
      vendorEventId: 'vz-lost', capturedAt: MORNING + 60_000, images: [
        { kind: 'scene', mime: 'image/jpeg', bytes: scene },
        { kind: 'plate', mime: 'image/jpeg', bytes: plate },
      ] });

    await expect(world.lanes.handleRead(read, world.camera('cam-2')))
      .rejects.toThrow('database or disk is full');

    expect(rowsOf(world.db, "SELECT id FROM passages WHERE plate = '豫A54321'")).toEqual([]);
    expect(rowsOf(world.db, 'SELECT count(*) AS n FROM passage_photos')).toEqual([{ n: 2 }]);
    expect(rowsOf(world.db, 'SELECT count(*) AS n FROM outbox')).toEqual([{ n: 1 }]);
    expect(rowsOf(world.db, "SELECT count(*) AS n FROM audit WHERE action = 'passage.recorded'"))
      .toEqual([{ n: 1 }]);
    expect(mediaFiles(world)).toEqual(filesBefore);
    expect(world.events.map((e) => e.event)).toEqual(['passage.created', 'barrier.changed']);
    expect(verifyPassageChain(world.db)).toEqual({ ok: true, passages: 1 });
  });
});

/** Every file under the media root (temporary files too), relative to it, sorted. */
function mediaFiles(w: LaneWorld): string[] {
  return readdirSync(w.media.root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${e.parentPath.slice(w.media.root.length + 1)}/${e.name}`)
    .sort();
}
