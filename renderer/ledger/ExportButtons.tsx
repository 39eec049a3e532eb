// Export of the ledger as it is filtered on screen, in Excel or CSV, in the regulation's column
// order (the core writes the file). Progress shows while the core writes a long one.
import { useState } from 'react';
import { Button, Progress, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError, CallInput, Ledger } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { newJobId, useLedgerProgress } from './ledger-queries.ts';
import { saveFile } from './save-file.ts';
import type { Filter } from './use-ledger-params.ts';

/** The whole ledger (up to the contract's row cap) may take minutes on a slow disk. */
const EXPORT_TIMEOUT_MS = 10 * 60_000;

type Format = 'xlsx' | 'csv';

export function ExportButtons({ ledger, filter }: { ledger: Ledger; filter: Filter }) {
  const { t } = useTranslation();
  const api = useApi();
  const [running, setRunning] = useState<Format | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const progress = useLedgerProgress(jobId);

  const run = async (format: Format) => {
    const job = newJobId();
    setRunning(format);
    setJobId(job);
    setError(null);
    const query = { ledger, filter } as CallInput<'ledger.export'>['query'];
    const result = await api.callSlow('ledger.export', { format, query, jobId: job },
      EXPORT_TIMEOUT_MS);
    setRunning(null);
    setJobId(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    saveFile(result.value.fileName, result.value.mime, result.value.base64);
  };

  return (
    <Space orientation="vertical">
      <Space>
        {(['xlsx', 'csv'] as const).map((format) => (
          <Button key={format} data-testid={`ledger-export-${format}`}
            loading={running === format} disabled={running !== null}
            onClick={() => void run(format)}>
            {t(`ledger.export.${format}`)}
          </Button>
        ))}
        {running !== null && progress !== null && progress.total > 0 && (
          <Progress className="ledger-progress" size="small" data-testid="ledger-export-progress"
            percent={Math.floor((progress.done / progress.total) * 100)} />
        )}
      </Space>
      {error !== null && <ApiErrorAlert error={error} />}
    </Space>
  );
}
