// A quantity as a carrier's sheet writes it: 31000, 31,000, 31,000 kg, 31吨, 31 t, 132千瓦.
// The column's unit is kg (or kW); a unit written in the cell is converted to it, a unit we do
// not know (31箱) makes the cell unreadable rather than guessed.

/** Per column, the units a cell may carry and the factor to the column's own unit. */
const UNITS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  ratedLoadKg: { '': 1, kg: 1, 千克: 1, 公斤: 1, t: 1000, 吨: 1000 },
  grossMassKg: { '': 1, kg: 1, 千克: 1, 公斤: 1, t: 1000, 吨: 1000 },
  powerKw: { '': 1, kw: 1, 千瓦: 1 },
};

export const QUANTITY_FIELDS = new Set(Object.keys(UNITS));

/** The number in the column's unit, or null when the cell is no quantity of that kind. */
export function readQuantity(field: string, raw: string): number | null {
  const units = UNITS[field];
  const text = raw.normalize('NFKC').replace(/,/g, '').replace(/\s+/g, '').toLowerCase();
  const parts = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(text);
  if (!units || !parts) return null;

  const factor = units[parts[2]!];
  if (factor === undefined) return null;
  return Math.round(Number(parts[1]) * factor * 1000) / 1000;
}
