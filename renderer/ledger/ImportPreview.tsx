// What an import would do, before anything is written: the counts, every problem by the sheet's
// row and column (as Excel shows them) in the reader's language, and the first rows as read.
import { Alert, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../electron/api/contract.ts';
import { pickText, useLanguage } from '../i18n/use-language.ts';
import { problemPlace } from './problem-place.ts';

type Preview = CallOutput<'ledger.import.preview'>;
type Problem = Preview['errors'][number];
type PreviewRow = Preview['rows'][number];

export function ImportPreview({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const badRows = new Set(preview.errors.map((problem) => problem.row)).size;

  return (
    <Space orientation="vertical" size="middle" className="page-wide">
      <Alert type={badRows > 0 ? 'warning' : 'success'} showIcon data-testid="ledger-import-counts"
        title={t('ledger.import.counts', { total: preview.total, valid: preview.valid,
          bad: badRows })} />
      {preview.errors.length > 0 && (
        <ProblemTable testId="ledger-import-errors" title={t('ledger.import.errors')}
          problems={preview.errors} />
      )}
      {preview.warnings.length > 0 && (
        <ProblemTable testId="ledger-import-warnings" title={t('ledger.import.warnings')}
          problems={preview.warnings} />
      )}
      <RowsTable rows={preview.rows} />
    </Space>
  );
}

function ProblemTable(props: { testId: string; title: string; problems: Problem[] }) {
  const { t } = useTranslation();
  const language = useLanguage();

  return (
    <Table<Problem>
      data-testid={props.testId}
      size="small"
      title={() => <Typography.Text strong>{props.title}</Typography.Text>}
      rowKey={(problem) => `${problem.row}-${problem.column}-${problem.code}`}
      dataSource={props.problems}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      onRow={(problem) => ({ 'data-row': problem.row, 'data-column': problem.column,
        className: 'ledger-import-problem' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'row', title: t('ledger.import.row'), dataIndex: 'row', width: 80 },
        { key: 'column', title: t('ledger.import.column'), width: 200,
          render: (_, problem) => problemPlace(problem, t) },
        { key: 'message', title: t('ledger.import.message'),
          render: (_, problem) => pickText(language, problem.zh, problem.en) },
      ]}
    />
  );
}

function RowsTable({ rows }: { rows: PreviewRow[] }) {
  const { t } = useTranslation();
  // The values are keyed by field: the same names the forms use for their labels.
  const headers = [...new Set(rows.flatMap((row) => Object.keys(row.values)))];

  return (
    <Table<PreviewRow>
      data-testid="ledger-import-rows"
      size="small"
      scroll={{ x: true }}
      title={() => <Typography.Text strong>{t('ledger.import.rows')}</Typography.Text>}
      rowKey="row"
      dataSource={rows}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      columns={[
        { key: 'row', title: t('ledger.import.row'), dataIndex: 'row', width: 70, fixed: 'left' },
        { key: 'ok', title: t('ledger.import.state'), width: 90,
          render: (_, row) => row.ok ? <Tag color="green">{t('ledger.import.good')}</Tag>
            : <Tag color="red">{t('ledger.import.bad')}</Tag> },
        ...headers.map((header) => ({ key: header,
          title: t(`ledger.field.${header}`, { defaultValue: header }),
          render: (_: unknown, row: PreviewRow) => row.values[header] ?? '' })),
      ]}
    />
  );
}
