// The alert downlink (M6) of the reference profile: the platform publishes the city's control
// measures in the shape observed at `findControlMeasuresInfo` (domain.md §2.2(a)), Chinese words
// for the levels and local times. Here, at the edge, they become our codes and UTC instants.
import { z } from 'zod';
import type { PlatformAlert } from '../alerts/alert-repository.ts';
import type { AlertColour } from '../alerts/control-state.ts';
import { RESPONSE_OF } from '../alerts/control-state.ts';
import type { ResponseLevel } from '../rules/decision-types.ts';

export const CONTROL_MEASURES_PATH = '/api/home/findControlMeasuresInfo';

/**
 * An announcement without an end ("lifted by further notice") is held in force this long; the
 * platform's next announcement of the same id moves the end. A week covers a long episode.
 */
export const OPEN_END_MS = 7 * 86_400_000;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export const controlMeasureSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  entNo: z.string().nullish(),
  entName: z.string().nullish(),
  startTime: z.union([z.string(), z.number()]),
  endTime: z.union([z.string(), z.number()]).nullish(),
  warningLevel: z.string(),
  respondLevel: z.string().nullish(),
  controlMeasures: z.string().nullish(),
});
export type ControlMeasure = z.input<typeof controlMeasureSchema>;

export const controlMeasuresReplySchema = z.object({
  code: z.number().int(),
  msg: z.string().optional().default(''),
  data: z.array(z.unknown()).nullish(),
});

export type MappedMeasure = { ok: true; alert: PlatformAlert } | { ok: false; reason: string };

/** One announced measure in our codes, or why it is not taken (not ours, unreadable). */
export function mapControlMeasure(raw: unknown, enterpriseCode: string): MappedMeasure {
  const parsed = controlMeasureSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'not a control measure' };
  const m = parsed.data;

  if (m.entNo && m.entNo !== enterpriseCode) return { ok: false, reason: `for ${m.entNo}` };
  const level = colourOf(m.warningLevel);
  if (!level) return { ok: false, reason: `unknown warning level ${m.warningLevel}` };
  const response = m.respondLevel ? responseOf(m.respondLevel) : RESPONSE_OF[level];
  if (!response) return { ok: false, reason: `unknown response level ${m.respondLevel}` };

  const startsAt = instantOf(m.startTime, 'start');
  if (startsAt === null) return { ok: false, reason: `unreadable start ${m.startTime}` };
  const endsAt = m.endTime == null || m.endTime === '' ? startsAt + OPEN_END_MS
    : instantOf(m.endTime, 'end');
  if (endsAt === null) return { ok: false, reason: `unreadable end ${m.endTime}` };
  if (endsAt <= startsAt) return { ok: false, reason: 'ends before it starts' };

  return { ok: true, alert: { platformId: m.id, level, response, startsAt, endsAt,
    measure: (m.controlMeasures ?? '').trim() } };
}

/** 黄色 / 橙色 / 红色 (with or without 预警), or our own words. */
function colourOf(word: string): AlertColour | null {
  const w = word.trim().toLowerCase();
  if (w.startsWith('黄') || w === 'yellow') return 'yellow';
  if (w.startsWith('橙') || w === 'orange') return 'orange';
  if (w.startsWith('红') || w === 'red') return 'red';
  return null;
}

/** III级 / II级 / I级, also written Ⅲ级 or 三级, with or without 响应. */
function responseOf(word: string): ResponseLevel | null {
  const w = word.replace(/级|响应|\s/g, '').toUpperCase();
  if (['III', 'Ⅲ', '三', '3'].includes(w)) return 'III';
  if (['II', 'Ⅱ', '二', '2'].includes(w)) return 'II';
  if (['I', 'Ⅰ', '一', '1'].includes(w)) return 'I';
  return null;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * UTC epoch ms of a local Asia/Shanghai time `yyyy-MM-dd[ HH:mm[:ss]]`, or of epoch ms given as
 * a number. A bare date starts at its midnight; as an end it covers the whole day.
 */
export function instantOf(value: string | number, edge: 'start' | 'end'): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;

  const m = LOCAL_TIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const wholeDay = m[4] === undefined && edge === 'end' ? 1 : 0;

  const utc = Date.UTC(year, month - 1, day + wholeDay, hour, minute, second);
  return Number.isNaN(utc) ? null : utc - SHANGHAI_OFFSET_MS;
}
