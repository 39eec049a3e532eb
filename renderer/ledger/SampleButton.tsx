// The inspector's sample (domain.md §1.6.1): 5–10 rows drawn at random by the core, each with
// every field and its problem, the stage re-derived from the evidence, and the photos.
import { useState } from 'react';
import { Button, Card, Descriptions, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CallOutput, Ledger } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { pickText, useLanguage } from '../i18n/use-language.ts';
import { DocumentPhotos } from './DocumentPhotos.tsx';

/** The procedure asks for 5 to 10 records; the contract holds the same bounds. */
const SAMPLE_SIZES = [5, 6, 7, 8, 9, 10] as const;

type SampleRow = CallOutput<'ledger.sample'>['rows'][number];

export function SampleButton({ ledger }: { ledger: Ledger }) {
  const { t } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [count, setCount] = useState<number>(SAMPLE_SIZES[0]);
  const draw = useMutation({
    mutationFn: (size: number) => api.call('ledger.sample', { ledger, count: size }),
  });

  const start = () => {
    setOpen(true);
    draw.mutate(count);
  };

  return (
    <>
      <Space.Compact>
        <Select data-testid="ledger-sample-count" value={count} onChange={setCount}
          options={SAMPLE_SIZES.map((size) => ({ value: size,
            label: t('ledger.sample.size', { count: size }) }))} />
        <Button data-testid="ledger-sample" onClick={start}>{t('ledger.sample.open')}</Button>
      </Space.Compact>
      <Modal open={open} width="90vw" footer={null} title={t('ledger.sample.title')}
        onCancel={() => setOpen(false)}>
        {draw.isPending && <Spin />}
        {draw.data !== undefined && !draw.data.ok && <ApiErrorAlert error={draw.data.error} />}
        {draw.data?.ok && (
          <Space orientation="vertical" size="middle" className="page-wide"
            data-testid="ledger-sample-rows" data-count={draw.data.value.rows.length}>
            <Button onClick={() => draw.mutate(count)}>{t('ledger.sample.again')}</Button>
            {draw.data.value.rows.map((row) => <SampleCard key={row.id} row={row} />)}
          </Space>
        )}
      </Modal>
    </>
  );
}

function SampleCard({ row }: { row: SampleRow }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const problems = row.fields.filter((field) => field.issue !== null).length;
  // Red when a field is wrong, gold when only something the regulation wants is missing.
  const wrong = row.fields.some((field) => field.issue?.severity === 'error');
  const stageName = (code: string | null) =>
    code === null ? '—' : t(`ledger.stage.${code}`, { defaultValue: code });

  return (
    <Card size="small" data-testid="ledger-sample-row" data-id={row.id}
      title={<Space>{row.title}{problems > 0
        ? <Tag color={wrong ? 'red' : 'gold'}>{t('ledger.sample.problems', { count: problems })}
        </Tag>
        : <Tag color="green">{t('ledger.sample.complete')}</Tag>}</Space>}>
      <Descriptions size="small" column={3} bordered items={row.fields.map((field) => ({
        key: field.key,
        label: pickText(language, field.zh, field.en),
        children: (
          <Space orientation="vertical" size={0}>
            <span>{field.value ?? '—'}</span>
            {field.issue !== null && (
              <Typography.Text type={field.issue.severity === 'error' ? 'danger' : 'warning'}>
                {pickText(language, field.issue.zh, field.issue.en)}
              </Typography.Text>
            )}
          </Space>
        ),
      }))} />
      {row.stageCheck !== null && (
        <Typography.Paragraph className="ledger-stage-check">
          {t('ledger.sample.stageCheck', {
            recorded: stageName(row.stageCheck.recorded),
            evidence: row.stageCheck.evidenceKind === null ? '—'
              : t(`ledger.evidence.${row.stageCheck.evidenceKind}`,
                { defaultValue: row.stageCheck.evidenceKind }),
            lowerBound: stageName(row.stageCheck.lowerBound),
          })}
          {' '}
          {row.stageCheck.consistent ? <Tag color="green">{t('ledger.sample.consistent')}</Tag>
            : <Tag color="red">{t('ledger.sample.inconsistent')}</Tag>}
        </Typography.Paragraph>
      )}
      <DocumentPhotos photos={[...row.photos, ...row.passagePhotos]} />
    </Card>
  );
}
