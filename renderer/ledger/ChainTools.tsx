// The passages' hash chain for an inspector: export the passages with their chain fields, and
// check an export (or the database itself) against the chain. A changed byte shows as the first
// row that no longer fits, and every row after it is not to be trusted.
import { useState } from 'react';
import { Alert, Button, Space, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError, CallOutput } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { readAsBase64, saveFile } from './save-file.ts';

/** Writing or reading every passage of two years takes a while on a gate PC. */
const CHAIN_TIMEOUT_MS = 10 * 60_000;

type Verdict = CallOutput<'ledger.chain.verify'>;

export function ChainTools() {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState<'export' | 'verify' | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const exportChain = async () => {
    setBusy('export');
    setError(null);
    const result = await api.callSlow('ledger.export',
      { format: 'xlsx', query: { ledger: 'passages', filter: {} } }, CHAIN_TIMEOUT_MS);
    setBusy(null);
    if (!result.ok) return setError(result.error);
    saveFile(result.value.fileName, result.value.mime, result.value.base64);
  };

  const verify = async (file: File | null) => {
    setBusy('verify');
    setError(null);
    setVerdict(null);
    const input = file === null ? {}
      : { fileName: file.name, base64: await readAsBase64(file) };
    const result = await api.callSlow('ledger.chain.verify', input, CHAIN_TIMEOUT_MS);
    setBusy(null);
    if (!result.ok) return setError(result.error);
    setVerdict(result.value);
  };

  return (
    <Space orientation="vertical" className="page-wide">
      <Space wrap>
        <Button data-testid="chain-export" loading={busy === 'export'} disabled={busy !== null}
          onClick={() => void exportChain()}>
          {t('ledger.chain.export')}
        </Button>
        <Upload accept=".xlsx,.csv" showUploadList={false} disabled={busy !== null}
          beforeUpload={(file) => {
            void verify(file);
            return false;
          }}>
          <Button data-testid="chain-verify-file" loading={busy === 'verify'}>
            {t('ledger.chain.verifyFile')}
          </Button>
        </Upload>
        <Button data-testid="chain-verify-db" disabled={busy !== null}
          onClick={() => void verify(null)}>
          {t('ledger.chain.verifyDatabase')}
        </Button>
      </Space>
      {error !== null && <ApiErrorAlert error={error} />}
      {verdict !== null && <VerdictAlert verdict={verdict} />}
    </Space>
  );
}

function VerdictAlert({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  const database = verdict.matchesDatabase === null ? ''
    : t(verdict.matchesDatabase ? 'ledger.chain.matches' : 'ledger.chain.differs');

  if (verdict.ok) {
    return <Alert type="success" showIcon data-testid="chain-verdict" data-ok="true"
      title={t('ledger.chain.ok', { rows: verdict.rows })} description={database || undefined} />;
  }
  // A sheet of another ledger breaks no chain: it is named as the wrong file, with no seq.
  const fault = verdict.firstBad?.fault ?? null;
  const title = fault === 'not-chain-export' ? t('ledger.chain.notChainExport')
    : t('ledger.chain.broken', { seq: verdict.firstBad?.seq ?? '?' });
  const why = fault === null || fault === 'not-chain-export' ? ''
    : t(`ledger.chain.fault.${fault}`);
  return (
    <Alert type="error" showIcon data-testid="chain-verdict" data-ok="false"
      data-fault={fault ?? undefined} title={title}
      description={why || database ? <>{why && <div>{why}</div>}{database}</> : undefined} />
  );
}
