// The alert-period report (domain.md §5.3): each day an alert was in force, the trips admitted
// against that day's baseline and cap, the reduction, denials, overrides and exemptions.
// Tonnage needs cargo records, which the ledger does not hold yet (issue #4).
import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertDayView } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { useAlertDays } from '../api/alert-queries.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { ControlStateTag } from './passage-tags.tsx';

export function AlertDaysTable({ from, to }: { from: number; to: number }) {
  const { t } = useTranslation();
  const days = useAlertDays(from, to, true);
  const dash = (n: number | null) => (n === null ? '—' : String(n));

  const columns: TableColumnsType<AlertDayView> = [
    { key: 'day', title: t('alertDays.day'), dataIndex: 'day' },
    { key: 'level', title: t('alertDays.level'),
      render: (_, d) => <ControlStateTag state={d.level} /> },
    { key: 'trips', title: t('alertDays.trips'), dataIndex: 'trips' },
    { key: 'baseline', title: t('alertDays.baseline'),
      render: (_, d) => (d.baselinePerDay === null ? '—' : d.baselinePerDay.toFixed(1)) },
    { key: 'cap', title: t('alertDays.cap'), render: (_, d) => dash(d.cap) },
    { key: 'reduction', title: t('alertDays.reduction'),
      render: (_, d) => (d.reductionPct === null ? '—' : `${d.reductionPct} %`) },
    { key: 'denied', title: t('alertDays.denied'), dataIndex: 'denied' },
    { key: 'overridden', title: t('alertDays.overridden'), dataIndex: 'overridden' },
    { key: 'exempted', title: t('alertDays.exempted'), dataIndex: 'exempted' },
    { key: 'tonnage', title: t('alertDays.tonnage'),
      render: (_, d) => (d.tonnage === null ? t('alertDays.notRecorded') : d.tonnage) },
  ];

  return (
    <>
      {days.isError && <ApiErrorAlert error={errorOf(days.error)} />}
      <Table<AlertDayView> rowKey="day" size="small" columns={columns}
        dataSource={days.data ?? []} loading={days.isFetching}
        pagination={{ pageSize: 31, hideOnSinglePage: true }} />
      <Typography.Text type="secondary">{t('alertDays.note')}</Typography.Text>
    </>
  );
}
