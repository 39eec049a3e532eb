// The enterprise's own codes, checked the same way in the wizard's form and in the core before
// a site is saved: the unified social credit code (统一社会信用代码, GB 32100-2015) with
// its check character, and the 6-digit administrative region code (行政区划代码, GB/T 2260).

/** GB 32100's 31 code characters: digits and capitals without I, O, S, V, Z. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** The weight of positions 1–17: 3^(i) mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Province-level prefixes of GB/T 2260 (北京 11 … 新疆 65, 台湾 71, 香港 81,
 * 澳门 82). The full county table changes every year; the prefix and the shape catch
 * the typing mistakes.
 */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64',
  '65', '71', '81', '82',
]);

export type CodeCheck = { ok: true } | { ok: false; reason: 'shape' | 'checksum' | 'province' };

/** The check character (position 18) GB 32100 computes from the first 17. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARS.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** Positions 3–8 of a USCC are the registering authority's region code. */
export function checkUscc(code: string): CodeCheck {
  const upper = code.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(upper)) return { ok: false, reason: 'shape' };
  if (!/^\d{6}$/.test(upper.slice(2, 8))) return { ok: false, reason: 'shape' };
  if (usccCheckChar(upper.slice(0, 17)) !== upper[17]) return { ok: false, reason: 'checksum' };
  return { ok: true };
}

export function checkRegionCode(code: string): CodeCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'shape' };
  if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) return { ok: false, reason: 'province' };
  return { ok: true };
}

/** The rated industries of the 2020 performance-rating guide the wizard offers. */
export const INDUSTRIES = [
  'cement', 'coking', 'steel', 'flat-glass', 'ceramics', 'brick-kiln', 'lime', 'refractory',
  'nonferrous', 'carbon', 'chemicals', 'other',
] as const;
