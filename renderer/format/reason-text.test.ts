import { describe, expect, it } from 'vitest';
import { translator } from '../../test/support/translator.ts';
import { exportFailureText, reasonText } from './reason-text.ts';

describe('a failed export, in the officer\'s language', () => {
  it('says a range without footage has none, not the core\'s English', async () => {
    const failure = { code: 'no-footage' as const, values: {},
      detail: 'no footage of this camera in that range' };

    expect(exportFailureText(failure, await translator('zh-CN')))
      .toBe('该摄像机在此时段没有录像');
    expect(exportFailureText(failure, await translator('en')))
      .toBe('This camera has no footage in that range');
  });

  it('names the missing recording file', async () => {
    const failure = { code: 'segment-missing' as const, values: { file: '20260115-100000.mp4' },
      detail: 'segment file missing: /data/video/cam-1/20260115-100000.mp4' };

    expect(exportFailureText(failure, await translator('zh-CN')))
      .toBe('录像文件已丢失：20260115-100000.mp4');
  });
});

describe('a refusal\'s reason', () => {
  it('falls back to the core\'s English for a reason the locales do not know', async () => {
    const reason = { key: 'range.somethingNew', values: {} };

    expect(reasonText(reason, await translator('zh-CN'), 'the range is odd'))
      .toBe('the range is odd');
  });
});
