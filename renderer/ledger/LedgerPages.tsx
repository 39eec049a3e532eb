// The ledger page a route names, for a role that may read it; the ledgers' events refresh the
// lists while one is open.
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../electron/api/contract.ts';
import { useLedgerChanges } from './ledger-queries.ts';
import { LEDGER_OF, readsLedger, type LedgerRoute } from './ledger-routes.ts';
import { LogsPage } from './LogsPage.tsx';
import { RegistryPage } from './RegistryPage.tsx';
import { VisitsPage } from './VisitsPage.tsx';

export function LedgerPages({ route, role }: { route: LedgerRoute; role: Role }) {
  const { t } = useTranslation();
  useLedgerChanges();

  if (!readsLedger(role, LEDGER_OF[route])) {
    return <Result status="403" title={t('errors.forbidden')} data-testid="ledger-forbidden" />;
  }
  switch (route) {
    case 'vehicles':
      return <RegistryPage key="vehicles" ledger="vehicles" role={role} />;
    case 'inplant':
      return <RegistryPage key="inPlant" ledger="inPlant" role={role} />;
    case 'machinery':
      return <RegistryPage key="machinery" ledger="machinery" role={role} />;
    case 'logs':
      return <LogsPage role={role} />;
    case 'visits':
      return <VisitsPage role={role} />;
  }
}
