// What a logged-in user sees: the header and the chosen page, with the API's events flowing
// into the query cache for as long as the session lasts.
import { Layout } from 'antd';
import type { UserView } from '../../electron/api/contract.ts';
import { useLiveUpdates } from '../api/live-updates.ts';
import { AppHeader } from '../components/AppHeader.tsx';
import { LanesPage } from '../pages/LanesPage.tsx';
import { PassagesPage } from '../pages/PassagesPage.tsx';
import { AlertsPage } from '../pages/AlertsPage.tsx';
import { SyncPage } from '../pages/SyncPage.tsx';
import { SetupWizard } from '../pages/setup/SetupWizard.tsx';
import { useFirstRunWizard } from '../pages/setup/use-first-run.ts';
import { LedgerPages } from '../ledger/LedgerPages.tsx';
import { isLedgerRoute } from '../ledger/ledger-routes.ts';
import { PlaybackPage } from '../pages/PlaybackPage.tsx';
import { WindowCheckPage } from '../pages/WindowCheckPage.tsx';
import { useSessionActions } from './session.ts';
import { routeAllowed } from './route-access.ts';
import { useHashRoute } from './use-hash-route.ts';

export function Shell({ user }: { user: UserView }) {
  const [asked, navigate] = useHashRoute();
  const route = routeAllowed(asked, user.role) ? asked : 'lanes';
  const { logout } = useSessionActions();
  useLiveUpdates();
  useFirstRunWizard(user, () => navigate('settings'));

  return (
    <Layout className="app">
      <Layout.Header className="app-header-bar">
        <AppHeader user={user} route={route} navigate={navigate} logout={() => void logout()} />
      </Layout.Header>
      <Layout.Content className="app-content">
        {route === 'lanes' && <LanesPage role={user.role} />}
        {route === 'passages' && <PassagesPage />}
        {route === 'alerts' && <AlertsPage role={user.role} />}
        {route === 'sync' && <SyncPage role={user.role} />}
        {route === 'settings' && <SetupWizard />}
        {isLedgerRoute(route) && <LedgerPages route={route} role={user.role} />}
        {route === 'playback' && <PlaybackPage role={user.role} />}
        {route === 'windowCheck' && <WindowCheckPage />}
      </Layout.Content>
    </Layout>
  );
}
