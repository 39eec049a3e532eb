// The alerts, newest first: level and response, in force from and to (Beijing time), the measure
// text, where it came from, and where it stands. A manager cancels one still to come or in force.
import { Button, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AlertView } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { errorOf } from '../api/api-failure.ts';
import { alertKeys, useAlerts } from '../api/alert-queries.ts';
import { formatDateTime } from '../format/time.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { ControlStateTag } from './passage-tags.tsx';

const STATUS_COLOURS: Record<AlertView['status'], string> = {
  scheduled: 'blue',
  'in-force': 'red',
  ended: 'default',
  cancelled: 'default',
};

export function AlertTable({ canCancel }: { canCancel: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const alerts = useAlerts();
  const cancel = useMutation({
    mutationFn: (alertId: number) => api.call('alerts.cancel', { alertId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.alerts }),
  });

  const columns: TableColumnsType<AlertView> = [
    { key: 'level', title: t('alerts.column.level'),
      render: (_, a) => <ControlStateTag state={a.level} /> },
    { key: 'response', title: t('alerts.column.response'),
      render: (_, a) => t('alerts.response', { response: a.response }) },
    { key: 'start', title: t('alerts.column.start'), render: (_, a) => formatDateTime(a.startsAt) },
    { key: 'end', title: t('alerts.column.end'), render: (_, a) => formatDateTime(a.endsAt) },
    { key: 'measure', title: t('alerts.column.measure'), dataIndex: 'measure' },
    { key: 'source', title: t('alerts.column.source'),
      render: (_, a) => t(`alerts.source.${a.source}`) },
    { key: 'status', title: t('alerts.column.status'),
      render: (_, a) => (
        <Tag color={STATUS_COLOURS[a.status]}>
          {t(`alerts.status.${a.status}`)}
          {a.cancelledBy !== null && ` · ${a.cancelledBy}`}
        </Tag>
      ) },
  ];
  if (canCancel) {
    columns.push({ key: 'action', title: '', render: (_, a) =>
      (a.status === 'scheduled' || a.status === 'in-force') && (
        <Popconfirm title={t('alerts.cancelConfirm')} okText={t('alerts.cancel')}
          cancelText={t('alerts.keep')} onConfirm={() => cancel.mutate(a.id)}>
          <Button size="small" danger data-testid={`alert-cancel-${a.id}`}>
            {t('alerts.cancel')}
          </Button>
        </Popconfirm>
      ) });
  }

  return (
    <>
      {alerts.isError && <ApiErrorAlert error={errorOf(alerts.error)} />}
      {cancel.data !== undefined && !cancel.data.ok && <ApiErrorAlert error={cancel.data.error} />}
      <Table<AlertView> rowKey="id" size="middle" columns={columns}
        dataSource={alerts.data ?? []} loading={alerts.isFetching}
        onRow={(a) => ({ 'data-testid': `alert-row-${a.id}`, 'data-status': a.status } as object)}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} />
    </>
  );
}
