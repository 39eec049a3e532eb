import { describe, expect, it } from 'vitest';
import { readQuantity } from './quantity.ts';

describe('a quantity as a carrier writes it', () => {
  it('converts the units written in the cell to the column\'s own', () => {
    expect(['31000', '31,000', '31,000 kg', '31吨', '31 t', '31.5吨', '３１吨', '31000公斤']
      .map((raw) => readQuantity('ratedLoadKg', raw)))
      .toEqual([31000, 31000, 31000, 31000, 31000, 31500, 31000, 31000]);
    expect(readQuantity('powerKw', '132千瓦')).toBe(132);
    expect(readQuantity('powerKw', '75.5 kW')).toBe(75.5);
  });

  it('refuses a unit it does not know or one of the wrong kind, and text', () => {
    expect(['31箱', '31 kW', '约31吨', '', '吨'].map((raw) => readQuantity('ratedLoadKg', raw)))
      .toEqual([null, null, null, null, null]);
    expect(readQuantity('powerKw', '132吨')).toBeNull();
  });
});
