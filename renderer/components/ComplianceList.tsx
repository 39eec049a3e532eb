// The inventory check (R11, R12): in-plant vehicles and machinery below the stage the plant's
// rating requires, and machinery that must not operate under the alert in force.
import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplianceView } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { useCompliance } from '../api/alert-queries.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';

type Item = ComplianceView['items'][number];

const ISSUE_COLOURS: Record<Item['issues'][number], string> = {
  'below-min-stage': 'orange',
  'must-not-operate': 'red',
};

export function ComplianceList() {
  const { t } = useTranslation();
  const compliance = useCompliance(true);
  const view = compliance.data;

  const columns: TableColumnsType<Item> = [
    { key: 'kind', title: t('compliance.kind'), render: (_, i) => t(`compliance.${i.kind}`) },
    { key: 'code', title: t('compliance.code'), dataIndex: 'code' },
    { key: 'type', title: t('compliance.type'), dataIndex: 'type' },
    { key: 'fuel', title: t('compliance.fuel'), dataIndex: 'fuel' },
    { key: 'stage', title: t('compliance.stage'), dataIndex: 'emissionStage' },
    { key: 'issues', title: t('compliance.issues'), render: (_, i) => i.issues.map((issue) => (
      <Tag key={issue} color={ISSUE_COLOURS[issue]}>{t(`compliance.issue.${issue}`)}</Tag>
    )) },
  ];

  return (
    <Space orientation="vertical" className="page-wide">
      {compliance.isError && <ApiErrorAlert error={errorOf(compliance.error)} />}
      {view && (
        <Typography.Text type="secondary">
          {t('compliance.summary', { inPlant: view.inPlantTotal,
            machinery: view.machineryTotal })}
          {' · '}
          {t('compliance.limits', { inPlantMin: view.limits.inPlantMinStage ?? '—',
            machineryMin: view.limits.machineryMinStage ?? '—' })}
        </Typography.Text>
      )}
      <Table<Item> rowKey={(i) => `${i.kind}-${i.id}`} size="small" columns={columns}
        dataSource={view?.items ?? []} loading={compliance.isFetching}
        onRow={(i) => ({ 'data-testid': `compliance-${i.kind}-${i.id}` } as object)}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} />
    </Space>
  );
}
