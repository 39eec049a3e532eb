// Plate text as cameras send it → the one spelling the lane, the registry and the platform use.
// normalisePlate cleans what the camera's OCR and firmware add; isNoPlate recognises the vendors'
// "saw no plate" placeholders; plateKind checks the plate against the national grammar
// (domain.md §4). The grammar is a table of rules so issue #3 can extend it as data.

/** The 31 mainland province abbreviations; the first character of an ordinary plate. */
export const PROVINCES =
  '京津沪渝冀晋蒙辽吉黑苏浙' +
  '皖闽赣鲁豫鄂湘粤桂琼川贵' +
  '云藏陕甘青宁新';

/**
 * Characters cameras put between the parts of a plate (粤B·12345, 粤B 12345, 粤B-12345).
 * Middle dots come in several code points depending on the firmware's font table.
 */
const SEPARATORS = /[\s\u00b7\u2022\u30fb\uff65\u2027-]/g;

const FULL_WIDTH = /[\uff01-\uff5e]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * Index where the serial begins: the province character and the issuing-authority letter come
 * first, and only the serial may hold the digits an OCR mistakes for O and I (serial letters
 * exclude I and O, so there the digit is the only reading that can be right).
 */
const SERIAL_START = 2;

/** Upper case, half-width, no separators, O→0 and I→1 in serial positions. */
export function normalisePlate(raw: string): string {
  const cleaned = raw
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(SEPARATORS, '')
    .toUpperCase();

  const chars = [...cleaned];
  for (let i = serialStart(chars); i < chars.length; i++) {
    if (chars[i] === 'O') chars[i] = '0';
    else if (chars[i] === 'I') chars[i] = '1';
  }
  return chars.join('');
}

/**
 * Where the digits-only-possible part begins. Embassy plates have no province and authority
 * letter: the old style `使123456` has its serial right after 使, the new style `123456使`
 * from the first character.
 */
function serialStart(chars: string[]): number {
  if (chars[0] === '使') return 1;
  if (chars.at(-1) === '使' && /^[0-9OI]{6}$/.test(chars.slice(0, -1).join(''))) return 0;
  return SERIAL_START;
}

/**
 * What cameras send when they saw a vehicle but no plate. Compared after trimming, lower-casing
 * and dropping underscores, so Vzenith's `_无_` arrives here as `无`.
 */
const NO_PLATE_WORDS = new Set([
  '', '无', '无牌', '无车牌', '无牌车', '未识别', '未知',
  'unknown', 'none', 'null', 'nil', 'noplate', 'n/a',
]);

/** True when the camera reported "no plate" rather than a plate. */
export function isNoPlate(raw: string | null | undefined): boolean {
  if (raw === null || raw === undefined) return true;

  const word = raw.replace(SEPARATORS, '').replace(/_/g, '').toLowerCase();
  return NO_PLATE_WORDS.has(word);
}

export type PlateKind =
  | 'ordinary'
  | 'nev-small'
  | 'nev-large'
  | 'trailer'
  | 'coach'
  | 'police'
  | 'hk-macau'
  | 'embassy'
  | 'consulate'
  | 'emergency'
  | 'civil-aviation'
  | 'armed-police'
  | 'military';

// Character classes of domain.md §4: P province, L letter without I/O, N digit.
const P = `[${PROVINCES}]`;
const L = '[A-HJ-NP-Z]';
const N = '[0-9]';
const LN = '[A-HJ-NP-Z0-9]';

/**
 * Small NEV: D battery-electric, F other NEV; the MPS has since issued further first-serial
 * letters (A/B/C/E, G/H/J/K), so the whole range is accepted as a small NEV.
 */
const NEV_SMALL_FIRST = '[A-HJ-K]';

interface GrammarRule {
  kind: PlateKind;
  pattern: string;
}

/** The grammar of domain.md §4, one row per plate kind; the first matching row wins. */
export const PLATE_GRAMMAR: readonly GrammarRule[] = [
  { kind: 'ordinary', pattern: `^${P}${L}${LN}{5}$` },
  { kind: 'nev-small', pattern: `^${P}${L}${NEV_SMALL_FIRST}${LN}${N}{4}$` },
  { kind: 'nev-large', pattern: `^${P}${L}${N}{5}[DF]$` },
  { kind: 'trailer', pattern: `^${P}${L}${LN}{4}挂$` },
  { kind: 'coach', pattern: `^${P}${L}${LN}{4}学$` },
  { kind: 'police', pattern: `^${P}${L}${LN}{4}警$` },
  { kind: 'hk-macau', pattern: `^粤Z${LN}{4}[港澳]$` },
  { kind: 'embassy', pattern: `^(${N}{6}使|使${N}{6})$` },
  { kind: 'consulate', pattern: `^${P}${L}${N}{4}领$` },
  { kind: 'emergency', pattern: `^(${P}${L}${N}{4}应急|应急${P}${N}{3}${L})$` },
  { kind: 'civil-aviation', pattern: `^民航${LN}{5}$` },
  { kind: 'armed-police', pattern: `^WJ${P}?${N}{4}${LN}$` },
  { kind: 'military', pattern: `^[A-Z]{2}${N}{5}$` },
];

const COMPILED = PLATE_GRAMMAR.map((rule) => ({ kind: rule.kind, re: new RegExp(rule.pattern) }));

/** The kind of a normalised plate, or null when it fits no known grammar (guard confirms it). */
export function plateKind(plate: string): PlateKind | null {
  return COMPILED.find((rule) => rule.re.test(plate))?.kind ?? null;
}
