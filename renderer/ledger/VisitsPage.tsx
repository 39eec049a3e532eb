// Visits: each truck's entry and exit paired into one row, with its cargo and tonnage, searched
// by plate, days, open or closed, missing cargo, stage and fleet.
import { useState } from 'react';
import { Card, DatePicker, Form, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role, VisitView } from '../../electron/api/contract.ts';
import { PlateColorTag } from '../components/passage-tags.tsx';
import { formatDateTime } from '../format/time.ts';
import { FuelText, StageTag } from './ledger-cells.tsx';
import { VEHICLE_STAGES } from './ledger-codes.ts';
import { LedgerFilterBar } from './LedgerFilterBar.tsx';
import { ChainTools } from './ChainTools.tsx';
import { verifiesChain, writesCargo } from './ledger-routes.ts';
import { LedgerTable } from './LedgerTable.tsx';
import { withDayRange } from './use-ledger-params.ts';
import { VisitDrawer } from './VisitDrawer.tsx';

const VISIT_STATES = ['any', 'open', 'closed'] as const;

export function VisitsPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const when = (at: number | null) => (at === null ? '—' : formatDateTime(at));

  return (
    <>
      <LedgerTable<VisitView>
        ledger="visits" role={role} listCall="ledger.visits.list" defaultSort="enteredAt"
        rowKey={(row) => row.id}
        onOpen={(row) => setOpen(row.id)}
        filterBar={(setFilter) => (
          <LedgerFilterBar searchKey="plate" searchHint={t('ledger.filter.searchHint.visits')}
            stages={VEHICLE_STAGES} fleet
            missingKey="cargoMissing" onSubmit={setFilter} transform={withDayRange} extra={<>
              <Form.Item name="state" label={t('ledger.filter.state')}>
                <Select data-testid="ledger-filter-state" className="ledger-filter-select"
                  allowClear options={VISIT_STATES.map((state) => ({ value: state,
                    label: t(`ledger.visitState.${state}`) }))} />
              </Form.Item>
              <Form.Item name="range" label={t('ledger.filter.range')}>
                <DatePicker.RangePicker format="YYYY-MM-DD" />
              </Form.Item>
            </>} />
        )}
        columns={[
          { key: 'plate', title: t('ledger.field.plate'), sorter: true,
            render: (_, row) => (
              <Space size={4}><span className="plate plate-small">{row.plate}</span>
                <PlateColorTag color={row.plateColor} /></Space>) },
          { key: 'enteredAt', title: t('ledger.field.enteredAt'), sorter: true,
            render: (_, row) => when(row.enteredAt) },
          { key: 'exitedAt', title: t('ledger.field.exitedAt'), sorter: true,
            render: (_, row) => when(row.exitedAt) },
          { key: 'stage', title: t('ledger.field.emissionStage'),
            render: (_, row) => <StageTag stage={row.emissionStage} /> },
          { key: 'fuel', title: t('ledger.field.fuel'),
            render: (_, row) => <FuelText fuel={row.fuel} /> },
          { key: 'fleet', title: t('ledger.field.fleet'), render: (_, row) => row.fleet ?? '—' },
          { key: 'cargo', title: t('ledger.field.cargoName'),
            render: (_, row) => <Cargo row={row} /> },
        ]}
      />
      <VisitDrawer id={open} canWriteCargo={writesCargo(role)} onClose={() => setOpen(null)} />
      {verifiesChain(role) && (
        <Card title={t('ledger.chain.title')} className="ledger-chain">
          <ChainTools />
        </Card>
      )}
    </>
  );
}

function Cargo({ row }: { row: VisitView }) {
  const { t } = useTranslation();
  if (row.cargo === null) {
    return row.exitedAt === null ? <>—</> : <Tag color="red">{t('ledger.cargo.missing')}</Tag>;
  }
  return (
    <Space size={4}>
      <span>
        {t('ledger.cargo.entry', { name: row.cargo.cargoName, tonnage: row.cargo.tonnage })}
      </span>
      {row.cargo.corrects !== null && (
        <Tag color="purple" title={t('ledger.cargo.by', { by: row.cargo.enteredBy,
          at: formatDateTime(row.cargo.at) })}>{t('ledger.cargo.correction')}</Tag>
      )}
    </Space>
  );
}
