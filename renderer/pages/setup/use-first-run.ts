// The installer's first login on a site with nothing configured goes straight to the setup
// wizard: there are no lanes to watch yet, and the wizard is what comes next.
import { useEffect, useRef } from 'react';
import type { UserView } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/api-context.tsx';

export function useFirstRunWizard(user: UserView, openWizard: () => void): void {
  const api = useApi();
  const asked = useRef(false);

  useEffect(() => {
    if (user.role !== 'installer' || asked.current) return;
    asked.current = true;
    void api.call('setup.site', {}).then((r) => {
      if (r.ok && r.value.site === null) openWizard();
    });
  }, [api, user.role, openWizard]);
}
