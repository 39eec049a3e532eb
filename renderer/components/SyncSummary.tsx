// The head of the Sync page: what waits, what was acknowledged and refused, the delivery rate
// today and this month, the message waiting longest and why, and what the platform last said
// (its clock, the last heartbeat and what it came to).
import { Alert, Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../electron/api/contract.ts';
import { formatDuration } from '../format/duration.ts';
import { heartbeatText } from '../format/heartbeat-text.ts';
import { formatDateTime } from '../format/time.ts';

/** Drift worth telling the installer: the platform refuses uploads stamped 5 minutes off. */
const CLOCK_WARNING_MS = 60_000;
/** An HTTP Date names a whole second: anything closer is "in step". */
const CLOCK_RESOLUTION_MS = 1_000;

type Rate = SyncStatusView['rate']['today'];

export function SyncSummary({ status }: { status: SyncStatusView }) {
  const { t } = useTranslation();
  const duration = (ms: number) => formatDuration(ms, t);
  const when = (at: number | null) => (at === null ? t('sync.never') : formatDateTime(at));
  // "Label: " with the colon of the language: full-width in Chinese.
  const field = (key: string) => t('sync.field', { label: t(`sync.${key}`) });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={6}>
        <Card><Statistic title={t('sync.pending')} value={status.pending}
          valueRender={(v) => <span data-testid="sync-pending">{v}</span>} /></Card>
      </Col>
      <Col xs={12} md={6}>
        <Card><Statistic title={t('sync.acked')} value={status.acked} /></Card>
      </Col>
      <Col xs={12} md={6}>
        <Card><Statistic title={t('sync.rejected')} value={status.rejected}
          styles={status.rejected > 0 ? { content: { color: '#cf1322' } } : undefined} /></Card>
      </Col>
      <Col xs={12} md={6}>
        <Card><RateStatistic title={t('sync.rateToday')} rate={status.rate.today}
          testId="sync-rate-today" /></Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title={t('sync.oldest')} size="small">
          {status.oldestPending === null ? t('sync.oldestNone') : (
            <Typography.Paragraph data-testid="sync-oldest">
              {t('sync.oldestDetail', { kind: t(`sync.kind.${status.oldestPending.kind}`,
                { defaultValue: status.oldestPending.kind }),
                plate: status.oldestPending.plate ?? status.oldestPending.subjectId,
                age: duration(status.oldestPending.ageMs),
                attempts: status.oldestPending.attempts })}
              {status.oldestPending.lastError !== null && (
                <><br />{field('lastError')}{status.oldestPending.lastError}</>
              )}
            </Typography.Paragraph>
          )}
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title={t('sync.link')} size="small">
          <Typography.Paragraph data-testid="sync-link">
            {field('rateMonth')}<RateText rate={status.rate.month} /><br />
            {field('clock')}<ClockText offset={status.link.clockOffsetMs} /><br />
            {field('lastHeartbeat')}<HeartbeatText link={status.link} /><br />
            {field('lastContact')}{when(status.link.lastContactAt)}
          </Typography.Paragraph>
          {Math.abs(status.link.clockOffsetMs ?? 0) > CLOCK_WARNING_MS && (
            <Alert type="warning" showIcon title={t('sync.clockWarning')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function RateStatistic({ title, rate, testId }: { title: string; rate: Rate; testId: string }) {
  const { t } = useTranslation();
  const percent = rate.ratio === null ? '—' : `${(rate.ratio * 100).toFixed(1)} %`;
  return (
    <Tooltip title={t('sync.rateHint')}>
      <Statistic title={title} value={percent}
        valueRender={(v) => <span data-testid={testId}>{v}</span>} />
      <Typography.Text type="secondary"><RateText rate={rate} /></Typography.Text>
    </Tooltip>
  );
}

function RateText({ rate }: { rate: Rate }) {
  const { t } = useTranslation();
  if (rate.ratio === null) return <>{t('sync.rateNone')}</>;
  return <>{t('sync.rateDetail', { onTime: rate.onTime, due: rate.due })}</>;
}

function HeartbeatText({ link }: { link: SyncStatusView['link'] }) {
  const { t } = useTranslation();
  return <span data-testid="sync-heartbeat">{heartbeatText(link, t)}</span>;
}

function ClockText({ offset }: { offset: number | null }) {
  const { t } = useTranslation();
  let text = t('sync.clockUnknown');
  if (offset !== null && Math.abs(offset) < CLOCK_RESOLUTION_MS) text = t('sync.clockInStep');
  else if (offset !== null) {
    const key = offset > 0 ? 'sync.clockAhead' : 'sync.clockBehind';
    text = t(key, { offset: formatDuration(offset, t) });
  }
  return <span data-testid="sync-clock">{text}</span>;
}
