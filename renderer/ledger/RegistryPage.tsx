// A registry page (transport vehicles, in-plant vehicles or machinery): search and filters,
// the table the core pages and sorts, and the drawer with the record's fields and photos.
import { useState } from 'react';
import { Button, Form, Select, Space, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../electron/api/contract.ts';
import { PlateColorTag } from '../components/passage-tags.tsx';
import { formatDateTime } from '../format/time.ts';
import { FieldValue } from './FieldValue.tsx';
import { DocumentsTag, StageTag, WarningsTag } from './ledger-cells.tsx';
import { LedgerFilterBar } from './LedgerFilterBar.tsx';
import { keepsLedgers } from './ledger-routes.ts';
import { LedgerTable } from './LedgerTable.tsx';
import { REGISTRIES, type Registry, type RegistryLedger, type RegistryRow } from './registries.ts';
import { RegistryDrawer } from './RegistryDrawer.tsx';

export function RegistryPage({ ledger, role }: { ledger: RegistryLedger; role: Role }) {
  const { t } = useTranslation();
  const registry = REGISTRIES[ledger];
  const [open, setOpen] = useState<number | 'new' | null>(null);
  const canEdit = keepsLedgers(role);
  const columns = useRegistryColumns(registry);

  return (
    <>
      <LedgerTable<RegistryRow>
        ledger={ledger}
        role={role}
        listCall={`ledger.${ledger}.list`}
        defaultSort="updatedAt"
        columns={columns}
        rowKey={(row) => String(row[registry.titleKey])}
        onOpen={(row) => setOpen(row.id)}
        filterBar={(setFilter) => (
          <LedgerFilterBar searchHint={t(`ledger.filter.searchHint.${ledger}`)}
            stages={registry.stages} fuels fleet={registry.fleet}
            missingKey="missingDocuments" onSubmit={setFilter}
            extra={registry.statuses && <StatusFilter statuses={registry.statuses} />} />
        )}
        actions={canEdit && (
          <Button data-testid="ledger-new" type="primary" onClick={() => setOpen('new')}>
            {t(`ledger.new.${ledger}`)}
          </Button>
        )}
      />
      <RegistryDrawer key={String(open)} registry={registry} open={open} canEdit={canEdit}
        onClose={() => setOpen(null)} />
    </>
  );
}

/** Narrows the list to one registry status: the blacklisted, or those whose validity ended. */
function StatusFilter({ statuses }: { statuses: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <Form.Item name="status" label={t('ledger.filter.status')}>
      <Select data-testid="ledger-filter-status" allowClear className="ledger-filter-select"
        options={statuses.map((code) => ({ value: code,
          label: t(`ledger.registryStatus.${code}`) }))} />
    </Form.Item>
  );
}

function useRegistryColumns(registry: Registry): TableColumnsType<RegistryRow> {
  const { t } = useTranslation();
  const sortable = (key: string) => registry.sorts.includes(key);
  const specOf = (key: string) => registry.specs.find((spec) => spec.key === key);

  const title = {
    key: registry.titleKey,
    title: t(`ledger.field.${registry.titleKey}`),
    sorter: sortable(registry.titleKey),
    render: (_: unknown, row: RegistryRow) => (
      <Space size={4}>
        <span className="plate plate-small">{String(row[registry.titleKey])}</span>
        {typeof row.plateColor === 'string' && <PlateColorTag color={row.plateColor} />}
      </Space>
    ),
  };
  const fields = registry.columns.map((key) => {
    const spec = specOf(key);
    return {
      key,
      title: t(`ledger.field.${key}`),
      sorter: sortable(key),
      render: (_: unknown, row: RegistryRow) =>
        spec ? <FieldValue spec={spec} value={row[key]} /> : String(row[key] ?? '—'),
    };
  });

  return [
    title,
    { key: 'emissionStage', title: t('ledger.field.emissionStage'), sorter: true,
      render: (_, row) => <StageTag stage={row.emissionStage as string} /> },
    ...fields,
    { key: 'documents', title: t('ledger.field.documents'),
      render: (_, row) => <DocumentsTag documents={row.documents}
        required={registry.requiredDocuments} /> },
    { key: 'warnings', title: t('ledger.column.checks'),
      render: (_, row) => <WarningsTag warnings={row.warnings} /> },
    { key: 'updatedAt', title: t('ledger.column.updatedAt'), sorter: true,
      render: (_, row) => formatDateTime(row.updatedAt) },
  ];
}
