// The vehicle identification number (车辆识别代号, GB 16735 after ISO 3779): 17 characters,
// no I, O or Q, and in China a check digit at position 9 computed from the other sixteen.
// A mistyped VIN on a ledger row is the commonest mistake an inspector finds, and the check
// digit catches every single-character slip.

export const VIN_LENGTH = 17;
const CHECK_POSITION = 8;
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const ALLOWED = /^[A-HJ-NPR-Z0-9]+$/;

/** The value each letter stands for in the weighted sum (I, O and Q have none). */
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};

export type VinProblem =
  | { kind: 'length'; length: number }
  | { kind: 'characters'; bad: string }
  | { kind: 'check-digit'; expected: string; found: string };

/** Upper case without spaces: the spelling the ledger stores. */
export const normaliseVin = (raw: string) => raw.replace(/\s+/g, '').toUpperCase();

/** The check digit a 17-character VIN must carry at position 9: '0'–'9' or 'X' for ten. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < VIN_LENGTH; i++) {
    const c = vin[i]!;
    const value = /[0-9]/.test(c) ? Number(c) : (LETTER_VALUES[c] ?? 0);
    sum += value * WEIGHTS[i]!;
  }
  const rest = sum % 11;
  return rest === 10 ? 'X' : String(rest);
}

/** What is wrong with a normalised VIN, or null when it is well formed. */
export function vinProblem(vin: string): VinProblem | null {
  if (vin.length !== VIN_LENGTH) return { kind: 'length', length: vin.length };

  if (!ALLOWED.test(vin)) {
    const bad = [...vin].filter((c) => !ALLOWED.test(c));
    return { kind: 'characters', bad: [...new Set(bad)].join('') };
  }

  const expected = vinCheckDigit(vin);
  const found = vin[CHECK_POSITION]!;
  return expected === found ? null : { kind: 'check-digit', expected, found };
}
