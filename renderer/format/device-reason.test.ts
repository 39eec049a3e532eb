import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import zhCN from '../../resources/locales/zh-CN.json' with { type: 'json' };
import en from '../../resources/locales/en.json' with { type: 'json' };
import { silenceReason } from '../../electron/api/contract.ts';
import { deviceReasonText } from './device-reason.ts';

async function translator(lng: 'zh-CN' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false } });
  return (key: string, values: Record<string, string>) => i18n.t(key, values);
}

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
