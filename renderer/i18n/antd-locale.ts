// antd's own texts (pagination, pickers, empty tables) follow the UI language. The date pickers
// take month and weekday names from dayjs, so its Chinese locale is loaded here as well.
import type { ConfigProviderProps } from 'antd';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import enUSModule from 'antd/es/locale/en_US.js';
import 'dayjs/locale/zh-cn.js';
import type { Language } from './i18n.ts';

type Locale = NonNullable<ConfigProviderProps['locale']>;

// antd's `es/` files are ES modules, but its package does not say so: TypeScript (NodeNext) types
// the default import as the whole module while the bundler hands over the locale itself.
function localeOf(module: unknown): Locale {
  const wrapped = module as { default?: Locale };
  return wrapped.default ?? (module as Locale);
}

const ZH_CN = localeOf(zhCNModule);
const EN_US = localeOf(enUSModule);

export function antdLocale(language: Language): Locale {
  return language === 'en' ? EN_US : ZH_CN;
}
