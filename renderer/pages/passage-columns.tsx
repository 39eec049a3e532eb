// The columns of the passages table, in the reader's language.
import { Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LaneView, PassageView } from '../../electron/api/contract.ts';
import { DecisionTag, PassageBarrierTag, PlateColorTag } from '../components/passage-tags.tsx';
import { PassageClipButton } from '../components/PassageClipButton.tsx';
import { formatDateTime } from '../format/time.ts';
import { pickText, useLanguage } from '../i18n/use-language.ts';
import { barrierFailureText } from '../format/barrier-failure-text.ts';

export function usePassageColumns(lanes: LaneView[]): TableColumnsType<PassageView> {
  const { t } = useTranslation();
  const language = useLanguage();
  const laneName = (laneId: string) => {
    const lane = lanes.find((candidate) => candidate.id === laneId);
    return lane ? pickText(language, lane.name, lane.nameEn) : laneId;
  };

  return [
    {
      key: 'time',
      title: t('passages.column.time'),
      render: (_, row) => formatDateTime(row.capturedAt),
    },
    { key: 'lane', title: t('passages.column.lane'), render: (_, row) => laneName(row.laneId) },
    {
      key: 'plate',
      title: t('passages.column.plate'),
      render: (_, row) => (
        <Space size={4}>
          <span className="plate plate-small">{row.plate}</span>
          {row.testPush && (
            <Tag color="gold" title={t('passages.testPushNote')} data-testid="passage-test-push">
              {t('passages.testPush')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      key: 'plateColor',
      title: t('passages.column.plateColor'),
      render: (_, row) => <PlateColorTag color={row.plateColor} />,
    },
    {
      key: 'decision',
      title: t('passages.column.decision'),
      render: (_, row) => (
        <Space size={4}>
          <DecisionTag decision={row.decision} />
          {row.override !== null && (
            <Tag color="purple" title={row.override.reason}>{t('override.flag')}</Tag>
          )}
        </Space>
      ),
    },
    {
      key: 'reason',
      title: t('passages.column.reason'),
      render: (_, row) => pickText(language, row.reasonZh, row.reasonEn),
    },
    {
      key: 'barrier',
      title: t('passages.column.barrier'),
      render: (_, row) => (
        <Space size={4}>
          <PassageBarrierTag barrier={row.barrier} />
          {row.barrier === 'failed' && (
            <Typography.Text type="danger" title={row.barrierError ?? undefined}>
              {barrierFailureText(row.barrierFailure, t)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'video',
      title: t('playback.column'),
      render: (_, row) => <PassageClipButton passage={row} />,
    },
  ];
}
