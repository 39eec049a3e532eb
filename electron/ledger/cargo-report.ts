// Cargo recorded on a visit goes to the city platform as a correction of the visit's passage
// (sync/messages/passage-correction.ts), written in the transaction that records the cargo.
// The cargo belongs to the exit (loaded inside the plant); a visit not yet closed gives it to
// its entry. The correction joins the passage's order key, behind the passage it corrects.
import type { Db } from '../db/database.ts';
import { enqueueOutbox } from '../sync/outbox.ts';
import { passageOrderKey } from '../sync/passage-message.ts';
import { sql } from '../sync/statements.ts';
import {
  buildCargoCorrection, type CargoEntry, type CorrectedPassage,
} from '../sync/messages/passage-correction.ts';

interface PassageOfVisit {
  id: string;
  plate: string;
  plate_color: string;
}

/** Queues the entry's correction; false when the visit has no passage to correct. */
export function reportCargoEntry(
  db: Db, visitId: string, entry: CargoEntry, previous: CargoEntry | null,
  enterpriseCode: string, now: number,
): boolean {
  const passage = sql(db,
    `SELECT p.id, p.plate, p.plate_color FROM visits v
     JOIN passages p ON p.id = COALESCE(v.exit_passage_id, v.entry_passage_id)
     WHERE v.id = ?`,
  ).get(visitId) as PassageOfVisit | undefined;
  if (!passage) return false;

  const orderKey = passageOrderKey(passage.plate, passage.plate_color);
  const corrected: CorrectedPassage = {
    passageId: passage.id, messageId: passageMessageId(db, orderKey, passage.id),
    plate: passage.plate, plateColor: passage.plate_color,
  };
  const message = buildCargoCorrection(corrected, entry, previous, enterpriseCode);
  enqueueOutbox(db, { kind: 'passageCorrection', subjectId: passage.id, orderKey,
    payload: message, now, occurredAt: entry.at });
  return true;
}

/**
 * The message id the platform knows the passage by: its latest row (a refused passage that an
 * officer resent went up under a new id). Found through the plate's queue index, not a scan.
 */
function passageMessageId(db: Db, orderKey: string, passageId: string): string | null {
  const row = sql(db,
    `SELECT message_id FROM outbox INDEXED BY outbox_key_queue
     WHERE order_key = ? AND kind = 'passage' AND subject_id = ?
     ORDER BY order_at DESC, id DESC LIMIT 1`,
  ).get(orderKey, passageId) as { message_id: string } | undefined;
  return row?.message_id ?? null;
}
