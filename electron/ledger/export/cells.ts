// How ledger values are written in an export cell and read back from an import
// cell: the words an officer reads (黄色, 国五, 是) and the formats the 2020
// tables name (dates yyyyMMdd, times yyyyMMdd HHmmss in Beijing time). Reading
// accepts what people type as well as what we write.
import type { SiteFacts } from '../record-ledger.ts';

const SHANGHAI_MS = 8 * 3_600_000;

export const COLOUR_WORDS: Readonly<Record<string, string>> = {
  blue: '蓝色', yellow: '黄色', white: '白色', black: '黑色', green: '绿色',
  yellowGreen: '黄绿双拼色', unknown: '未知',
};

const COLOUR_READINGS: Readonly<Record<string, string>> = {
  蓝: 'blue', 蓝色: 'blue', 黄: 'yellow', 黄色: 'yellow',
  白: 'white', 白色: 'white', 黑: 'black', 黑色: 'black',
  绿: 'green', 绿色: 'green', 渐变绿: 'green', 渐变绿色: 'green',
  黄绿: 'yellowGreen', 黄绿色: 'yellowGreen',
  黄绿双拼: 'yellowGreen', 黄绿双拼色: 'yellowGreen',
};

/** 国五, 国V, 国5, 5 → '5'; 电动 → 'D'; 无 → 'X'. */
const STAGE_READINGS: Readonly<Record<string, string>> = {
  国0: '0', 国零: '0', 国一: '1', 国I: '1', 国二: '2', 国II: '2',
  国三: '3', 国III: '3', 国四: '4', 国IV: '4', 国五: '5', 国V: '5',
  国六: '6', 国VI: '6', 国六A: '6', 国六B: '6', 国VIA: '6', 国VIB: '6',
  电动: 'D', 纯电动: 'D', 新能源: 'D', 无: 'X', 无排放阶段: 'X',
};

/** The platform's audit of a registration as the officer reads it. */
export const AUDIT_WORDS: Readonly<Record<string, string>> = {
  pending: '待审核', approved: '已通过', rejected: '已驳回',
};
const AUDIT_READINGS: Readonly<Record<string, string>> = {
  待审核: 'pending', 审核中: 'pending', 未审核: 'pending',
  已通过: 'approved', 通过: 'approved', 审核通过: 'approved',
  已驳回: 'rejected', 驳回: 'rejected', 未通过: 'rejected',
};

/** A log entry's kind, what was filled and what it was for, as the officer reads them. */
export const LOG_KIND_WORDS: Readonly<Record<string, string>> = {
  fuel: '加油', urea: '加尿素', maintenance: '维修保养',
};
export const FILL_WORDS: Readonly<Record<string, string>> = {
  diesel: '柴油', petrol: '汽油', urea: '车用尿素', lng: '液化天然气', cng: '压缩天然气',
  electricity: '电',
};
export const SUBJECT_WORDS: Readonly<Record<string, string>> = {
  inPlant: '厂内车辆', machinery: '非道路移动机械',
};

/** Authorised lanes in one cell: written apart by 、, read apart by any usual separator. */
export const LANE_SEPARATOR = '、';

export const YES = '是';
export const NO = '否';

export function readColour(raw: string): string | null {
  const t = raw.trim();
  if (Object.hasOwn(COLOUR_WORDS, t) && t !== 'unknown') return t;
  return COLOUR_READINGS[t] ?? null;
}

export function readStage(raw: string): string | null {
  // NFKC reads the Roman numeral signs a licence prints (国Ⅵ) and full-width letters as ASCII.
  const t = raw.normalize('NFKC').trim().toUpperCase().replace(/\s+/g, '');
  if (/^[0-6DX]$/.test(t)) return t;
  const cn = t.replace(/^国([0-6])$/, '$1');
  if (/^[0-6]$/.test(cn)) return cn;
  return STAGE_READINGS[t] ?? STAGE_READINGS[raw.trim()] ?? null;
}

export function readYesNo(raw: string): boolean | null | 'bad' {
  const t = raw.trim().toLowerCase();
  if (t === '') return null;
  if (['是', '有', 'y', 'yes', 'true', '1', '在线'].includes(t)) return true;
  if (['否', '无', 'n', 'no', 'false', '0', '离线'].includes(t)) return false;
  return 'bad';
}

export function readAudit(raw: string): string | null {
  const t = raw.trim();
  if (Object.hasOwn(AUDIT_WORDS, t.toLowerCase())) return t.toLowerCase();
  return AUDIT_READINGS[t] ?? null;
}

/**
 * Authorised lanes by the names the site gives them (1号入口车道), which the import reads
 * back; a lane the site no longer has keeps its id, so the cell still says which it was.
 */
export function writeLanes(ids: readonly string[], site: SiteFacts): string {
  return ids.map((id) => site.lanes.find((l) => l.id === id)?.name ?? id).join(LANE_SEPARATOR);
}

export const readLanes = (raw: string): string[] =>
  raw.split(/[,，、;；]+/).map((s) => s.trim()).filter(Boolean);

/** yyyy-MM-dd → yyyyMMdd (the 2020 tables' date). */
export const writeDate = (d: string | null) => (d ? d.replaceAll('-', '') : '');

/** yyyyMMdd, yyyy-MM-dd, yyyy/M/d, yyyy.M.d → yyyy-MM-dd; anything else is returned as is. */
export function readDate(raw: string): string {
  const t = raw.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (parts) return `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}`;
  return t;
}

/** An Excel date cell (midnight UTC of the shown day) → yyyy-MM-dd. */
export const excelDate = (d: Date) => d.toISOString().slice(0, 10);

/** UTC ms → yyyyMMdd HHmmss in Beijing time. */
export function writeTime(at: number | null): string {
  if (at === null) return '';
  const iso = new Date(at + SHANGHAI_MS).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')} ${iso.slice(11, 19).replaceAll(':', '')}`;
}
