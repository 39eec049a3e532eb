// The GA code tables a ledger record is checked against, read once from
// resources/codes/ga-codes.json (data, so a newer edition of a table is a file change).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { resourcePath } from '../../config/paths.ts';

const words = z.record(z.string(), z.tuple([z.string(), z.string()]));
const schema = z.object({
  fuel: words, use: words, vehicleTypes: words, vehicleTypePattern: z.string(),
});

export interface GaCodes {
  fuel: Readonly<Record<string, [string, string]>>;
  use: Readonly<Record<string, [string, string]>>;
  /** The GA 24.4 names a sheet may write instead of the code (重型半挂牵引车 → Q11). */
  vehicleTypes: Readonly<Record<string, [string, string]>>;
  vehicleType: RegExp;
}

let cached: GaCodes | null = null;

export function gaCodes(): GaCodes {
  if (cached) return cached;

  const file = resourcePath('codes', 'ga-codes.json');
  const raw = schema.parse(JSON.parse(readFileSync(file, 'utf8')));
  cached = { fuel: raw.fuel, use: raw.use, vehicleTypes: raw.vehicleTypes,
    vehicleType: new RegExp(raw.vehicleTypePattern) };
  return cached;
}

/** GA 24.9 C: the one fuel whose vehicles carry stage D. */
export const ELECTRIC_FUEL = 'C';
