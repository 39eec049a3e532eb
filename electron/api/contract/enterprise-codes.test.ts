import { describe, expect, it } from 'vitest';
import { checkRegionCode, checkUscc, usccCheckChar } from './enterprise-codes.ts';

describe('the unified social credit code (GB 32100)', () => {
  it('accepts codes whose 18th character is the check character of the first 17', () => {
    expect(checkUscc('91350100M000100Y43')).toEqual({ ok: true });
    expect(checkUscc('91110108551385082Q')).toEqual({ ok: true });
    expect(checkUscc(' 91110108551385082q ')).toEqual({ ok: true });
  });

  it('computes the check character, 0 when the weighted sum is a multiple of 31', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('91110108551385082')).toBe('Q');
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });

  it('refuses a code with one character mistyped, as the checksum is meant to', () => {
    expect(checkUscc('91350100M000100Y44')).toEqual({ ok: false, reason: 'checksum' });
    expect(checkUscc('91350100M000101Y43')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('refuses the letters GB 32100 leaves out, wrong lengths and a non-numeric region', () => {
    expect(checkUscc('91350100M000100O43')).toEqual({ ok: false, reason: 'shape' });
    expect(checkUscc('91350100M000100Y4')).toEqual({ ok: false, reason: 'shape' });
    expect(checkUscc('91A50100M000100Y43')).toEqual({ ok: false, reason: 'shape' });
  });
});

describe('the 6-digit region code (GB/T 2260)', () => {
  it('accepts a county, a city and a province of the mainland, Hong Kong and Macao', () => {
    for (const code of ['410102', '410100', '410000', '110000', '650100', '810000', '820000']) {
      expect(checkRegionCode(code)).toEqual({ ok: true });
    }
  });

  it('refuses a province that does not exist and anything not six digits', () => {
    expect(checkRegionCode('990100')).toEqual({ ok: false, reason: 'province' });
    expect(checkRegionCode('100000')).toEqual({ ok: false, reason: 'province' });
    expect(checkRegionCode('41010')).toEqual({ ok: false, reason: 'shape' });
    expect(checkRegionCode('41010a')).toEqual({ ok: false, reason: 'shape' });
  });
});
