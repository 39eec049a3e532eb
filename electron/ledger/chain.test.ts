import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { verifyPassageChain } from './chain.ts';
import { insertPassage, type NewPassage, type PassagePhoto } from './passages.ts';

const T0 = Date.UTC(2024, 10, 5, 1, 30);

let db: Db;

beforeEach(() => {
  db = openDatabase(':memory:');
});

afterEach(() => {
  db.close();
});

function passage(n: number, over: Partial<NewPassage> = {}): NewPassage {
  return {
    id: `p-${n}`, laneId: 'lane-1', gateId: 'gate-1', cameraId: 'cam-1', direction: 'in',
    plate: `豫A1000${n}`, plateColor: 'yellow', readPlateColor: 'yellow', colorMismatch: false,
    recognitionMode: 'auto', confidence: 93, vendorEventId: `evt-${n}`, offlineReplay: false,
    vehicleId: null, emissionStage: null, fuel: null, decision: 'deny',
    reasonCode: 'UNREGISTERED', reasonZh: '未备案车辆，禁止通行',
    reasonEn: 'Unregistered vehicle: entry denied', ruleVersion: 'henan-bulk-transport@1',
    controlState: 'normal', capturedAt: T0 + n * 60_000, createdAt: T0 + n * 60_000 + 40,
    testPush: false,
    ...over,
  };
}

const photos = (n: number): PassagePhoto[] => [
  { kind: 'scene', sha256: String(n).repeat(64).slice(0, 64), mime: 'image/jpeg', bytes: 8429 },
  { kind: 'plate', sha256: 'f'.repeat(63) + String(n), mime: 'image/jpeg', bytes: 1298 },
];

function recordThree(): void {
  db.transaction(() => {
    for (const n of [1, 2, 3]) insertPassage(db, passage(n), photos(n));
  })();
}

describe('the passage chain check', () => {
  it('passes an empty ledger and one written by the lane', () => {
    expect(verifyPassageChain(db)).toEqual({ ok: true, passages: 0 });

    recordThree();

    expect(verifyPassageChain(db)).toEqual({ ok: true, passages: 3 });
  });

  it('names the row whose plate was edited afterwards', () => {
    recordThree();

    db.prepare("UPDATE passages SET plate = '豫A99999' WHERE id = 'p-2'").run();

    expect(verifyPassageChain(db)).toEqual({
      ok: false, seq: 2, reason: 'hash does not match the stored passage',
    });
  });

  it('notices a swapped photo', () => {
    recordThree();

    db.prepare("UPDATE passage_photos SET sha256 = ? WHERE passage_id = 'p-3' AND kind = 'plate'")
      .run('e'.repeat(64));

    expect(verifyPassageChain(db)).toMatchObject({ ok: false, seq: 3 });
  });

  it('notices a removed row at the row after it', () => {
    recordThree();

    db.prepare("DELETE FROM passage_photos WHERE passage_id = 'p-2'").run();
    db.prepare("DELETE FROM passages WHERE id = 'p-2'").run();

    expect(verifyPassageChain(db)).toEqual({
      ok: false, seq: 3, reason: "prev_hash is not the previous passage's hash",
    });
  });

  it('notices an offline-replay flag cleared afterwards', () => {
    db.transaction(() => {
      insertPassage(db, passage(1, { offlineReplay: true, confidence: null }), photos(1));
    })();
    expect(verifyPassageChain(db)).toEqual({ ok: true, passages: 1 });

    db.prepare("UPDATE passages SET offline_replay = 0 WHERE id = 'p-1'").run();

    expect(verifyPassageChain(db)).toMatchObject({ ok: false, seq: 1 });
  });
});
