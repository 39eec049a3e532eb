import { describe, expect, it } from 'vitest';
import { loadColorTables, plateColorFor } from './colors.ts';

describe('plate colour tables', () => {
  it('loads one table per vendor from resources/codes', () => {
    const tables = loadColorTables();
    expect(Object.keys(tables).sort()).toEqual(['dahua', 'hikvision', 'huaxia', 'vzenith']);
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

  it('maps Dahua words whatever their case, new-energy colours included', () => {
    expect(plateColorFor('dahua', 'Blue')).toBe('blue');
    expect(plateColorFor('dahua', 'Yellow')).toBe('yellow');
    expect(plateColorFor('dahua', 'NewEnergyGreen')).toBe('green');
    expect(plateColorFor('dahua', 'YellowGreen')).toBe('yellowGreen');
    expect(plateColorFor('dahua', 'Unknown')).toBe('unknown');
  });

  it('maps Huaxia Chinese colour words with and without 色', () => {
    expect(plateColorFor('huaxia', '蓝色')).toBe('blue');
    expect(plateColorFor('huaxia', '黄')).toBe('yellow');
    expect(plateColorFor('huaxia', '渐变绿')).toBe('green');
    expect(plateColorFor('huaxia', '黄绿色')).toBe('yellowGreen');
    expect(plateColorFor('huaxia', '白色')).toBe('white');
    expect(plateColorFor('huaxia', '黑色')).toBe('black');
  });

  it('does not share tables: a Vzenith number means nothing to Dahua or Huaxia', () => {
    expect(plateColorFor('dahua', 2)).toBe('unknown');
    expect(plateColorFor('huaxia', 'blue')).toBe('unknown');
    expect(plateColorFor('dahua', '蓝色')).toBe('unknown');
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
