// One registry record in a drawer: every field, the checks that warn, the photos, who saved
// which version; for the officer an edit button that turns it into the form. A new record
// opens the drawer on an empty form.
import { useState } from 'react';
import { Button, Descriptions, Drawer, Space, Spin, Timeline, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { errorOf } from '../api/api-failure.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { formatDateTime } from '../format/time.ts';
import { DocumentPhotos } from './DocumentPhotos.tsx';
import { FieldValue } from './FieldValue.tsx';
import { WarningsTag } from './ledger-cells.tsx';
import { ledgerKeys, useLedgerRecord } from './ledger-queries.ts';
import { RecordForm } from './RecordForm.tsx';
import type { Registry, RegistryRow } from './registries.ts';
import { registryCalls } from './registry-calls.ts';

interface Props {
  registry: Registry;
  /** The record shown, 'new' for the form of a new one, null when closed. */
  open: number | 'new' | null;
  canEdit: boolean;
  onClose(): void;
}

export function RegistryDrawer({ registry, open, canEdit, onClose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const calls = registryCalls(api, registry.ledger);
  const id = typeof open === 'number' ? open : null;
  const detail = useLedgerRecord(calls.getCall, id);
  const [editing, setEditing] = useState(false);
  const record = detail.data?.record as RegistryRow | undefined;

  const close = () => {
    setEditing(false);
    onClose();
  };
  const saved = () => {
    setEditing(false);
    void queryClient.invalidateQueries({ queryKey: ledgerKeys.ledger(registry.ledger) });
    if (open === 'new') onClose();
  };

  const title = open === 'new' ? t(`ledger.new.${registry.ledger}`)
    : String(record?.[registry.titleKey] ?? '');
  const formOpen = open === 'new' || editing;

  return (
    <Drawer open={open !== null} onClose={close} size="large" title={title}
      data-testid="ledger-drawer" destroyOnHidden
      extra={canEdit && record !== undefined && !editing && (
        <Button data-testid="ledger-edit" onClick={() => setEditing(true)}>
          {t('ledger.edit')}
        </Button>
      )}>
      {detail.isError && <ApiErrorAlert error={errorOf(detail.error)} />}
      {formOpen && (open === 'new' || record !== undefined) && (
        <RecordForm specs={registry.specs} schema={registry.schema}
          documentKinds={registry.documentKinds}
          record={open === 'new' ? null : (record ?? null)}
          validate={calls.validate}
          save={(fields) => record === undefined || open === 'new' ? calls.create(fields)
            : calls.update(record.id, record.version, fields)}
          onSaved={saved} />
      )}
      {!formOpen && id !== null && record === undefined && <Spin />}
      {!formOpen && record !== undefined && (
        <Space orientation="vertical" size="large" className="page-wide">
          <WarningsTag warnings={record.warnings} />
          <Descriptions bordered size="small" column={2} data-testid="ledger-detail"
            items={registry.specs.map((spec) => ({
              key: spec.key,
              label: t(`ledger.field.${spec.key}`),
              children: <FieldValue spec={spec} value={record[spec.key]} />,
            }))} />
          <Typography.Title level={5}>{t('ledger.field.documents')}</Typography.Title>
          <DocumentPhotos photos={record.documents} />
          <Typography.Title level={5}>{t('ledger.history')}</Typography.Title>
          <Timeline items={[
            { content: t('ledger.versionBy', { version: record.version, by: record.updatedBy,
              at: formatDateTime(record.updatedAt) }) },
            ...(detail.data?.history ?? []).map((old) => ({
              content: t('ledger.versionBy', { version: old.version, by: old.by,
                at: formatDateTime(old.at) }),
            })),
          ]} />
        </Space>
      )}
    </Drawer>
  );
}
