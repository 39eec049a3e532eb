// Which screen comes first: first-run setup while there is no installer account, the login page
// while there is no session, the app shell after that.
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorOf } from '../api/api-failure.ts';
import { useMe, useSystemStatus } from '../api/queries.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { SetupPage } from '../pages/SetupPage.tsx';
import { Shell } from './Shell.tsx';

export function App() {
  const { t } = useTranslation();
  const status = useSystemStatus();
  const needsSetup = status.data?.needsSetup ?? true;
  const me = useMe(status.isSuccess && !needsSetup);

  if (status.isError || me.isError) {
    const error = errorOf(status.error ?? me.error);
    return (
      <Result
        status="error"
        title={t('app.statusFailed')}
        subTitle={`${t(`errors.${error.code}`)}: ${error.message}`}
        extra={<Button onClick={() => void status.refetch().then(() => me.refetch())}>
          {t('app.retry')}
        </Button>}
      />
    );
  }
  if (status.isPending || (!needsSetup && me.isPending)) {
    return <Spin size="large" className="app-loading" description={t('app.loading')} />;
  }
  if (needsSetup || !me.data) {
    return (
      <div className="entry-page">
        <div className="entry-language"><LanguageSwitch /></div>
        {needsSetup ? <SetupPage /> : <LoginPage />}
      </div>
    );
  }
  return <Shell user={me.data} />;
}
