// Export of a time range of one camera as one MP4 (stream copy, no quality lost): pick the
// range, follow the progress, download the file when it is done. A To earlier than the From is
// the next day (23:55 → 00:05 is ten minutes), and the fields say so.
import { useState } from 'react';
import { Alert, Button, Form, Input, List, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExportJobView } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { errorOf } from '../api/api-failure.ts';
import { useExports, useStartExport } from '../api/playback-queries.ts';
import { exportFailureText } from '../format/reason-text.ts';
import { formatDateTime } from '../format/time.ts';
import { mediaUrl } from '../video/media-url.ts';
import { checkExportFields, endsNextDay, type FieldProblems } from '../video/range-fields.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { fieldProblemProps } from './field-problem.tsx';

export function ExportPanel({ cameraId, date }: { cameraId: string; date: string }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('08:00:00');
  const [to, setTo] = useState('08:10:00');
  const [problems, setProblems] = useState<FieldProblems<'from' | 'to'>>({});
  const exports = useExports(true);
  const start = useStartExport();

  // A refused range clears the last call's error: what shows is about the range asked for.
  const submit = () => {
    const checked = checkExportFields({ date, from, to }, Date.now());
    setProblems(checked.ok ? {} : checked.problems);
    if (!checked.ok) {
      start.reset();
      return;
    }
    start.mutate({ cameraId, from: checked.range.from, to: checked.range.to });
  };

  return (
    <Space orientation="vertical" className="page-wide">
      <Typography.Title level={5}>{t('playback.export.title')}</Typography.Title>
      <Form layout="inline" onFinish={submit}>
        <Form.Item label={t('playback.export.from')}
          {...fieldProblemProps(problems.from, 'export-from', t)}>
          <Input type="time" step={1} data-testid="export-from" value={from}
            onChange={(e) => setFrom(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('playback.export.to')}
          {...fieldProblemProps(problems.to, 'export-to', t)}>
          <Input type="time" step={1} data-testid="export-to" value={to}
            onChange={(e) => setTo(e.target.value)} />
        </Form.Item>
        {endsNextDay({ date, from, to }) && (
          <Form.Item>
            <Tag color="blue" data-testid="export-next-day">{t('playback.export.nextDay')}</Tag>
          </Form.Item>
        )}
        <Form.Item>
          <Button htmlType="submit" data-testid="export-start" loading={start.isPending}>
            {t('playback.export.start')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('playback.export.nextDayHint')}</Typography.Text>
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
          {job.cameraName} · {formatDateTime(job.from)} – {formatDateTime(job.to)}
        </Typography.Text>
        <Progress percent={percent} status={job.state === 'failed' ? 'exception' : undefined} />
        {job.error && (
          <Alert type="error" showIcon data-testid="export-error" data-code={job.error.code}
            title={exportFailureText(job.error, t)}
            description={job.error.code === 'join-failed' ? job.error.detail : undefined} />
        )}
        {href && (
          <a href={href} data-testid="export-download">
            {t('playback.export.download', { mb: ((job.bytes ?? 0) / 1e6).toFixed(1) })}
          </a>
        )}
      </Space>
    </List.Item>
  );
}
