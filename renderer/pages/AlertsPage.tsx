// Alerts: what is in force now, the manager's form to set or schedule one, the list with its
// cancel buttons, and for officers and managers the alert-day report, the cap's baseline
// settings and the inventory check.
import { Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../electron/api/contract.ts';
import { AlertDaysTable } from '../components/AlertDaysTable.tsx';
import { AlertForm } from '../components/AlertForm.tsx';
import { AlertTable } from '../components/AlertTable.tsx';
import { CapSettingsForm } from '../components/CapSettingsForm.tsx';
import { ComplianceList } from '../components/ComplianceList.tsx';
import { ControlBanner } from '../components/ControlBanner.tsx';
import { RuleSetSelect } from '../components/RuleSetSelect.tsx';

/** The contract's access lists of the calls behind each part of the page. */
const SETS_ALERTS: readonly Role[] = ['manager'];
const READS_REPORTS: readonly Role[] = ['officer', 'manager', 'installer'];
const EDITS_CAP: readonly Role[] = ['manager', 'installer'];

/** The report looks back this far: a heating season's alerts. */
const REPORT_DAYS = 120;
const DAY_MS = 86_400_000;

export function AlertsPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const setsAlerts = SETS_ALERTS.includes(role);
  const readsReports = READS_REPORTS.includes(role);
  // Whole days, so the report's query key stays the same while the page is open.
  const to = Math.ceil(Date.now() / DAY_MS) * DAY_MS;

  return (
    <Space orientation="vertical" size="middle" className="page-wide">
      <ControlBanner />
      {setsAlerts && (
        <Card title={t('alerts.setTitle')}>
          <AlertForm />
        </Card>
      )}
      <Card title={t('alerts.listTitle')}>
        <AlertTable canCancel={setsAlerts} />
      </Card>
      {readsReports && (
        <>
          <Card title={t('alertDays.title')}>
            <AlertDaysTable from={to - REPORT_DAYS * DAY_MS} to={to} />
          </Card>
          <Card title={t('ruleSets.title')}>
            <RuleSetSelect canSwitch={setsAlerts} />
          </Card>
          <Card title={t('capSettings.title')}>
            <CapSettingsForm canEdit={EDITS_CAP.includes(role)} />
          </Card>
          <Card title={t('compliance.title')}>
            <ComplianceList />
          </Card>
        </>
      )}
    </Space>
  );
}
