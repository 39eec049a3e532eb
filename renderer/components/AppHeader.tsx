// The bar over every page: the product, the navigation, who is logged in and in which role, the
// language switch and logout.
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../electron/api/contract.ts';
import { routeAllowed } from '../app/route-access.ts';
import type { Route } from '../app/use-hash-route.ts';
import { nameNamesRole } from '../format/user-label.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { LedgerNav } from '../ledger/LedgerNav.tsx';


interface Props {
  user: UserView;
  route: Route;
  navigate(route: Route): void;
  logout(): void;
}

export function AppHeader({ user, route, navigate, logout }: Props) {
  const { t } = useTranslation();
  const role = t(`role.${user.role}`);
  const navButton = (target: Route) => (
    <Button
      data-testid={`nav-${target}`}
      type={route === target ? 'primary' : 'text'}
      onClick={() => navigate(target)}
    >
      {t(`nav.${target}`)}
    </Button>
  );

  return (
    <div className="app-header">
      <Typography.Title level={4} className="app-title">{t('app.title')}</Typography.Title>
      <Space className="app-nav">
        {navButton('lanes')}
        {navButton('passages')}
        {navButton('alerts')}
        {routeAllowed('sync', user.role) && navButton('sync')}
        {navButton('playback')}
        {routeAllowed('windowCheck', user.role) && navButton('windowCheck')}
        <LedgerNav role={user.role} route={route} navigate={navigate} />
        {routeAllowed('settings', user.role) && navButton('settings')}
      </Space>
      <Space className="app-user">
        <span data-testid="current-user">
          {nameNamesRole(user.displayName, role) ? user.displayName
            : t('header.user', { name: user.displayName, role })}
        </span>
        <LanguageSwitch />
        <Button data-testid="logout" onClick={logout}>{t('header.logout')}</Button>
      </Space>
    </div>
  );
}
