import { describe, expect, it } from 'vitest';
import { translator } from '../../test/support/translator.ts';
import { silenceReason } from '../../electron/api/contract.ts';
import { deviceReasonText } from './device-reason.ts';

describe('why a device is down, on the Lanes page', () => {
  it('says a silent camera was not heard from in the guard\'s language', async () => {
    const reason = silenceReason(13);

    expect(deviceReasonText(reason, await translator('zh-CN')))
      .toBe('已 13 秒未收到任何消息');
    expect(deviceReasonText(reason, await translator('en'))).toBe('nothing heard for 13 s');
  });

  it('shows a driver\'s own error as the device gave it', async () => {
    const t = await translator('zh-CN');

    expect(deviceReasonText('modbus: timed out after 500 ms', t))
      .toBe('modbus: timed out after 500 ms');
  });
});
