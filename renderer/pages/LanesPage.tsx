// The guard's main screen: the control state on top, every lane side by side, pictures first,
// live. Works without a mouse (see use-lane-keys.ts).
import { useCallback, useMemo, useState } from 'react';
import { Col, Empty, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PassageView, Role } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { useLanes } from '../api/queries.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { LaneCard } from '../components/LaneCard.tsx';
import { ManualOpenModal } from '../components/ManualOpenModal.tsx';
import { ControlBanner } from '../components/ControlBanner.tsx';
import { OverrideModal } from '../components/OverrideModal.tsx';
import { StorageAlarmBanner } from '../components/StorageForecast.tsx';
import { useLaneKeys } from './use-lane-keys.ts';

/** Who may open a barrier by hand: the contract's access list of `lanes.manualOpen`. */
const MANUAL_OPEN_ROLES: readonly Role[] = ['guard', 'manager', 'installer'];
/** Who may override a denial: the contract's access list of `passages.override`. */
const OVERRIDE_ROLES: readonly Role[] = ['guard', 'manager', 'installer'];

export function LanesPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const lanes = useLanes();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [dialogLaneId, setDialogLaneId] = useState<string | null>(null);
  const [overriding, setOverriding] = useState<PassageView | null>(null);
  const canOpen = MANUAL_OPEN_ROLES.includes(role);
  const onOverride = OVERRIDE_ROLES.includes(role) ? setOverriding : undefined;

  const laneIds = useMemo(() => (lanes.data ?? []).map((lane) => lane.id), [lanes.data]);
  // The first lane is selected until the guard picks another.
  const selectedId =
    chosenId !== null && laneIds.includes(chosenId) ? chosenId : (laneIds[0] ?? null);
  const openDialog = useCallback(
    (laneId: string) => {
      if (canOpen) setDialogLaneId(laneId);
    },
    [canOpen],
  );
  useLaneKeys({
    laneIds,
    selectedId,
    dialogOpen: dialogLaneId !== null || overriding !== null,
    select: setChosenId,
    manualOpen: openDialog,
  });

  if (lanes.isPending) return <Spin size="large" />;
  if (lanes.isError) return <ApiErrorAlert error={errorOf(lanes.error)} />;
  if (lanes.data.length === 0) return <Empty description={t('lanes.empty')} />;

  const dialogLane = lanes.data.find((lane) => lane.id === dialogLaneId) ?? null;
  return (
    <>
      <ControlBanner />
      <StorageAlarmBanner role={role} />
      <Typography.Paragraph type="secondary">{t('lanes.keyboardHint')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {lanes.data.map((lane, index) => (
          <Col key={lane.id} xs={24} lg={12} xxl={8}>
            <LaneCard
              lane={lane}
              number={index + 1}
              selected={lane.id === selectedId}
              canOpen={canOpen}
              onSelect={() => setChosenId(lane.id)}
              onManualOpen={() => openDialog(lane.id)}
              onOverride={onOverride}
            />
          </Col>
        ))}
      </Row>
      <ManualOpenModal lane={dialogLane} onClose={() => setDialogLaneId(null)} />
      <OverrideModal passage={overriding} onClose={() => setOverriding(null)} />
    </>
  );
}
