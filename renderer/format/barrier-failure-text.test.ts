import { describe, expect, it } from 'vitest';
import { translator } from '../../test/support/translator.ts';
import { BARRIER_FAILURES } from '../../electron/api/contract.ts';
import { barrierDetailText, barrierFailureText } from './barrier-failure-text.ts';

describe('a barrier failure as the guard reads it', () => {
  it('is worded in Chinese for every kind, and in English', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en');

    for (const failure of BARRIER_FAILURES) {
      expect(barrierFailureText(failure, zh)).toMatch(/[\u4e00-\u9fff]/);
      expect(barrierFailureText(failure, en)).toMatch(/^[A-Z][^\u4e00-\u9fff]+$/);
    }
    expect(barrierFailureText('no-answer', zh))
      .toBe('道闸控制器没有应答：请检查其电源、接线和地址');
    expect(barrierFailureText(null, zh)).toBe('开闸命令未成功');
  });

  it('keeps the device\'s own words as a labelled detail', async () => {
    const zh = await translator('zh-CN');

    expect(barrierDetailText('relay board 1 on /dev/ttyUSB0 did not answer in 300 ms', zh))
      .toBe('设备报告：relay board 1 on /dev/ttyUSB0 did not answer in 300 ms');
    expect(barrierDetailText(null, zh)).toBeNull();
  });
});
