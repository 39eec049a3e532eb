// The lowest emission stage a registration date proves (domain.md §3.6). Vehicles registered
// on or after a national cut-over had to meet at least that stage, so the date gives a lower
// bound and nothing more: a truck registered in 2016 is at least 国IV, and may be 国V. The
// table is data (resources/codes/stage-cutovers.json) so a province's earlier dates can replace
// it without a code change.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { resourcePath } from '../../config/paths.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const cutover = z.object({ from: z.string().regex(DATE), stage: z.string().regex(/^[0-6]$/) });
const tableSchema = z.object({
  heavy: z.array(cutover),
  light: z.array(cutover),
  machinery: z.array(cutover),
});

export type CutoverTable = z.infer<typeof tableSchema>;
/** Heavy: yellow-plate trucks and tractors; light: blue plates (≤ 3.5 t); machinery: by
 *  production date. */
export type CutoverClass = keyof CutoverTable;

export function loadCutovers(file = resourcePath('codes', 'stage-cutovers.json')): CutoverTable {
  const table = tableSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  for (const rows of Object.values(table)) rows.sort((a, b) => a.from.localeCompare(b.from));
  return table;
}

let cached: CutoverTable | null = null;
const defaultTable = () => (cached ??= loadCutovers());

/** The stage a date proves for a class, or null when the date predates every cut-over. */
export function stageLowerBound(
  date: string, cls: CutoverClass, table: CutoverTable = defaultTable(),
): string | null {
  let bound: string | null = null;
  for (const row of table[cls]) {
    if (date >= row.from) bound = row.stage;
  }
  return bound;
}

/** Which cut-over table a road vehicle's registration date is read against. */
export const cutoverClassOf = (plateColor: string): CutoverClass =>
  plateColor === 'blue' || plateColor === 'green' ? 'light' : 'heavy';
