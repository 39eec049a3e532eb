// Export of a time range of one camera as one MP4 (stream copy, no quality lost): pick the
// range, follow the progress, download the file when it is done.
import { useState } from 'react';
import { Alert, Button, Form, Input, List, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExportJobView } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { errorOf } from '../api/api-failure.ts';
import { useExports, useStartExport } from '../api/playback-queries.ts';
import { formatDateTime } from '../format/time.ts';
import { mediaUrl } from '../video/media-url.ts';
import { shanghaiDateTimeToEpoch } from '../video/shanghai-input.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';

export function ExportPanel({ cameraId, date }: { cameraId: string; date: string }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('08:00:00');
  const [to, setTo] = useState('08:10:00');
  const exports = useExports(true);
  const start = useStartExport();

  const submit = () => {
    const fromAt = shanghaiDateTimeToEpoch(date, from);
    const toAt = shanghaiDateTimeToEpoch(date, to);
    if (fromAt === null || toAt === null) return;
    start.mutate({ cameraId, from: fromAt, to: toAt });
  };

  return (
    <Space orientation="vertical" className="page-wide">
      <Typography.Title level={5}>{t('playback.export.title')}</Typography.Title>
      <Form layout="inline" onFinish={submit}>
        <Form.Item label={t('playback.export.from')}>
          <Input type="time" step={1} data-testid="export-from" value={from}
            onChange={(e) => setFrom(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('playback.export.to')}>
          <Input type="time" step={1} data-testid="export-to" value={to}
            onChange={(e) => setTo(e.target.value)} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" data-testid="export-start" loading={start.isPending}>
            {t('playback.export.start')}
          </Button>
        </Form.Item>
      </Form>
      {start.isError && <ApiErrorAlert error={errorOf(start.error)} />}
      <List<ExportJobView>
        dataSource={exports.data ?? []}
        locale={{ emptyText: t('playback.export.none') }}
        renderItem={(job) => <ExportItem job={job} />}
      />
    </Space>
  );
}

function ExportItem({ job }: { job: ExportJobView }) {
  const { t } = useTranslation();
  const api = useApi();
  const href = job.url ? mediaUrl(job.url, api.token(), true) : null;
  const percent = Math.round(job.ratio * 100);

  return (
    <List.Item data-testid={`export-${job.exportId}`} data-state={job.state}>
      <Space orientation="vertical" className="page-wide">
        <Typography.Text>
          {job.cameraId} · {formatDateTime(job.from)} – {formatDateTime(job.to)}
        </Typography.Text>
        <Progress percent={percent} status={job.state === 'failed' ? 'exception' : undefined} />
        {job.state === 'failed' && <Alert type="error" showIcon title={job.error} />}
        {href && (
          <a href={href} data-testid="export-download">
            {t('playback.export.download', { mb: ((job.bytes ?? 0) / 1e6).toFixed(1) })}
          </a>
        )}
      </Space>
    </List.Item>
  );
}
