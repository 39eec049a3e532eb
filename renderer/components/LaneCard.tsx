// One lane as the guard watches it: its camera live, name, control state, barrier state, a red
// alert while its latest barrier command has failed, the manual-open button and its latest
// passages.
import { Alert, Button, Card, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LaneView, PassageView } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { useRecentPassages } from '../api/queries.ts';
import { useControl } from '../api/alert-queries.ts';
import { pickText, useLanguage } from '../i18n/use-language.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { PassageItem } from './PassageItem.tsx';
import { LiveVideo } from './LiveVideo.tsx';
import { ControlStateTag, LaneBarrierTag } from './passage-tags.tsx';
import { LaneDevices } from './LaneDevices.tsx';
import { BarrierFailureText } from './BarrierFailureText.tsx';

interface Props {
  lane: LaneView;
  /** 1-based number of the lane: its key on the keyboard. */
  number: number;
  selected: boolean;
  canOpen: boolean;
  onSelect(): void;
  onManualOpen(): void;
  /** Set when the user may override a denied passage. */
  onOverride?: (passage: PassageView) => void;
}

export function LaneCard(props: Props) {
  const { lane, number, selected, canOpen, onSelect, onManualOpen, onOverride } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const passages = useRecentPassages(lane.id);
  // The control state is the site's: the lane shows what the banner shows.
  const control = useControl();
  const failed = lane.barrierState === 'error';

  const title = (
    <Space>
      <Tag>{number}</Tag>
      <span>{pickText(language, lane.name, lane.nameEn)}</span>
      <Tag>{t(`lanes.direction.${lane.direction}`)}</Tag>
    </Space>
  );
  const openButton = (
    <Button
      data-testid={`manual-open-${lane.id}`}
      type="primary"
      disabled={!canOpen}
      onClick={onManualOpen}
    >
      {t('lanes.manualOpen')}
    </Button>
  );

  return (
    <div
      data-testid={`lane-${lane.id}`}
      data-barrier-state={lane.barrierState}
      className={`lane${selected ? ' lane-selected' : ''}${failed ? ' lane-failed' : ''}`}
      onClick={onSelect}
    >
      <Card title={title} extra={openButton}>
        <LiveVideo cameraId={lane.cameraId} />
        <Space wrap className="lane-states">
          <span>{t('lanes.controlState')}</span>
          <ControlStateTag state={control.data?.level ?? lane.controlState} />
          <span>{t('lanes.barrierState')}</span>
          <LaneBarrierTag state={lane.barrierState} />
        </Space>

        {failed && (
          <div data-testid={`barrier-error-${lane.id}`} className="lane-barrier-error">
            <Alert
              type="error"
              showIcon
              title={t('lanes.barrierFailed')}
              description={<BarrierFailureText failure={lane.barrierFailure}
                detail={lane.barrierError} />}
            />
          </div>
        )}

        <LaneDevices lane={lane} />

        {passages.isPending && <Spin />}
        {passages.isError && <ApiErrorAlert error={errorOf(passages.error)} />}
        {passages.data?.length === 0 && (
          <Typography.Paragraph type="secondary">{t('lanes.noPassages')}</Typography.Paragraph>
        )}
        {passages.data?.map((passage, index) => (
          <PassageItem key={passage.id} passage={passage} latest={index === 0}
            onOverride={onOverride} />
        ))}
      </Card>
    </div>
  );
}
