import { describe, expect, it } from 'vitest';
import { isNoPlate, normalisePlate, plateKind, PLATE_GRAMMAR } from './plate.ts';

describe('normalisePlate', () => {
  it.each([
    ['粤B12345', '粤B12345'],
    ['粤b·12345', '粤B12345'],
    ['粤B 123 45', '粤B12345'],
    ['粤B-12345', '粤B12345'],
    ['粤Ｂ１２３４５', '粤B12345'],
    ['　粤B12345　', '粤B12345'],
    ['粤B・12345', '粤B12345'],
    ['京AO12I4', '京A01214'],
    ['粤DD1O234', '粤DD10234'],
    ['鲁QO123挂', '鲁Q0123挂'],
    ['粤B1234OD', '粤B12340D'],
    ['晋AI23O学', '晋A1230学'],
    ['民航AO1I4', '民航A0114'],
    ['使O1234I', '使012341'],
    ['I2345O使', '123450使'],
    ['WJ京I234X', 'WJ京1234X'],
  ])('%s → %s', (raw, expected) => {
    expect(normalisePlate(raw)).toBe(expected);
  });

  it('leaves the issuing-authority letter alone: O and I there are not digits', () => {
    expect(normalisePlate('京O12345')).toBe('京O12345');
    expect(normalisePlate('京I12345')).toBe('京I12345');
  });

  it('never touches the province character', () => {
    expect(normalisePlate('ＯA12345')).toBe('OA12345');
    expect(normalisePlate('苏E·O5O5O')).toBe('苏E05050');
  });
});

describe('isNoPlate', () => {
  const noPlateWords = ['_无_', '无', '无车牌', '无牌', '未识别', '', '   ',
    'unknown', 'UNKNOWN', 'none'];
  it.each(noPlateWords)(
    '%j is the camera saying it saw no plate',
    (raw) => {
      expect(isNoPlate(raw)).toBe(true);
    },
  );

  it('treats a missing field as no plate', () => {
    expect(isNoPlate(null)).toBe(true);
    expect(isNoPlate(undefined)).toBe(true);
  });

  it.each(['粤B12345', '粤BD12345', '无A12345'])('%s is a plate', (raw) => {
    expect(isNoPlate(raw)).toBe(false);
  });
});

describe('every plate kind of domain.md §4 survives normalisation', () => {
  it.each([
    ['粤b·12345', 'ordinary'], ['粤BDO1234', 'nev-small'], ['粤B1234OD', 'nev-large'],
    ['鲁QO123挂', 'trailer'], ['晋AI23O学', 'coach'], ['京AO123警', 'police'],
    ['粤ZI234港', 'hk-macau'], ['I2345O使', 'embassy'], ['使O1234I', 'embassy'],
    ['沪AI234领', 'consulate'], ['京XO234应急', 'emergency'],
    ['民航AO1I4', 'civil-aviation'],
    ['WJ京I234X', 'armed-police'], ['VA1234O', 'military'],
  ])('%s is read as a %s plate', (raw, kind) => {
    expect(plateKind(normalisePlate(raw))).toBe(kind);
  });

  it('a no-plate placeholder is no plate, not a plate of some kind', () => {
    for (const raw of ['_无_', '无车牌', '未识别']) {
      expect(isNoPlate(raw)).toBe(true);
      expect(plateKind(normalisePlate(raw))).toBeNull();
    }
  });
});

describe('plateKind', () => {
  it.each([
    ['粤B12345', 'ordinary'],
    ['京AK7A21', 'ordinary'],
    ['粤BD12345', 'nev-small'],
    ['沪AFA1234', 'nev-small'],
    ['粤B12345D', 'nev-large'],
    ['冀E00321F', 'nev-large'],
    ['鲁Q1234挂', 'trailer'],
    ['晋A1234学', 'coach'],
    ['京A0123警', 'police'],
    ['粤Z1234港', 'hk-macau'],
    ['粤ZA123澳', 'hk-macau'],
    ['123456使', 'embassy'],
    ['使123456', 'embassy'],
    ['沪A1234领', 'consulate'],
    ['京X1234应急', 'emergency'],
    ['应急粤123X', 'emergency'],
    ['民航A1234', 'civil-aviation'],
    ['WJ京1234X', 'armed-police'],
    ['WJ12345', 'armed-police'],
    ['VA12345', 'military'],
  ])('%s is %s', (plate, kind) => {
    expect(plateKind(plate)).toBe(kind);
  });

  it.each([
    ['', 'empty'],
    ['粤B1234', 'too short'],
    ['粤B123456', 'ordinary too long'],
    ['粤I12345', 'authority letter I'],
    ['粤B1234O', 'serial letter O'],
    ['港B12345', 'not a province'],
    ['粤B12345X', 'large NEV must end in D or F'],
    ['粤BD12A45', 'small NEV serial ends in four digits'],
    ['粤b12345', 'not normalised'],
  ])('%s fits no grammar (%s)', (plate) => {
    expect(plateKind(plate)).toBeNull();
  });

  it('has exactly one rule per kind, so the table reads as the grammar', () => {
    const kinds = PLATE_GRAMMAR.map((r) => r.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});
