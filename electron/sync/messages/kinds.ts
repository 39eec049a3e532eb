// The catalogue of canonical messages M1–M8 (domain.md §2.3): each kind's name, its schema and
// the id of the record it describes. Independent of any platform: codes are our own strings
// (domain.md §2.5) and instants UTC epoch ms (M5 keeps its local `passedAt`, as it always had).
import type { z } from 'zod';
import { alertMessageSchema } from './alert.ts';
import { enterpriseMessageSchema } from './enterprise.ts';
import { fuelLogMessageSchema } from './fuel-log.ts';
import { gateMessageSchema } from './gate.ts';
import { heartbeatMessageSchema } from './heartbeat.ts';
import { machineryMessageSchema } from './machinery.ts';
import { passageMessageSchema } from './passage.ts';
import { passageCorrectionMessageSchema } from './passage-correction.ts';
import { vehicleMessageSchema } from './vehicle.ts';

/** Outbox kinds go up through the outbox; 'alert' comes down, 'heartbeat' is sent on a timer. */
export const MESSAGE_KINDS = [
  'enterprise', 'gate', 'vehicle', 'machinery', 'passage', 'passageCorrection', 'alert',
  'heartbeat', 'fuelLog',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const OUTBOX_KINDS = [
  'enterprise', 'gate', 'vehicle', 'machinery', 'passage', 'passageCorrection', 'fuelLog',
] as const satisfies readonly MessageKind[];
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const CANONICAL_SCHEMAS: Readonly<Record<MessageKind, z.ZodType>> = {
  enterprise: enterpriseMessageSchema,
  gate: gateMessageSchema,
  vehicle: vehicleMessageSchema,
  machinery: machineryMessageSchema,
  passage: passageMessageSchema,
  passageCorrection: passageCorrectionMessageSchema,
  alert: alertMessageSchema,
  heartbeat: heartbeatMessageSchema,
  fuelLog: fuelLogMessageSchema,
};

export type CanonicalCheck = { ok: true; message: unknown } | { ok: false; reason: string };

export function isMessageKind(kind: string): kind is MessageKind {
  return (MESSAGE_KINDS as readonly string[]).includes(kind);
}

/** The payload checked against its kind's schema; the reason names the first bad field. */
export function checkCanonical(kind: string, payload: unknown): CanonicalCheck {
  if (!isMessageKind(kind)) return { ok: false, reason: `unknown kind ${kind}` };

  const parsed = CANONICAL_SCHEMAS[kind].safeParse(payload);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || '(root)';
  return { ok: false, reason: `invalid ${kind}: ${where}: ${issue?.message ?? 'unreadable'}` };
}

/** The outbox subject id of a message: the record it describes. */
export function subjectOf(kind: OutboxKind, message: Record<string, unknown>): string {
  const field = SUBJECT_FIELD[kind];
  return String(message[field]);
}

const SUBJECT_FIELD: Readonly<Record<OutboxKind, string>> = {
  enterprise: 'enterpriseCode',
  gate: 'entranceId',
  vehicle: 'vehicleKey',
  machinery: 'envRegistrationCode',
  passage: 'passageId',
  passageCorrection: 'passageId',
  fuelLog: 'logId',
};
