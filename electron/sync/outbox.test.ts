import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase, type Db } from '../db/database.ts';
import {
  enqueueOutbox, getOutboxRow, markAcked, markRejected, markRetry, nextAttemptAt, outboxCounts,
  pendingBatch,
} from './outbox.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => {
  db.close();
});

function put(orderKey: string, subjectId: string, now = T0): number {
  enqueueOutbox(db, { kind: 'passage', subjectId, orderKey, payload: { subjectId }, now });
  return (db.prepare('SELECT MAX(id) AS id FROM outbox').get() as { id: number }).id;
}

describe('outbox', () => {
  it('stores a message under a fresh UUID, inside the caller\'s transaction', () => {
    const write = db.transaction(() =>
      enqueueOutbox(db, {
        kind: 'passage', subjectId: 'p-1', orderKey: 'plate:冀A12345:yellow',
        payload: { plate: '冀A12345' }, now: T0,
      }),
    );

    const messageId = write();

    expect(messageId).toMatch(UUID_V4);
    const [row] = pendingBatch(db, T0, 10);
    expect(row).toMatchObject({
      messageId, kind: 'passage', subjectId: 'p-1', orderKey: 'plate:冀A12345:yellow',
      payload: { plate: '冀A12345' }, state: 'pending', attempts: 0, nextAttemptAt: T0,
      lastError: null, createdAt: T0, ackedAt: null,
    });
  });

  it('writes nothing when the caller\'s transaction rolls back', () => {
    const write = db.transaction(() => {
      enqueueOutbox(db, { kind: 'passage', subjectId: 'p-1', orderKey: 'k', payload: {}, now: T0 });
      throw new Error('passage insert failed');
    });

    expect(() => write()).toThrow('passage insert failed');
    expect(outboxCounts(db)).toEqual({ pending: 0, acked: 0, rejected: 0 });
  });

  it('holds an exit back while the entry of the same plate is pending', () => {
    const entryA = put('plate:A', 'A-in');
    const entryB = put('plate:B', 'B-in');
    const exitA = put('plate:A', 'A-out');

    expect(pendingBatch(db, T0, 10).map((r) => r.id)).toEqual([entryA, entryB]);

    markAcked(db, entryA, T0 + 10);
    expect(pendingBatch(db, T0, 10).map((r) => r.id)).toEqual([entryB, exitA]);
  });

  it('keeps a retrying entry at the head of its plate until it is due again', () => {
    const entry = put('plate:A', 'A-in');
    put('plate:A', 'A-out');

    markRetry(db, entry, 'retryable: network: ECONNREFUSED', T0 + 2_000);

    expect(pendingBatch(db, T0 + 1_999, 10)).toEqual([]);
    expect(nextAttemptAt(db)).toBe(T0 + 2_000);
    expect(pendingBatch(db, T0 + 2_000, 10).map((r) => r.id)).toEqual([entry]);
    expect(getOutboxRow(db, entry)).toMatchObject({
      attempts: 1, lastError: 'retryable: network: ECONNREFUSED', state: 'pending',
    });
  });

  it('does not hold later rows behind a rejected one, which stays with its reason', () => {
    const entry = put('plate:A', 'A-in');
    const exit = put('plate:A', 'A-out');

    markRejected(db, entry, 'rejected: code 400: invalid passage');

    expect(pendingBatch(db, T0, 10).map((r) => r.id)).toEqual([exit]);
    expect(getOutboxRow(db, entry)).toMatchObject({
      state: 'rejected', attempts: 1, lastError: 'rejected: code 400: invalid passage',
    });
  });

  it('never changes a row that is already acknowledged', () => {
    const id = put('plate:A', 'A-in');
    markAcked(db, id, T0 + 5);

    markRetry(db, id, 'retryable: late failure', T0 + 1_000);
    markRejected(db, id, 'rejected: late refusal');

    expect(getOutboxRow(db, id)).toMatchObject({
      state: 'acked', attempts: 1, ackedAt: T0 + 5, lastError: null,
    });
    expect(outboxCounts(db)).toEqual({ pending: 0, acked: 1, rejected: 0 });
  });

  it('counts rows by state and honours the batch limit', () => {
    const ids = [put('k1', 'a'), put('k2', 'b'), put('k3', 'c'), put('k4', 'd')];
    markAcked(db, ids[0]!, T0);
    markRejected(db, ids[1]!, 'rejected: x');

    expect(outboxCounts(db)).toEqual({ pending: 2, acked: 1, rejected: 1 });
    expect(pendingBatch(db, T0, 1).map((r) => r.id)).toEqual([ids[2]]);
    expect(pendingBatch(db, T0, 0)).toEqual([]);
  });

  it('only ever offers the oldest pending row of each key, and only when it is due', () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('put' as const), key: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ t: fc.constant('ack' as const), pick: fc.nat() }),
      fc.record({ t: fc.constant('retry' as const), pick: fc.nat(), wait: fc.nat(5_000) }),
      fc.record({ t: fc.constant('reject' as const), pick: fc.nat() }),
      fc.record({ t: fc.constant('tick' as const), ms: fc.nat(3_000) }),
    );

    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        db.exec('DELETE FROM outbox');
        const model = new Map<number, ModelRow>();
        let now = T0;

        for (const o of ops) {
          if (o.t === 'put') model.set(put(`k${o.key}`, 's', now), pendingRow(o.key, now));
          if (o.t === 'tick') now += o.ms;
          if (o.t === 'put' || o.t === 'tick') continue;

          const pending = [...model.entries()].filter(([, r]) => r.state === 'pending');
          if (!pending.length) continue;
          const [id, row] = pending[o.pick % pending.length]!;
          if (o.t === 'ack') markAcked(db, id, now);
          if (o.t === 'reject') markRejected(db, id, 'rejected: r');
          if (o.t === 'retry') markRetry(db, id, 'retryable: e', now + o.wait);
          if (o.t === 'ack') row.state = 'acked';
          if (o.t === 'reject') row.state = 'rejected';
          if (o.t === 'retry') row.due = now + o.wait;
        }

        expect(pendingBatch(db, now, 100).map((r) => r.id)).toEqual(dueHeads(model, now));
      }),
    );
  });
});

interface ModelRow {
  key: number;
  state: 'pending' | 'acked' | 'rejected';
  due: number;
}

function pendingRow(key: number, now: number): ModelRow {
  return { key, state: 'pending', due: now };
}

/** The model's answer: per key the oldest pending row, kept when due, in id order. */
function dueHeads(model: Map<number, ModelRow>, now: number): number[] {
  const heads = new Map<number, number>();
  for (const [id, row] of [...model.entries()].sort(([a], [b]) => a - b)) {
    if (row.state === 'pending' && !heads.has(row.key)) heads.set(row.key, id);
  }
  return [...heads.values()].filter((id) => model.get(id)!.due <= now).sort((a, b) => a - b);
}
