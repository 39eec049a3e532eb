// Sync: how reporting to the city platform stands — counts, delivery rate, the oldest message
// still waiting, the platform's clock and last heartbeat — and the refused messages an officer
// fixes and resends. Live through `sync.changed`.
import { Card, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { useSyncStatus } from '../api/sync-queries.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { RejectionTable } from '../components/RejectionTable.tsx';
import { SyncSummary } from '../components/SyncSummary.tsx';

/** The contract's access list of `sync.resend`. */
const RESENDS: readonly Role[] = ['officer', 'installer'];

export function SyncPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const status = useSyncStatus();

  return (
    <Space orientation="vertical" size="middle" className="page-wide">
      {status.isError && <ApiErrorAlert error={errorOf(status.error)} />}
      {status.data === undefined ? <Spin /> : (
        <>
          <SyncSummary status={status.data} />
          <Card title={t('sync.rejectionsTitle')}>
            <RejectionTable rejections={status.data.rejections}
              canResend={RESENDS.includes(role)} />
          </Card>
        </>
      )}
    </Space>
  );
}
