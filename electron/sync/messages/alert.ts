// M6, an alert or control measure announced by the platform (the downlink, domain.md §2.3): the
// only canonical message that comes in rather than goes out. Each profile's downlink reads the
// platform's own shape (sync/downlink-measures.ts for the reference profile) and yields this, in
// our codes and UTC instants; the alerts module takes it as a `PlatformAlert`.
import { z } from 'zod';
import type { PlatformAlert } from '../../alerts/alert-repository.ts';

export const alertMessageSchema = z.object({
  /** The platform's own id of the announcement: a repeat of it replaces the earlier one. */
  platformId: z.string().min(1),
  /** 预警级别 黄色 / 橙色 / 红色. */
  level: z.enum(['yellow', 'orange', 'red']),
  /** 响应级别 III级 / II级 / I级. */
  response: z.enum(['III', 'II', 'I']),
  /** UTC epoch ms; in force from startsAt (inclusive) to endsAt (exclusive). */
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  /** The measure as the city wrote it ("国四及以下重型柴油货车禁止通行"). */
  measure: z.string(),
  /** A machine-readable measure code, where a platform sends one. */
  measureCode: z.string().optional(),
}).refine((m) => m.endsAt > m.startsAt, { message: 'ends before it starts', path: ['endsAt'] });

export type AlertMessage = z.infer<typeof alertMessageSchema>;

/** The alerts module's view of M6: the same fields, without the optional measure code. */
export function platformAlertOf(message: AlertMessage): PlatformAlert {
  const { measureCode: _code, ...alert } = message;
  return alert;
}

/** M6 of an alert the downlink mapped: typed so that the two shapes cannot drift apart. */
export function alertMessageOf(alert: PlatformAlert): AlertMessage {
  return { ...alert };
}
