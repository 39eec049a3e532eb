// M8, a fuel or urea log entry (加油 / 车用尿素记录, domain.md §1.5.4): what went into an
// in-plant vehicle or a machine, when, and on whose word. Whether platforms want these is not known
// (domain.md §2.3); profiles that do not carry the kind leave such rows waiting, never lost.
// The ledger keeps the entries in `ledger_logs` (electron/ledger/log-ledger.ts), which queues
// this message for fuel and urea entries in the same transaction.
import { z } from 'zod';

export const FUEL_LOG_KINDS = ['diesel', 'petrol', 'urea', 'LNG', 'CNG', 'electricity'] as const;
export const FUEL_LOG_UNITS = ['L', 'kg', 'kWh'] as const;

/** One entry of the fuel/urea log, as the ledger hands it to the message builder. */
export interface FuelLog {
  id: string;
  subjectKind: 'inPlantVehicle' | 'machinery';
  /** The in-plant vehicle's registration code or the machine's environmental registration. */
  subjectCode: string;
  filledAt: number;
  kind: (typeof FUEL_LOG_KINDS)[number];
  quantity: number;
  unit: (typeof FUEL_LOG_UNITS)[number];
  supplier: string | null;
  /** Fuel grade as on the receipt ("国六 0#"). */
  grade: string | null;
  /** SHA-256 of the receipt or quality-certificate photo in the media root. */
  receiptPhoto: string | null;
  /** The user who entered it. */
  operator: string;
}

export const fuelLogMessageSchema = z.object({
  logId: z.string().min(1),
  enterpriseCode: z.string().min(1),
  subjectKind: z.enum(['inPlantVehicle', 'machinery']),
  subjectCode: z.string().min(1).max(32),
  filledAt: z.number().int(),
  kind: z.enum(FUEL_LOG_KINDS),
  quantity: z.number().positive(),
  unit: z.enum(FUEL_LOG_UNITS),
  supplier: z.string().max(100).nullable(),
  grade: z.string().max(32).nullable(),
  receiptPhoto: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  operator: z.string().min(1),
});

export type FuelLogMessage = z.infer<typeof fuelLogMessageSchema>;

export function buildFuelLogMessage(log: FuelLog, enterpriseCode: string): FuelLogMessage {
  return {
    logId: log.id,
    enterpriseCode,
    subjectKind: log.subjectKind,
    subjectCode: log.subjectCode,
    filledAt: log.filledAt,
    kind: log.kind,
    quantity: log.quantity,
    unit: log.unit,
    supplier: log.supplier,
    grade: log.grade,
    receiptPhoto: log.receiptPhoto,
    operator: log.operator,
  };
}
