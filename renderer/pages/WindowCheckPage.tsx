// The inspector's window check: pick a date and a 5–10 minute window; the gate's footage of that
// window plays on the left, the ledger rows (passages) of the same minutes are listed on the
// right, and clicking a row moves the video to that truck. An inspector checks that every truck
// on video is in the ledger, so lost footage is shown as lost, never skipped in silence.
import { useState, type HTMLAttributes } from 'react';
import {
  Alert, Button, Col, Empty, Form, Input, Row, Select, Space, Spin, Table, Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallInput, WindowRowView } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { useLanes } from '../api/queries.ts';
import { usePlaybackCameras, useWindowCheck } from '../api/playback-queries.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { ClipPlayer, type SeekRequest } from '../components/ClipPlayer.tsx';
import { fieldProblemProps } from '../components/field-problem.tsx';
import { DecisionTag } from '../components/passage-tags.tsx';
import { formatClock, formatDateTime } from '../format/time.ts';
import { pickText, useLanguage } from '../i18n/use-language.ts';
import { checkWindowFields, type FieldProblems } from '../video/range-fields.ts';
import { shanghaiDateTimeToEpoch, shanghaiParts } from '../video/shanghai-input.ts';

/** The rules' window: 5 to 10 minutes. */
const MINUTES = [5, 6, 7, 8, 9, 10];

export function WindowCheckPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const lanes = useLanes();
  const cameras = usePlaybackCameras();
  const initial = shanghaiParts(Date.now() - 15 * 60_000);
  const [date, setDate] = useState(initial.date);
  const [start, setStart] = useState(initial.time);
  const [minutes, setMinutes] = useState(10);
  const [gateId, setGateId] = useState<string | undefined>(undefined);
  const [input, setInput] = useState<CallInput<'windowCheck.load'> | null>(null);
  const [problems, setProblems] = useState<FieldProblems<'date' | 'start'>>({});
  const [seek, setSeek] = useState<SeekRequest | null>(null);
  const check = useWindowCheck(input);

  const gates = [...new Set((cameras.data ?? []).map((c) => c.gateId))];
  // A refused window clears the result: what stays on screen must be the window asked for.
  const load = () => {
    const checked = checkWindowFields({ date, start, minutes }, Date.now());
    setSeek(null);
    setProblems(checked.ok ? {} : checked.problems);
    setInput(checked.ok ? { gateId, ...checked.range } : null);
  };
  // Fields edited since the result loaded: the result on screen is of the earlier window.
  const typedFrom = shanghaiDateTimeToEpoch(date, start);
  const shown = check.data;
  const earlier = shown !== undefined && (typedFrom !== shown.from
    || typedFrom + minutes * 60_000 !== shown.to || (gateId ?? gates[0]) !== shown.gateId);
  const laneName = (laneId: string) => {
    const lane = lanes.data?.find((l) => l.id === laneId);
    return lane ? pickText(language, lane.name, lane.nameEn) : laneId;
  };

  const columns = [
    { key: 'time', title: t('windowCheck.column.time'),
      render: (_: unknown, r: WindowRowView) => formatClock(r.capturedAt) },
    { key: 'lane', title: t('windowCheck.column.lane'),
      render: (_: unknown, r: WindowRowView) => laneName(r.laneId) },
    { key: 'plate', title: t('windowCheck.column.plate'),
      render: (_: unknown, r: WindowRowView) => (
        <span className="plate plate-small">{r.plate}</span>
      ) },
    { key: 'decision', title: t('windowCheck.column.decision'),
      render: (_: unknown, r: WindowRowView) => <DecisionTag decision={r.decision} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" className="page-wide">
      <Typography.Paragraph type="secondary">{t('windowCheck.intro')}</Typography.Paragraph>
      <Form layout="inline" onFinish={load}>
        <Form.Item label={t('windowCheck.date')}
          {...fieldProblemProps(problems.date, 'window-date', t)}>
          <Input type="date" data-testid="window-date" value={date}
            onChange={(e) => setDate(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('windowCheck.start')}
          {...fieldProblemProps(problems.start, 'window-start', t)}>
          <Input type="time" step={1} data-testid="window-start" value={start}
            onChange={(e) => setStart(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('windowCheck.minutes')}>
          <Select data-testid="window-minutes" value={minutes} onChange={setMinutes}
            options={MINUTES.map((m) => ({ value: m, label: t('windowCheck.minutesN', { n: m }) }))}
            style={{ width: 110 }} />
        </Form.Item>
        {gates.length > 1 && (
          <Form.Item label={t('windowCheck.gate')}>
            <Select value={gateId ?? gates[0]} onChange={setGateId}
              options={gates.map((g) => ({ value: g, label: g }))} style={{ width: 140 }} />
          </Form.Item>
        )}
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="window-load">
            {t('windowCheck.load')}
          </Button>
        </Form.Item>
        <Typography.Text type="secondary">{t('passages.timeZoneNote')}</Typography.Text>
      </Form>

      {check.isFetching && <Spin />}
      {check.isError && <ApiErrorAlert error={errorOf(check.error)} />}
      {earlier && (
        <Alert type="warning" showIcon data-testid="window-earlier"
          title={t('windowCheck.earlier', { from: formatDateTime(shown.from),
            to: formatClock(shown.to) })} />
      )}
      {check.data && (
        <Row gutter={16} data-testid="window-result" data-from={check.data.from}
          data-to={check.data.to}>
          <Col xs={24} lg={14}>
            {check.data.clips.map((clip) => (
              <ClipPlayer key={clip.clipId} clip={clip} title={clip.cameraId} seek={seek} />
            ))}
            {check.data.missing.length > 0 && (
              <Typography.Paragraph type="danger" data-testid="window-missing">
                {t('windowCheck.missing', { cameras: check.data.missing.join(', ') })}
              </Typography.Paragraph>
            )}
          </Col>
          <Col xs={24} lg={10}>
            <Typography.Paragraph>
              {t('windowCheck.rows', { count: check.data.rows.length,
                from: formatDateTime(check.data.from), to: formatClock(check.data.to) })}
            </Typography.Paragraph>
            <Table<WindowRowView>
              rowKey="passageId"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={check.data.rows}
              locale={{ emptyText: <Empty description={t('windowCheck.noRows')} /> }}
              rowClassName={(r) => (seek?.at === r.capturedAt ? 'window-check-row-active' : '')}
              onRow={(r) => ({
                'data-testid': `window-row-${r.passageId}`,
                'data-plate': r.plate,
                'data-at': r.capturedAt,
                onClick: () => setSeek({ at: r.capturedAt, n: (seek?.n ?? 0) + 1 }),
              }) as HTMLAttributes<HTMLElement>}
            />
          </Col>
        </Row>
      )}
    </Space>
  );
}
