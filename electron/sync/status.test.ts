import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { enqueueOutbox, markAcked, markRejected, markRetry } from './outbox.ts';
import { resendRejected } from './resend.ts';
import { startOfShanghaiDay, startOfShanghaiMonth, syncStatus } from './status.ts';
import { SyncLink } from './sync-link.ts';
import { enqueuePassage, passageFixture } from './test-support.ts';

// 2025-01-15 10:00:00 in Shanghai; the day began at 2025-01-14 16:00 UTC.
const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const MIDNIGHT = Date.UTC(2025, 0, 14, 16, 0, 0);

let db: Db;
let plates: number;
beforeEach(() => {
  db = openDatabase(':memory:');
  plates = 0;
});
afterEach(() => {
  db.close();
});

/** A truck's entry at `passedAtMs`, written then; returns its outbox id. */
function entryAt(passedAtMs: number): number {
  const plate = `冀A${20000 + plates++}`;
  enqueuePassage(db, passageFixture({ plate, direction: 1, passedAtMs }), passedAtMs);
  return (db.prepare('SELECT MAX(id) AS id FROM outbox').get() as { id: number }).id;
}

describe('the sync status', () => {
  it('counts the messages settled since midnight, on time if acked within their minute', () => {
    const onTime = entryAt(T0 - 600_000);
    markAcked(db, onTime, T0 - 599_000);
    const late = entryAt(T0 - 500_000);
    markAcked(db, late, T0 - 300_000);
    entryAt(T0 - 400_000); // still waiting, a minute gone: late
    const refused = entryAt(T0 - 300_000);
    markRejected(db, refused, 'rejected: code 400: invalid passage', T0 - 299_000);
    entryAt(T0 - 30_000); // still within its minute: not counted yet
    const yesterday = entryAt(MIDNIGHT - 3_600_000);
    markAcked(db, yesterday, MIDNIGHT - 3_599_000);

    const status = syncStatus(db, T0, 50);

    expect(status.rate.today).toEqual({ from: MIDNIGHT, due: 4, onTime: 1, ratio: 0.25 });
    expect(status.rate.month).toMatchObject({ due: 5, onTime: 2, ratio: 0.4 });
    expect(status).toMatchObject({ pending: 2, acked: 3, rejected: 1 });
  });

  it('counts a message acknowledged today as on time today, though its deadline is ahead', () => {
    const vehicle = enqueueOutbox(db, { kind: 'vehicle', subjectId: 'v-1', orderKey: 'v:1',
      payload: { plate: '豫A12345' }, now: T0 - 3_600_000 });
    const vehicleId = (db.prepare('SELECT id FROM outbox WHERE message_id = ?')
      .get(vehicle) as { id: number }).id;
    markAcked(db, vehicleId, T0 - 3_599_000);
    const justNow = entryAt(T0 - 20_000);
    markAcked(db, justNow, T0 - 19_000);
    // Acknowledged on time yesterday, due this morning: counted yesterday, once.
    const lateEvening = entryAt(MIDNIGHT - 30_000);
    markAcked(db, lateEvening, MIDNIGHT - 29_000);
    entryAt(T0 - 10_000); // waiting inside its minute: not settled yet

    const status = syncStatus(db, T0, 50);

    expect(status.rate.today).toEqual({ from: MIDNIGHT, due: 2, onTime: 2, ratio: 1 });
    expect(syncStatus(db, MIDNIGHT - 1, 50).rate.today).toMatchObject({ due: 1, onTime: 1 });
    expect(status.rate.month).toMatchObject({ due: 3, onTime: 3 });
  });

  it('counts a refused message that was resent once, as its resend', () => {
    const refused = entryAt(T0 - 600_000);
    markRejected(db, refused, 'rejected: code 400: invalid passage', T0 - 599_000);
    const resent = resendRejected(db, refused, 'officer-li', T0 - 500_000);
    if (resent.ok) markAcked(db, resent.row.id, T0 - 499_000);

    const status = syncStatus(db, T0, 50);

    expect(status.rate.today).toMatchObject({ due: 1, onTime: 0 });
    expect(status).toMatchObject({ pending: 0, acked: 1, rejected: 0, rejections: [] });
  });

  it('lists open refusals newest first with the platform\'s words and the plate', () => {
    const first = entryAt(T0 - 600_000);
    const second = entryAt(T0 - 500_000);
    markRejected(db, first, 'rejected: code 400: invalid passage: plate', T0 - 400_000);
    markRejected(db, second, 'rejected: code 422: unknown gate', T0 - 300_000);

    const { rejections } = syncStatus(db, T0, 50);

    expect(rejections.map((r) => [r.id, r.reason, r.rejectedAt])).toEqual([
      [second, 'code 422: unknown gate', T0 - 300_000],
      [first, 'code 400: invalid passage: plate', T0 - 400_000],
    ]);
    expect(rejections[0]).toMatchObject({ kind: 'passage', plate: '冀A20001', attempts: 1,
      resendOf: null });
  });

  it('names the message waiting longest, its age and why it waits', () => {
    const oldest = entryAt(T0 - 7_200_000);
    markRetry(db, oldest, 'auth: code 401: bad signature', T0 + 30_000);
    entryAt(T0 - 60_000);

    const { oldestPending } = syncStatus(db, T0, 50);

    expect(oldestPending).toMatchObject({ id: oldest, kind: 'passage', ageMs: 7_200_000,
      attempts: 1, lastError: 'auth: code 401: bad signature', nextAttemptAt: T0 + 30_000 });
    expect(syncStatus(db, T0, 50).link).toEqual({ lastContactAt: null, lastAckAt: null,
      lastHeartbeatAt: null, lastHeartbeatSentAt: null, lastHeartbeatError: null,
      clockOffsetMs: null, clockMeasuredAt: null });
  });

  it('shows the platform\'s clock drift and last contact as the drainer observed them', () => {
    const link = new SyncLink(db);
    link.acknowledged(T0);
    link.clock(T0 + 95_500, T0 - 200, T0 + 200);
    link.heartbeat({ ok: true, sentAt: T0 + 4_900, answeredAt: T0 + 5_000 });
    link.flush();

    expect(syncStatus(db, T0 + 6_000, 50).link).toEqual({ lastContactAt: T0 + 5_000,
      lastAckAt: T0, lastHeartbeatAt: T0 + 5_000, lastHeartbeatSentAt: T0 + 4_900,
      lastHeartbeatError: null, clockOffsetMs: 95_500, clockMeasuredAt: T0 + 200 });
  });

  it('starts the day and the month at Shanghai midnight', () => {
    expect(startOfShanghaiDay(T0)).toBe(MIDNIGHT);
    expect(startOfShanghaiDay(MIDNIGHT - 1)).toBe(MIDNIGHT - 86_400_000);
    expect(startOfShanghaiMonth(T0)).toBe(Date.UTC(2024, 11, 31, 16, 0, 0));
    expect(startOfShanghaiMonth(Date.UTC(2025, 0, 31, 16, 30))).toBe(Date.UTC(2025, 0, 31, 16));
  });
});
