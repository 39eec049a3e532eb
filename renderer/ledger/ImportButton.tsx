// Import of a carrier's Excel sheet in three steps, nothing written before the officer says so:
// pick an .xlsx → the core checks every row and shows the preview with each bad row's row,
// column and problem → "import the N good rows" → the result. Long files show progress.
import { useState } from 'react';
import { Button, Modal, Progress, Space, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  ApiError, CallOutput, IMPORTABLE_LEDGERS,
} from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { ImportPreview } from './ImportPreview.tsx';
import { ledgerKeys, newJobId, useLedgerProgress } from './ledger-queries.ts';
import { readAsBase64 } from './save-file.ts';

/** Checking 5 000 rows, or writing them, takes a while on a gate PC: wait for it. */
const IMPORT_TIMEOUT_MS = 10 * 60_000;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Importable = (typeof IMPORTABLE_LEDGERS)[number];
type Preview = CallOutput<'ledger.import.preview'>;
type Outcome = CallOutput<'ledger.import.confirm'>;
type Step = 'pick' | 'checking' | 'preview' | 'importing' | 'done';

export function ImportButton({ ledger }: { ledger: Importable }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>('pick');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const progress = useLedgerProgress(jobId);

  const reset = () => {
    setStep('pick');
    setPreview(null);
    setOutcome(null);
    setError(null);
  };

  const check = async (file: File) => {
    reset();
    setStep('checking');
    const job = newJobId();
    setJobId(job);
    const base64 = await readAsBase64(file);
    const result = await api.callSlow('ledger.import.preview',
      { ledger, fileName: file.name, base64, jobId: job }, IMPORT_TIMEOUT_MS);
    setJobId(null);
    if (!result.ok) {
      setError(result.error);
      setStep('pick');
      return;
    }
    setPreview(result.value);
    setStep('preview');
  };

  const confirm = async () => {
    if (preview === null) return;
    setStep('importing');
    const job = newJobId();
    setJobId(job);
    const result = await api.callSlow('ledger.import.confirm',
      { previewId: preview.previewId, jobId: job }, IMPORT_TIMEOUT_MS);
    setJobId(null);
    void queryClient.invalidateQueries({ queryKey: ledgerKeys.ledger(ledger) });
    if (!result.ok) {
      setError(result.error);
      setStep('preview');
      return;
    }
    setOutcome(result.value);
    setStep('done');
  };

  const close = () => {
    setOpen(false);
    reset();
  };
  const busy = step === 'checking' || step === 'importing';

  return (
    <>
      <Button data-testid="ledger-import" onClick={() => setOpen(true)}>
        {t('ledger.import.open')}
      </Button>
      <Modal open={open} width="90vw" title={t(`ledger.import.title.${ledger}`)}
        onCancel={busy ? undefined : close} closable={!busy} maskClosable={false}
        footer={<ImportFooter step={step} preview={preview} onConfirm={() => void confirm()}
          onClose={close} />}>
        <Space orientation="vertical" size="middle" className="page-wide">
          {(step === 'pick' || step === 'checking') && (
            <Upload accept={`.xlsx,${XLSX_MIME}`} showUploadList={false} disabled={busy}
              beforeUpload={(file) => {
                void check(file);
                return false;
              }}>
              <Button data-testid="ledger-import-pick" type="primary" loading={busy}>
                {t('ledger.import.pick')}
              </Button>
            </Upload>
          )}
          {busy && (
            <Space data-testid="ledger-import-busy">
              <Typography.Text>{t(`ledger.import.${step}`)}</Typography.Text>
              {progress !== null && progress.total > 0 && (
                <Progress className="ledger-progress" size="small"
                  percent={Math.floor((progress.done / progress.total) * 100)} />
              )}
            </Space>
          )}
          {error !== null && <ApiErrorAlert error={error} />}
          {preview !== null && step !== 'done' && <ImportPreview preview={preview} />}
          {outcome !== null && (
            <Typography.Paragraph data-testid="ledger-import-result">
              {t('ledger.import.result', { imported: outcome.imported, skipped: outcome.skipped,
                duplicates: outcome.duplicates })}
            </Typography.Paragraph>
          )}
        </Space>
      </Modal>
    </>
  );
}

interface FooterProps {
  step: Step;
  preview: Preview | null;
  onConfirm(): void;
  onClose(): void;
}

function ImportFooter({ step, preview, onConfirm, onClose }: FooterProps) {
  const { t } = useTranslation();
  const canConfirm = step === 'preview' && preview !== null && preview.valid > 0;

  return (
    <Space>
      <Button data-testid="ledger-import-close" onClick={onClose}
        disabled={step === 'checking' || step === 'importing'}>
        {step === 'done' ? t('ledger.import.close') : t('ledger.import.cancel')}
      </Button>
      {(step === 'preview' || step === 'importing') && (
        <Button data-testid="ledger-import-confirm" type="primary" disabled={!canConfirm}
          loading={step === 'importing'} onClick={onConfirm}>
          {t('ledger.import.confirm', { count: preview?.valid ?? 0 })}
        </Button>
      )}
    </Space>
  );
}
