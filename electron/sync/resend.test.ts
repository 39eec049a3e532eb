import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { VehicleRegistry } from '../ledger/vehicles.ts';
import {
  enqueueOutbox, getOutboxRow, listOutbox, markAcked, markRejected, outboxCounts, pendingBatch,
} from './outbox.ts';
import { resendRejected } from './resend.ts';
import { passageOrderKey } from './passage-message.ts';
import { enqueuePassage, passageFixture } from './test-support.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const REFUSAL = 'rejected: code 400: invalid vehicle: vin: expected 17 characters';

let db: Db;
let registry: VehicleRegistry;
beforeEach(() => {
  db = openDatabase(':memory:');
  registry = new VehicleRegistry(db);
});
afterEach(() => {
  db.close();
});

/** A registration the platform refused for its VIN, and a passage of the truck behind it. */
function refusedRegistration(): { registration: number; entry: number } {
  registry.add({ plate: '豫A12345', plateColor: 'yellow', vehicleType: 'H11', fuel: 'B',
    emissionStage: '5', stageEvidence: 'ENV_LIST', vin: 'LZZ1CLVB9JA00' }, { now: T0 });
  const registration = listOutbox(db)[0]!.id;
  const entry = passageFixture({ plate: '豫A12345', direction: 1, passedAtMs: T0 + 60_000 });
  enqueuePassage(db, entry, T0 + 60_000);
  markRejected(db, registration, REFUSAL, T0 + 61_000);
  return { registration, entry: registration + 1 };
}

describe('fix-and-resend of a refused message', () => {
  it('sends the fixed registration under a new id, ahead of the plate\'s waiting passage', () => {
    const { registration, entry } = refusedRegistration();
    registry.update('豫A12345', 'yellow', { vin: 'LZZ1CLVB9JA000001' }, { now: T0 + 120_000 });
    const change = listOutbox(db).at(-1)!;
    markAcked(db, change.id, T0 + 121_000);
    markAcked(db, entry, T0 + 121_000);

    const result = resendRejected(db, registration, 'officer-li', T0 + 180_000);

    expect(result).toMatchObject({ ok: true, rebuilt: true });
    if (!result.ok) return;
    const old = getOutboxRow(db, registration)!;
    expect(old).toMatchObject({ state: 'rejected', lastError: REFUSAL, resentAs: result.row.id });
    expect(result.row).toMatchObject({ kind: 'vehicle', state: 'pending', resendOf: registration,
      orderKey: passageOrderKey('豫A12345', 'yellow'), orderAt: old.orderAt,
      deadlineAt: old.deadlineAt, nextAttemptAt: T0 + 180_000 });
    expect(result.row.messageId).not.toBe(old.messageId);
    expect(result.row.payload).toMatchObject({ vin: 'LZZ1CLVB9JA000001' });
    expect(outboxCounts(db)).toEqual({ pending: 1, acked: 2, rejected: 0 });
  });

  it('puts the resent registration ahead of a passage of its plate still waiting', () => {
    const { registration, entry } = refusedRegistration();

    const result = resendRejected(db, registration, 'officer-li', T0 + 90_000);

    expect(pendingBatch(db, T0 + 90_000, 10).map((r) => r.id)).toEqual([
      result.ok ? result.row.id : -1,
    ]);
    expect(getOutboxRow(db, entry)!.state).toBe('pending');
  });

  it('resends a refused passage as it was recorded, and audits who did it', () => {
    const passage = passageFixture({ plate: '冀B54321', direction: 1, passedAtMs: T0 });
    enqueueOutbox(db, { kind: 'passage', subjectId: passage.passageId,
      orderKey: passageOrderKey(passage.plate, passage.plateColor), payload: passage, now: T0 });
    markRejected(db, 1, 'rejected: code 422: unknown gate', T0 + 1_000);

    const result = resendRejected(db, 1, 'officer-li', T0 + 60_000);

    expect(result).toMatchObject({ ok: true, rebuilt: false, row: { payload: passage } });
    const audit = db.prepare(
      "SELECT actor, subject, detail FROM audit WHERE action = 'sync.resend'",
    ).all() as { actor: string; subject: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'officer-li',
      subject: getOutboxRow(db, 1)!.messageId });
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ outboxId: 1, resentAs: 2,
      refusal: 'rejected: code 422: unknown gate' });
  });

  it('refuses a row that is unknown, not refused, or resent already', () => {
    const { registration, entry } = refusedRegistration();

    expect(resendRejected(db, 999, 'officer-li', T0)).toMatchObject({ ok: false,
      code: 'not_found' });
    expect(resendRejected(db, entry, 'officer-li', T0)).toMatchObject({ ok: false,
      code: 'conflict', message: `row ${entry} is pending, not rejected` });
    resendRejected(db, registration, 'officer-li', T0);
    expect(resendRejected(db, registration, 'officer-li', T0)).toMatchObject({ ok: false,
      code: 'conflict' });
    expect(listOutbox(db)).toHaveLength(3);
  });
});
