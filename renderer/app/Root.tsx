// The providers every screen needs: the API client, the query cache, and antd configured for
// the current language (its own texts and the date pickers follow the switch).
import { useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import { QueryClientProvider } from '@tanstack/react-query';
import { ApiProvider } from '../api/api-context.tsx';
import type { ApiClient } from '../api/client.ts';
import { antdLocale } from '../i18n/antd-locale.ts';
import { useLanguage } from '../i18n/use-language.ts';
import { App } from './App.tsx';
import { createQueryClient } from './query-client.ts';

const THEME = { token: { fontSize: 15 } };
/** antd would space out two-character Chinese labels ("关 闭"); keep words whole. */
const BUTTON = { autoInsertSpace: false };

export function Root({ api }: { api: ApiClient }) {
  const [queryClient] = useState(() => createQueryClient(api));
  const language = useLanguage();

  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <ConfigProvider locale={antdLocale(language)} theme={THEME} button={BUTTON}>
          <AntApp>
            <App />
          </AntApp>
        </ConfigProvider>
      </QueryClientProvider>
    </ApiProvider>
  );
}
