// Fix-and-resend: the platform refused a message (a wrong code, a missing field), the officer
// fixed the record, and the message goes again. The refused row stays as it is, with its
// reason, for good; the resend is a new row under a NEW message id that points back at it.
//
// Why a new id: the refused id may already sit in the platform's dedupe table, and a platform
// that answers "duplicate" to the corrected message would drop the correction without a word.
// The refused message was never stored, so a new id cannot make a second record. The new row
// keeps the old one's place in its plate's queue and its deadline (a resend is late by nature).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { writeAudit } from '../db/audit.ts';
import { VehicleRegistry } from '../ledger/vehicles.ts';
import { buildTransportVehicleMessage } from './messages/vehicle.ts';
import { transportVehicleRow } from './messages/ledger-rows.ts';
import { getOutboxRow, type OutboxRow } from './outbox.ts';

/** Rebuilds a kind's message from the ledger as it stands now; null: keep the stored one. */
type Rebuild = (db: Db, row: OutboxRow) => unknown;

/**
 * Kinds whose message is built afresh from the ledger on a resend, so the officer's fix goes
 * out. A passage is evidence and never changes: it goes again as recorded (what an officer
 * fixes for it is the vehicle registration it needs, resent first). Kinds not listed here are
 * resent as stored.
 */
export const REBUILDERS: Readonly<Record<string, Rebuild>> = {
  vehicle: rebuildVehicle,
};

export type ResendResult =
  | { ok: true; row: OutboxRow; rebuilt: boolean }
  | { ok: false; code: 'not_found' | 'conflict'; message: string };

export function resendRejected(db: Db, outboxId: number, actor: string, now: number):
  ResendResult {
  const resend = db.transaction((): ResendResult => {
    const old = getOutboxRow(db, outboxId);
    if (!old) return { ok: false, code: 'not_found', message: `no outbox row ${outboxId}` };
    if (old.state !== 'rejected') {
      return { ok: false, code: 'conflict',
        message: `row ${outboxId} is ${old.state}, not rejected` };
    }
    if (old.resentAs !== null) {
      return { ok: false, code: 'conflict',
        message: `row ${outboxId} was resent already as row ${old.resentAs}` };
    }

    const fresh = REBUILDERS[old.kind]?.(db, old) ?? null;
    const payload = fresh ?? old.payload;
    const id = insertResend(db, old, payload, now);
    db.prepare('UPDATE outbox SET resent_as = ? WHERE id = ?').run(id, old.id);

    writeAudit(db, { actor, action: 'sync.resend', subject: old.messageId, at: now,
      detail: { outboxId: old.id, resentAs: id, kind: old.kind, rebuilt: fresh !== null,
        refusal: old.lastError } });
    return { ok: true, row: getOutboxRow(db, id)!, rebuilt: fresh !== null };
  });
  return resend();
}

function insertResend(db: Db, old: OutboxRow, payload: unknown, now: number): number {
  const info = db.prepare(
    `INSERT INTO outbox (message_id, kind, subject_id, order_key, payload, next_attempt_at,
                         created_at, order_at, deadline_at, resend_of)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(randomUUID(), old.kind, old.subjectId, old.orderKey, JSON.stringify(payload), now, now,
    old.orderAt, old.deadlineAt, old.id);
  return Number(info.lastInsertRowid);
}

/** The vehicle's registration as the registry holds it now (the officer's fix included). */
function rebuildVehicle(db: Db, row: OutboxRow): unknown {
  const p = row.payload as { plate?: unknown; plateColor?: unknown };
  if (typeof p.plate !== 'string' || typeof p.plateColor !== 'string') return null;

  const match = new VehicleRegistry(db).match(p.plate, p.plateColor);
  if (match.kind !== 'exact') return null;
  const vehicle = transportVehicleRow(db, match.vehicle.id);
  return vehicle ? buildTransportVehicleMessage(vehicle) : null;
}
