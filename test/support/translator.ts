// The renderer's words as a reader of either language sees them: i18next over the two locale
// files, for unit tests of text helpers that take a `t`.
import i18next from 'i18next';
import zhCN from '../../resources/locales/zh-CN.json' with { type: 'json' };
import en from '../../resources/locales/en.json' with { type: 'json' };

export async function translator(lng: 'zh-CN' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false } });
  return (key: string, values: Record<string, unknown>) => i18n.t(key, values);
}
