// One visit: the entry and the exit with their passage photos, the cargo in force and every
// earlier entry it corrected (who, when, why), and for guards and officers the cargo form.
import { Descriptions, Drawer, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CargoView } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { PlateColorTag } from '../components/passage-tags.tsx';
import { formatDateTime } from '../format/time.ts';
import { CargoForm } from './CargoForm.tsx';
import { DocumentPhotos } from './DocumentPhotos.tsx';
import { FuelText, StageTag } from './ledger-cells.tsx';
import { useVisit } from './ledger-queries.ts';

interface Props {
  id: string | null;
  canWriteCargo: boolean;
  onClose(): void;
}

export function VisitDrawer({ id, canWriteCargo, onClose }: Props) {
  const { t } = useTranslation();
  const detail = useVisit(id);
  const visit = detail.data?.visit;
  const when = (at: number | null) => (at === null ? '—' : formatDateTime(at));

  return (
    <Drawer open={id !== null} onClose={onClose} size="large" destroyOnHidden
      data-testid="ledger-drawer" title={visit?.plate ?? ''}>
      {detail.isError && <ApiErrorAlert error={errorOf(detail.error)} />}
      {visit === undefined ? <Spin /> : (
        <Space orientation="vertical" size="large" className="page-wide">
          <Descriptions bordered size="small" column={2} data-testid="ledger-detail" items={[
            { key: 'plate', label: t('ledger.field.plate'), children: (
              <Space><span className="plate plate-small">{visit.plate}</span>
                <PlateColorTag color={visit.plateColor} /></Space>) },
            { key: 'stage', label: t('ledger.field.emissionStage'),
              children: <StageTag stage={visit.emissionStage} /> },
            { key: 'in', label: t('ledger.field.enteredAt'), children: when(visit.enteredAt) },
            { key: 'out', label: t('ledger.field.exitedAt'), children: when(visit.exitedAt) },
            { key: 'fuel', label: t('ledger.field.fuel'),
              children: <FuelText fuel={visit.fuel} /> },
            { key: 'fleet', label: t('ledger.field.fleet'), children: visit.fleet ?? '—' },
          ]} />
          <DocumentPhotos photos={detail.data?.photos ?? []} />
          <Typography.Title level={5}>{t('ledger.cargo.title')}</Typography.Title>
          <CargoHistory history={detail.data?.cargoHistory ?? []} />
          {canWriteCargo && <CargoForm visitId={visit.id} current={visit.cargo} />}
        </Space>
      )}
    </Drawer>
  );
}

/** Oldest first, as the core sends it; each correction says what it replaced and why. */
function CargoHistory({ history }: { history: CargoView[] }) {
  const { t } = useTranslation();
  if (history.length === 0) return <Typography.Text type="secondary">{t('ledger.cargo.none')}
  </Typography.Text>;

  return (
    <Timeline data-testid="ledger-cargo-history" items={history.map((cargo, index) => ({
      key: cargo.id,
      color: index === history.length - 1 ? 'green' : 'gray',
      content: (
        <Space orientation="vertical" size={0}>
          <span>{t('ledger.cargo.entry', { name: cargo.cargoName, tonnage: cargo.tonnage })}</span>
          <Typography.Text type="secondary">
            {t('ledger.cargo.by', { by: cargo.enteredBy, at: formatDateTime(cargo.at) })}
          </Typography.Text>
          {cargo.corrects !== null && (
            <span><Tag color="purple">{t('ledger.cargo.correction')}</Tag>{cargo.reason}</span>
          )}
        </Space>
      ),
    }))} />
  );
}
