import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { enqueueOutbox, getOutboxRow, markAcked, pendingBatch } from './outbox.ts';
import { EXIT_AWAITS_ENTRY_MS, VEHICLE_CHANGE_DEADLINE_MS } from './outbox-order.ts';
import { passageOrderKey } from './passage-message.ts';
import { passageFixture } from './test-support.ts';

// 2025-01-15 10:00:00 in Shanghai.
const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const PLATE = '冀A10001';
const KEY = passageOrderKey(PLATE, 'yellow');

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => {
  db.close();
});

/** Writes a passage of PLATE as the lane does; `replayed` is a camera's offline replay. */
function passage(direction: 1 | 2, passedAtMs: number, now: number, replayed = false): number {
  const message = { ...passageFixture({ plate: PLATE, direction, passedAtMs }),
    backfill: replayed };
  enqueueOutbox(db, { kind: 'passage', subjectId: message.passageId, orderKey: KEY,
    payload: message, now });
  return lastId();
}

function vehicle(now: number): number {
  enqueueOutbox(db, { kind: 'vehicle', subjectId: `transport:${PLATE}:yellow`, orderKey: KEY,
    payload: { plate: PLATE, plateColor: 'yellow' }, now });
  return lastId();
}

const lastId = () => (db.prepare('SELECT MAX(id) AS id FROM outbox').get() as { id: number }).id;
const heads = (now: number) => pendingBatch(db, now, 100).map((r) => r.id);

describe('a plate\'s queue in the outbox', () => {
  it('sends a vehicle\'s registration before the passages written after it', () => {
    const registration = vehicle(T0);
    const entry = passage(1, T0 + 60_000, T0 + 60_000);

    expect(heads(T0 + 60_000)).toEqual([registration]);

    markAcked(db, registration, T0 + 61_000);
    expect(heads(T0 + 61_000)).toEqual([entry]);
  });

  it('does not hold a passage behind a vehicle change that came after it', () => {
    const entry = passage(1, T0, T0);
    vehicle(T0 + 1_000);

    expect(heads(T0 + 1_000)).toEqual([entry]);
  });

  it('places a replayed entry ahead of a later exit of its plate that still waits', () => {
    const exit = passage(2, T0 + 3_600_000, T0 + 3_600_000);
    const replayedEntry = passage(1, T0, T0 + 3_700_000, true);

    expect(heads(T0 + 3_700_000)).toEqual([replayedEntry]);
    markAcked(db, replayedEntry, T0 + 3_700_100);
    expect(heads(T0 + 3_700_100)).toEqual([exit]);
  });

  it('holds a replayed exit with no entry ahead until its entry is replayed too', () => {
    const at = T0 + 600_000;
    const exit = passage(2, T0 + 300_000, at, true);
    expect(getOutboxRow(db, exit)!.nextAttemptAt).toBe(at + EXIT_AWAITS_ENTRY_MS);
    expect(heads(at)).toEqual([]);

    const entry = passage(1, T0, at + 5_000, true);

    expect(heads(at + 5_000)).toEqual([entry]);
    expect(getOutboxRow(db, exit)!.nextAttemptAt).toBe(at + 5_000);
    markAcked(db, entry, at + 5_100);
    expect(heads(at + 5_100)).toEqual([exit]);
  });

  it('lets a replayed exit go alone once the wait is over', () => {
    const exit = passage(2, T0, T0 + 60_000, true);

    expect(heads(T0 + 60_000 + EXIT_AWAITS_ENTRY_MS - 1)).toEqual([]);
    expect(heads(T0 + 60_000 + EXIT_AWAITS_ENTRY_MS)).toEqual([exit]);
  });

  it('never holds a live exit, nor a replayed exit whose entry is ahead', () => {
    const liveExit = passage(2, T0, T0);
    expect(heads(T0)).toEqual([liveExit]);
    markAcked(db, liveExit, T0);

    const entry = passage(1, T0 + 60_000, T0 + 60_000);
    const replayedExit = passage(2, T0 + 120_000, T0 + 180_000, true);
    expect(getOutboxRow(db, replayedExit)!.nextAttemptAt).toBe(T0 + 180_000);
    expect(heads(T0 + 180_000)).toEqual([entry]);
  });

  it('sets each message\'s deadline: a minute for a passage, a day for a vehicle', () => {
    const live = passage(1, T0, T0 + 2_000);
    const replayed = passage(2, T0 + 10_000, T0 + 900_000, true);
    const registration = vehicle(T0 + 5_000);

    expect(getOutboxRow(db, live)!.deadlineAt).toBe(T0 + 60_000);
    expect(getOutboxRow(db, replayed)!.deadlineAt).toBe(T0 + 10_000);
    expect(getOutboxRow(db, registration)!.deadlineAt).toBe(T0 + 5_000 +
      VEHICLE_CHANGE_DEADLINE_MS);
  });
});
