import { describe, expect, it } from 'vitest';
import { loadColorTables, plateColorFor } from './colors.ts';

describe('plate colour tables', () => {
  it('loads one table per vendor from resources/codes', () => {
    const tables = loadColorTables();
    expect(Object.keys(tables).sort()).toEqual(['hikvision', 'vzenith']);
  });

  it('maps Hikvision words, ignoring case', () => {
    expect(plateColorFor('hikvision', 'blue')).toBe('blue');
    expect(plateColorFor('hikvision', 'Yellow')).toBe('yellow');
    expect(plateColorFor('hikvision', 'newEnergyYellowGreen')).toBe('yellowGreen');
    expect(plateColorFor('hikvision', 'other')).toBe('unknown');
  });

  it('maps every Vzenith colorType 0–6', () => {
    const mapped = [0, 1, 2, 3, 4, 5, 6].map((c) => plateColorFor('vzenith', c));
    expect(mapped).toEqual(['unknown', 'blue', 'yellow', 'white', 'black', 'green', 'yellowGreen']);
  });

  it('does not share tables: a Vzenith number means nothing to Hikvision', () => {
    expect(plateColorFor('hikvision', '2')).toBe('unknown');
    expect(plateColorFor('vzenith', 'yellow')).toBe('unknown');
  });

  it('answers unknown for values no table lists, including object keys', () => {
    expect(plateColorFor('vzenith', 7)).toBe('unknown');
    expect(plateColorFor('hikvision', 'constructor')).toBe('unknown');
    expect(plateColorFor('hikvision', null)).toBe('unknown');
  });
});
