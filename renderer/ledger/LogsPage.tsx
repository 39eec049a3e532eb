// Fuel, urea and maintenance logs of in-plant vehicles and machinery (§1.5.4): searched by
// kind, subject and time; each entry with its receipt or certificate photos. Entries are
// written once and never edited.
import { useState } from 'react';
import { Button, DatePicker, Descriptions, Drawer, Form, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  LOG_KINDS, logFields, type LogView, type Result, type Role,
} from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { formatDateTime } from '../format/time.ts';
import { DocumentPhotos } from './DocumentPhotos.tsx';
import { FieldValue } from './FieldValue.tsx';
import { LOG_FIELDS } from './field-specs.ts';
import { LedgerFilterBar } from './LedgerFilterBar.tsx';
import { ledgerKeys } from './ledger-queries.ts';
import { keepsLedgers } from './ledger-routes.ts';
import { LedgerTable } from './LedgerTable.tsx';
import { RecordForm, type Saved } from './RecordForm.tsx';
import { withDayRange } from './use-ledger-params.ts';

export function LogsPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<LogView | 'new' | null>(null);
  const spec = (key: string) => LOG_FIELDS.find((field) => field.key === key)!;

  return (
    <>
      <LedgerTable<LogView>
        ledger="logs" role={role} listCall="ledger.logs.list" defaultSort="at"
        rowKey={(row) => String(row.id)}
        onOpen={setOpen}
        filterBar={(setFilter) => (
          <LedgerFilterBar searchHint={t('ledger.filter.searchHint.logs')} onSubmit={setFilter}
            transform={withDayRange} extra={<>
            <Form.Item name="kinds" label={t('ledger.field.kind')}>
              <Select mode="multiple" allowClear className="ledger-filter-select"
                options={LOG_KINDS.map((kind) => ({ value: kind,
                  label: t(`ledger.logKind.${kind}`) }))} />
            </Form.Item>
            <Form.Item name="subjectKind" label={t('ledger.field.subjectKind')}>
              <Select allowClear className="ledger-filter-select"
                options={['inPlant', 'machinery'].map((kind) => ({ value: kind,
                  label: t(`ledger.subjectKind.${kind}`) }))} />
            </Form.Item>
            <Form.Item name="range" label={t('ledger.filter.range')}>
              <DatePicker.RangePicker format="YYYY-MM-DD" />
            </Form.Item>
          </>} />
        )}
        actions={keepsLedgers(role) && (
          <Button data-testid="ledger-new" type="primary" onClick={() => setOpen('new')}>
            {t('ledger.new.logs')}
          </Button>
        )}
        columns={[
          { key: 'at', title: t('ledger.field.at'), sorter: true,
            render: (_, row) => formatDateTime(row.at) },
          { key: 'kind', title: t('ledger.field.kind'), sorter: true,
            render: (_, row) => t(`ledger.logKind.${row.kind}`) },
          { key: 'subject', title: t('ledger.field.subjectId'),
            render: (_, row) =>
              `${t(`ledger.subjectKind.${row.subjectKind}`)} ${row.subjectCode}` },
          { key: 'fill', title: t('ledger.field.fill'),
            render: (_, row) => <FieldValue spec={spec('fill')} value={row.fill} /> },
          { key: 'quantity', title: t('ledger.field.quantity'), sorter: true,
            render: (_, row) =>
              row.quantity === null ? '—' : `${row.quantity} ${row.unit ?? ''}` },
          { key: 'grade', title: t('ledger.field.grade'), dataIndex: 'grade' },
          { key: 'operator', title: t('ledger.field.operator'), dataIndex: 'operator' },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} size="large" destroyOnHidden
        data-testid="ledger-drawer"
        title={open === 'new' ? t('ledger.new.logs') : t('ledger.logTitle')}>
        {open === 'new' && (
          <RecordForm specs={LOG_FIELDS} schema={logFields} documentKinds={['receipt']}
            record={null}
            save={(fields) =>
              api.call('ledger.logs.create', fields as never) as Promise<Result<Saved>>}
            onSaved={() => {
              void queryClient.invalidateQueries({ queryKey: ledgerKeys.ledger('logs') });
              setOpen(null);
            }} />
        )}
        {open !== null && open !== 'new' && <LogDetail log={open} />}
      </Drawer>
    </>
  );
}

function LogDetail({ log }: { log: LogView }) {
  const { t } = useTranslation();
  const values: Record<string, unknown> = { ...log, at: formatDateTime(log.at),
    subjectId: log.subjectCode };

  return (
    <Space orientation="vertical" size="large" className="page-wide">
      <Descriptions bordered size="small" column={2} data-testid="ledger-detail"
        items={[...LOG_FIELDS.map((spec) => ({
          key: spec.key, label: t(`ledger.field.${spec.key}`),
          children: <FieldValue spec={spec.kind === 'select' ? spec : { ...spec, kind: 'text' }}
            value={values[spec.key]} />,
        })), { key: 'operator', label: t('ledger.field.operator'), children: log.operator }]} />
      <DocumentPhotos photos={log.documents} />
    </Space>
  );
}
