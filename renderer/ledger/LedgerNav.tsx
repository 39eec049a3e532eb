// The "ledgers" entry of the header: one menu with the ledger pages this role may open, so the
// bar stays one line on a gate PC's screen. Roles that may open none see nothing.
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../electron/api/contract.ts';
import { isLedgerRoute, ledgerRoutesFor, type LedgerRoute } from './ledger-routes.ts';

interface Props {
  role: Role;
  route: string;
  navigate(route: LedgerRoute): void;
}

export function LedgerNav({ role, route, navigate }: Props) {
  const { t } = useTranslation();
  const routes = ledgerRoutesFor(role);
  if (routes.length === 0) return null;

  const items = routes.map((target) => ({
    key: target,
    label: <span data-testid={`nav-${target}`}>{t(`ledger.nav.${target}`)}</span>,
  }));
  return (
    <Dropdown trigger={['click']} menu={{ items, selectedKeys: [route],
      onClick: ({ key }) => navigate(key as LedgerRoute) }}>
      <Button data-testid="nav-ledgers" type={isLedgerRoute(route) ? 'primary' : 'text'}>
        {isLedgerRoute(route) ? t(`ledger.nav.${route}`) : t('ledger.nav.title')}
      </Button>
    </Dropdown>
  );
}
