import { describe, expect, it } from 'vitest';
import { translator } from '../../test/support/translator.ts';
import type { Reason } from '../../electron/api/contract.ts';
import { reasonText } from '../format/reason-text.ts';
import { checkExportFields, checkWindowFields, endsNextDay } from './range-fields.ts';

/** 10:00:00 in Shanghai on 15 January 2026. */
const NOW = Date.UTC(2026, 0, 15, 2, 0, 0);
const MIN = 60_000;

const inChinese = async (reason: Reason | undefined) =>
  reasonText(reason!, await translator('zh-CN'), 'untranslated');
const inEnglish = async (reason: Reason | undefined) =>
  reasonText(reason!, await translator('en'), 'untranslated');

describe('the window check\'s fields', () => {
  it('loads the window of a filled-in date and start', () => {
    const checked = checkWindowFields({ date: '2026-01-15', start: '09:40:00', minutes: 10 }, NOW);

    expect(checked).toEqual({ ok: true, range: { from: NOW - 20 * MIN, to: NOW - 10 * MIN } });
  });

  it('names each empty field in the reader\'s language', async () => {
    const checked = checkWindowFields({ date: '', start: '', minutes: 10 }, NOW);

    expect(checked.ok).toBe(false);
    const problems = !checked.ok ? checked.problems : {};
    expect(await inChinese(problems.date)).toBe('请选择日期');
    expect(await inChinese(problems.start)).toBe('请填写时间');
    expect(await inEnglish(problems.date)).toBe('Pick a date');
    expect(await inEnglish(problems.start)).toBe('Fill in a time');
  });

  it('refuses a window that starts after now, under the start field', async () => {
    const checked = checkWindowFields({ date: '2026-01-15', start: '10:05:00', minutes: 5 }, NOW);

    expect(checked.ok).toBe(false);
    const problems = !checked.ok ? checked.problems : {};
    expect(problems.date).toBeUndefined();
    expect(await inChinese(problems.start))
      .toBe('开始时间晚于当前时间：该时段还没有录像');
  });
});

describe('the export\'s fields', () => {
  it('reads a To earlier than the From as the next day: 23:55 to 00:05 is ten minutes',
    async () => {
      const fields = { date: '2026-01-14', from: '23:55:00', to: '00:05:00' };
      const checked = checkExportFields(fields, NOW);

      const from = Date.UTC(2026, 0, 14, 15, 55);
      expect(checked).toEqual({ ok: true, range: { from, to: from + 10 * MIN, nextDay: true } });
      expect(endsNextDay(fields)).toBe(true);
      expect(endsNextDay({ ...fields, to: '23:59:00' })).toBe(false);
    });

  it('names empty From and To fields', async () => {
    const checked = checkExportFields({ date: '2026-01-15', from: '', to: '' }, NOW);

    const problems = !checked.ok ? checked.problems : {};
    expect(await inChinese(problems.from)).toBe('请填写时间');
    expect(await inChinese(problems.to)).toBe('请填写时间');
  });

  it('asks for a date before a time when the day is empty', async () => {
    const checked = checkExportFields({ date: '', from: '08:00:00', to: '08:10:00' }, NOW);

    const problems = !checked.ok ? checked.problems : {};
    expect(await inChinese(problems.from)).toBe('请选择日期');
    expect(problems.to).toBeUndefined();
  });

  it('refuses a To equal to the From rather than guessing a whole day', async () => {
    const checked = checkExportFields({ date: '2026-01-15', from: '08:00:00', to: '08:00' }, NOW);

    const problems = !checked.ok ? checked.problems : {};
    expect(await inChinese(problems.to)).toBe('结束时间不能与开始时间相同');
    expect(await inEnglish(problems.to)).toBe('The end cannot be the same as the start');
  });

  it('refuses a range that starts after now, under the From field', async () => {
    const checked = checkExportFields({ date: '2026-01-15', from: '11:00:00', to: '11:10:00' },
      NOW);

    const problems = !checked.ok ? checked.problems : {};
    expect(await inChinese(problems.from))
      .toBe('开始时间晚于当前时间：该时段还没有录像');
  });
});
