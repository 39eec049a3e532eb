// Messages the city platform refused, newest first, with its reason. Once the officer has fixed
// the record, "Resend" queues the message again (a new message id; a vehicle's registration is
// rebuilt from the registry as it now stands). The refusal then leaves this list.
import { Button, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../electron/api/contract.ts';
import { useResend } from '../api/sync-queries.ts';
import { formatDateTime } from '../format/time.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';

type Rejection = SyncStatusView['rejections'][number];

export function RejectionTable({ rejections, canResend }: {
  rejections: Rejection[];
  canResend: boolean;
}) {
  const { t } = useTranslation();
  const resend = useResend();

  const columns: TableColumnsType<Rejection> = [
    { key: 'at', title: t('sync.column.rejectedAt'),
      render: (_, r) => formatDateTime(r.rejectedAt) },
    { key: 'kind', title: t('sync.column.kind'),
      render: (_, r) => t(`sync.kind.${r.kind}`, { defaultValue: r.kind }) },
    { key: 'plate', title: t('sync.column.plate'), render: (_, r) => r.plate ?? r.subjectId },
    { key: 'reason', title: t('sync.column.reason'),
      render: (_, r) => <Typography.Text type="danger">{r.reason}</Typography.Text> },
    { key: 'attempts', title: t('sync.column.attempts'), dataIndex: 'attempts' },
  ];
  if (canResend) {
    columns.push({ key: 'action', title: '', render: (_, r) => (
      <Popconfirm title={t('sync.resendConfirm')} okText={t('sync.resend')}
        cancelText={t('sync.keep')} onConfirm={() => resend.mutate(r.id)}>
        <Button size="small" type="primary" data-testid={`sync-resend-${r.id}`}
          loading={resend.isPending && resend.variables === r.id}>
          {t('sync.resend')}
        </Button>
      </Popconfirm>
    ) });
  }

  return (
    <>
      {resend.data !== undefined && !resend.data.ok && <ApiErrorAlert error={resend.data.error} />}
      <Table<Rejection> rowKey="id" size="middle" columns={columns} dataSource={rejections}
        locale={{ emptyText: t('sync.rejectionsEmpty') }}
        onRow={(r) => ({ 'data-testid': `sync-rejected-${r.id}` } as object)}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} />
    </>
  );
}
