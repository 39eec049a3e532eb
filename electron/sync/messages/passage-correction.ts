// A passage correction (过车记录更正): what an officer recorded about a passage after its M5
// message was queued. A passage is evidence and its message never changes; what was learnt
// later (so far the cargo, entered at the exit or afterwards) goes up as a message of its own
// that names the passage by its id and by the message id the platform stored it under. It
// shares the plate's order key, so the platform always has the passage before its correction.
import { z } from 'zod';
import { PLATE_COLORS } from '../../devices/lpr/plate-read.ts';
import { passageCargoSchema } from '../passage-message.ts';

/** The ledger weighs cargo in tonnes (visit_cargo.tonnage); 运输量单位 on the wire. */
export const CARGO_UNIT = 't';

export const passageCorrectionMessageSchema = z.object({
  /** Ours, unique per correction: `cargo:<visit_cargo id>`. */
  correctionId: z.string().min(1),
  enterpriseCode: z.string().min(1),
  /** M5's passageId: the record the platform corrects. */
  passageId: z.string().min(1),
  /**
   * The outbox message id the passage went up under (its idempotency key at the platform);
   * null when the passage was recorded before this PC reported passages.
   */
  passageMessageId: z.string().nullable(),
  plate: z.string().min(1),
  plateColor: z.enum(PLATE_COLORS),
  /** The M5 fields as they now stand: each one given replaces the passage's value. */
  changes: z.object({ cargo: passageCargoSchema }),
  /** The same fields as the platform had them before: null where nothing was recorded. */
  previous: z.object({ cargo: passageCargoSchema.nullable() }),
  /** Why a recorded value was changed; empty when the value is recorded for the first time. */
  reason: z.string(),
  correctedBy: z.string().min(1),
  correctedAt: z.number().int(),
});

export type PassageCorrectionMessage = z.infer<typeof passageCorrectionMessageSchema>;

/** A visit_cargo row, as the ledger hands it to the builder. */
export interface CargoEntry {
  id: number;
  cargoName: string;
  tonnage: number;
  enteredBy: string;
  at: number;
  reason: string;
}

/** The passage a cargo entry is about, with the message id it was queued under. */
export interface CorrectedPassage {
  passageId: string;
  messageId: string | null;
  plate: string;
  plateColor: string;
}

export function buildCargoCorrection(
  passage: CorrectedPassage, entry: CargoEntry, previous: CargoEntry | null,
  enterpriseCode: string,
): PassageCorrectionMessage {
  return {
    correctionId: `cargo:${entry.id}`,
    enterpriseCode,
    passageId: passage.passageId,
    passageMessageId: passage.messageId,
    plate: passage.plate,
    plateColor: passage.plateColor as PassageCorrectionMessage['plateColor'],
    changes: { cargo: cargoOf(entry) },
    previous: { cargo: previous ? cargoOf(previous) : null },
    reason: entry.reason,
    correctedBy: entry.enteredBy,
    correctedAt: entry.at,
  };
}

const cargoOf = (entry: CargoEntry) =>
  ({ name: entry.cargoName, quantity: entry.tonnage, unit: CARGO_UNIT });
