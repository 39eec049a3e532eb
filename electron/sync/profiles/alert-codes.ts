// The control measures (M6) of the profiles that carry them in their own codes (http-token,
// tcp-frames): one wire shape, `{measureId, entCode, warningLevel, responseLevel, startTime,
// endTime, measureText}`, with levels coded by the profile's table (`alerts`) and times in its
// time format. Shared by the gate (platform → ours) and the simulators (ours → platform).
import { z } from 'zod';
import {
  instantOf, mapControlMeasure, type ControlMeasure, type MappedMeasure,
} from '../downlink-measures.ts';
import { ourCode, type PlatformTable, type TimeFormat } from './code-tables.ts';
import { formatTime } from './wire-codes.ts';

const text = z.union([z.string(), z.number()]).transform(String);

export const wireMeasureSchema = z.object({
  /** The platform's id of the announcement: a repeat of it replaces the earlier one. */
  measureId: z.union([z.string().min(1), z.number()]).transform(String),
  /** The enterprise it is for; absent means every enterprise the platform serves. */
  entCode: z.string().nullish(),
  warningLevel: text,
  responseLevel: text.nullish(),
  startTime: z.union([z.string(), z.number()]),
  /** Absent: in force until further notice. */
  endTime: z.union([z.string(), z.number()]).nullish(),
  measureText: z.string().nullish(),
});
export type WireMeasure = z.input<typeof wireMeasureSchema>;

/** One measure the platform sent, as our alert, or why it is not taken. */
export function measureFromPlatform(
  raw: unknown, table: PlatformTable, enterpriseCode: string,
): MappedMeasure {
  const parsed = wireMeasureSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'not a control measure' };
  const m = parsed.data;
  if (!table.alerts) return { ok: false, reason: `table ${table.profile} has no alert codes` };

  const level = ourCode(table.alerts.level, m.warningLevel);
  if (!level) return { ok: false, reason: `unknown warning level ${m.warningLevel}` };
  const response = m.responseLevel == null ? null
    : ourCode(table.alerts.response, m.responseLevel);
  if (m.responseLevel != null && !response) {
    return { ok: false, reason: `unknown response level ${m.responseLevel}` };
  }

  const startsAt = parseTime(m.startTime, table.time);
  if (startsAt === null) return { ok: false, reason: `unreadable start ${m.startTime}` };
  const endsAt = m.endTime == null || m.endTime === '' ? null : parseTime(m.endTime, table.time);
  if (m.endTime != null && m.endTime !== '' && endsAt === null) {
    return { ok: false, reason: `unreadable end ${m.endTime}` };
  }

  // In our codes and instants, the reference mapping checks the rest (enterprise, open end).
  return mapControlMeasure({ id: m.measureId, entNo: m.entCode, startTime: startsAt,
    endTime: endsAt, warningLevel: level, respondLevel: response,
    controlMeasures: m.measureText }, enterpriseCode);
}

/** A measure as published to a simulator, in the profile's codes; null when unreadable. */
export function measureToPlatform(measure: ControlMeasure, table: PlatformTable):
  WireMeasure | null {
  const entCode = measure.entNo ?? null;
  const mapped = mapControlMeasure(measure, entCode ?? '');
  if (!mapped.ok || !table.alerts) return null;
  const a = mapped.alert;
  const openEnded = measure.endTime == null || measure.endTime === '';

  return {
    measureId: a.platformId, entCode,
    warningLevel: platformCodeIn(table.alerts.level, a.level),
    responseLevel: platformCodeIn(table.alerts.response, a.response),
    startTime: formatTime(a.startsAt, table.time),
    endTime: openEnded ? null : formatTime(a.endsAt, table.time),
    measureText: a.measure,
  };
}

const COMPACT_TIME = /^(\d{4})(\d{2})(\d{2}) ?(\d{2})(\d{2})(\d{2})$/;

/** UTC epoch ms of a time in one of the table formats (local Asia/Shanghai for the text ones). */
export function parseTime(value: string | number, format: TimeFormat): number | null {
  if (format === 'epoch-ms') {
    const ms = Number(value);
    return Number.isSafeInteger(ms) ? ms : null;
  }
  if (typeof value === 'number') return null;
  if (format === 'yyyy-MM-dd HH:mm:ss') return instantOf(value, 'start');

  const m = COMPACT_TIME.exec(value.trim());
  if (!m) return null;
  return instantOf(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`, 'start');
}

function platformCodeIn(map: Record<string, string>, ours: string): string {
  return Object.hasOwn(map, ours) ? map[ours]! : ours;
}
