// Recorded video: pick a camera and a day, see where footage exists and where it is missing,
// click the day's bar to watch that moment, and export a time range as one file.
import { useMemo, useState } from 'react';
import { Empty, Form, Input, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { useCameraDay, useClip, usePlaybackCameras } from '../api/playback-queries.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { ClipPlayer } from '../components/ClipPlayer.tsx';
import { DayTimeline } from '../components/DayTimeline.tsx';
import { ExportPanel } from '../components/ExportPanel.tsx';
import { shanghaiParts } from '../video/shanghai-input.ts';

/** A click on the timeline plays from a minute before to four minutes after it. */
const BEFORE_MS = 60_000;
const AFTER_MS = 4 * 60_000;
/** Who may export: the contract's access list of `playback.export`. */
const EXPORTERS: readonly Role[] = ['officer', 'manager', 'installer'];

export function PlaybackPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const cameras = usePlaybackCameras();
  const [chosen, setChosen] = useState<string | null>(null);
  const [date, setDate] = useState(() => shanghaiParts(Date.now()).date);
  const [picked, setPicked] = useState<number | null>(null);
  const cameraId = chosen ?? cameras.data?.[0]?.id ?? null;
  const day = useCameraDay(cameraId, date);
  const seek = useMemo(() => (picked === null ? null : { at: picked, n: picked }), [picked]);
  const clip = useClip(cameraId && picked !== null
    ? { cameraId, from: picked - BEFORE_MS, to: picked + AFTER_MS } : null);

  if (cameras.isPending) return <Spin />;
  if (cameras.isError) return <ApiErrorAlert error={errorOf(cameras.error)} />;
  if (cameras.data.length === 0) return <Empty description={t('playback.noCameras')} />;

  return (
    <Space orientation="vertical" size="middle" className="page-wide">
      <Form layout="inline">
        <Form.Item label={t('playback.camera')}>
          <Select value={cameraId} onChange={(id) => { setChosen(id); setPicked(null); }}
            options={cameras.data.map((c) => ({ value: c.id, label: c.name }))}
            style={{ width: 220 }} data-testid="playback-camera" />
        </Form.Item>
        <Form.Item label={t('playback.date')}>
          <Input type="date" value={date} data-testid="playback-date"
            onChange={(e) => { setDate(e.target.value); setPicked(null); }} />
        </Form.Item>
        <Typography.Text type="secondary">{t('passages.timeZoneNote')}</Typography.Text>
      </Form>

      {day.isError && <ApiErrorAlert error={errorOf(day.error)} />}
      {day.data && <DayTimeline day={day.data} onPick={setPicked} />}
      <Typography.Text type="secondary">{t('playback.timelineHint')}</Typography.Text>

      {clip.isFetching && <Spin />}
      {clip.isError && <ApiErrorAlert error={errorOf(clip.error)} />}
      {clip.data === null && <Empty description={t('playback.noFootage')} />}
      {clip.data && picked !== null && (
        <ClipPlayer clip={clip.data} seek={seek} autoPlay />
      )}

      {cameraId && EXPORTERS.includes(role) && <ExportPanel cameraId={cameraId} date={date} />}
    </Space>
  );
}
