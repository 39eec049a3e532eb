import { describe, expect, it } from 'vitest';
import { translator } from '../../../test/support/translator.ts';
import {
  exportRangeProblem, reasonInEnglish, windowCheckProblem, type VideoRange,
} from './video-ranges.ts';

/** 10:00:00 in Shanghai on 15 January 2026. */
const NOW = Date.UTC(2026, 0, 15, 2, 0, 0);
const MIN = 60_000;

const words = async (reason: ReturnType<typeof windowCheckProblem>) => {
  const zh = await translator('zh-CN');
  const en = await translator('en');
  return { zh: zh(`reasons.${reason!.key}`, reason!.values),
    en: en(`reasons.${reason!.key}`, reason!.values), english: reasonInEnglish(reason!) };
};

describe('the inspector\'s window, as the core checks it', () => {
  it('accepts the ten minutes that ended a quarter of an hour ago', () => {
    expect(windowCheckProblem({ from: NOW - 15 * MIN, to: NOW - 5 * MIN }, NOW)).toBeNull();
  });

  it('accepts a window under way: its footage so far is there to check', () => {
    expect(windowCheckProblem({ from: NOW - 2 * MIN, to: NOW + 8 * MIN }, NOW)).toBeNull();
  });

  it('refuses a window that starts after now, in both languages', async () => {
    const reason = windowCheckProblem({ from: NOW + MIN, to: NOW + 11 * MIN }, NOW);

    expect(reason).toEqual({ key: 'range.inFuture', values: {} });
    expect(await words(reason)).toEqual({
      zh: '开始时间晚于当前时间：该时段还没有录像',
      en: 'The start is later than now: nothing is recorded yet',
      english: 'the range starts in the future: nothing is recorded yet',
    });
  });

  it('refuses windows shorter than a minute or longer than ten', async () => {
    const short = windowCheckProblem({ from: NOW - 10 * MIN, to: NOW - 10 * MIN + 30_000 }, NOW);
    const long = windowCheckProblem({ from: NOW - 30 * MIN, to: NOW - 15 * MIN }, NOW);

    expect(short).toEqual({ key: 'window.tooShort', values: { minutes: 1 } });
    expect((await words(short)).zh).toBe('核查时段至少 1 分钟');
    expect(long).toEqual({ key: 'window.tooLong', values: { minutes: 10 } });
    expect(await words(long)).toEqual({ zh: '核查时段最长 10 分钟',
      en: 'A window lasts at most 10 min', english: 'the window must last at most 10 min' });
  });

  it('refuses a window that ends before it starts', () => {
    const backwards: VideoRange = { from: NOW - 5 * MIN, to: NOW - 10 * MIN };
    expect(windowCheckProblem(backwards, NOW)?.key).toBe('range.endsBeforeStart');
  });
});

describe('an export\'s range, as the core checks it', () => {
  it('accepts the ten minutes across midnight', () => {
    const from = Date.UTC(2026, 0, 14, 15, 55); // 23:55 in Shanghai
    expect(exportRangeProblem({ from, to: from + 10 * MIN }, NOW)).toBeNull();
  });

  it('words the one-day limit in hours, in the reader\'s language', async () => {
    const reason = exportRangeProblem({ from: NOW - 25 * 60 * MIN, to: NOW }, NOW);

    expect(reason).toEqual({ key: 'export.tooLong', values: { hours: 24 } });
    expect(await words(reason)).toEqual({ zh: '一次导出最长 24 小时',
      en: 'One export covers at most 24 hours', english: 'an export covers at most 24 hours' });
  });

  it('refuses a range that has not started yet', () => {
    expect(exportRangeProblem({ from: NOW + MIN, to: NOW + 2 * MIN }, NOW)?.key)
      .toBe('range.inFuture');
  });
});
