// Plate colour codes per vendor, read from resources/codes/plate-colors.json. Each vendor has its
// own table: `2` is yellow to Vzenith and blue to a checkpoint system, so there is no global one.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { resourcePath } from '../../config/paths.ts';
import { PLATE_COLORS, type PlateColor, type PlateRead } from './plate-read.ts';

export type LprVendor = PlateRead['vendor'];

const COLOR_TABLES_FILE = resourcePath('codes', 'plate-colors.json');

const vendorTable = z.object({
  colors: z.record(z.string(), z.enum(PLATE_COLORS)),
});

const colorTables = z.object({
  hikvision: vendorTable,
  vzenith: vendorTable,
  dahua: vendorTable,
  huaxia: vendorTable,
});

type ColorTables = z.infer<typeof colorTables>;

let loaded: ColorTables | null = null;

/** The vendor tables, read and validated on first use; a broken file fails loudly at startup. */
export function loadColorTables(): ColorTables {
  if (loaded) return loaded;

  const text = readFileSync(COLOR_TABLES_FILE, 'utf8');
  loaded = colorTables.parse(JSON.parse(text));
  return loaded;
}

/** Our colour for what one vendor sent; 'unknown' for anything its table does not list. */
export function plateColorFor(
  vendor: LprVendor,
  raw: string | number | null | undefined,
): PlateColor {
  if (raw === null || raw === undefined) return 'unknown';

  const key = String(raw).trim().toLowerCase();
  const table = loadColorTables()[vendor].colors;
  return Object.hasOwn(table, key) ? (table[key] as PlateColor) : 'unknown';
}
