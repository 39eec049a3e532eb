import { describe, expect, it } from 'vitest';
import { translator } from '../../test/support/translator.ts';
import { silenceReason } from '../../electron/api/contract.ts';
import { deviceReasonText } from './device-reason.ts';

describe('why a device is down, on the Lanes page', () => {
  it('says a silent camera was not heard from in the guard\'s language', async () => {
    const reason = silenceReason(13);

    expect(deviceReasonText(reason, 'silent', await translator('zh-CN')))
      .toBe('已 13 秒未收到任何消息');
    expect(deviceReasonText(reason, 'silent', await translator('en')))
      .toBe('nothing heard for 13 s');
  });

  it('says what kind of failure it is, then the driver\'s own words', async () => {
    const reason = '10.0.0.5:80 refused the connection (ECONNREFUSED)';

    expect(deviceReasonText(reason, 'link-down', await translator('zh-CN')))
      .toBe('连接不上设备（设备报告：10.0.0.5:80 refused the connection ' +
        '(ECONNREFUSED)）');
    expect(deviceReasonText(reason, 'link-down', await translator('en'))).toBe(
      'The device cannot be reached (device said: 10.0.0.5:80 refused the connection ' +
      '(ECONNREFUSED))');
  });

  it('shows a reason stored before kinds were kept as the device gave it', async () => {
    const t = await translator('zh-CN');

    expect(deviceReasonText('modbus: timed out after 500 ms', null, t))
      .toBe('modbus: timed out after 500 ms');
  });
});
