import { describe, expect, it } from 'vitest';
import { translator } from '../../test/support/translator.ts';
import { problemPlace } from './problem-place.ts';

describe('where an import problem sits, in the preview', () => {
  it('names a cell by its column letter and the sheet\'s own header', async () => {
    const place = problemPlace({ column: 'B', header: '号牌颜色' }, await translator('en'));

    expect(place).toBe('B (号牌颜色)');
  });

  it('names a column the sheet lacks in the reader\'s language, not by its field code',
    async () => {
      const missing = { column: '', header: 'fuel' };

      expect(problemPlace(missing, await translator('en'))).toBe('No such column: Fuel');
      expect(problemPlace(missing, await translator('zh-CN')))
        .toBe('表中无此列：燃料种类');
    });
});
