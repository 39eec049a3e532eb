// The photos a record keeps, as an officer edits them: pick the kind (licence front page,
// 随车清单, nameplate …), pick a JPEG or PNG, and the core stores it by its SHA-256; the
// save then names it. A photo already on file can be taken off the record (the file itself stays).
import { useState } from 'react';
import { Button, Select, Space, Tag, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  LEDGER_PHOTO_MAX_BYTES, type ApiError, type DocumentView,
} from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { DocumentPhotos } from './DocumentPhotos.tsx';
import { readAsBase64 } from './save-file.ts';

const PHOTO_MIMES = ['image/jpeg', 'image/png'] as const;
type PhotoMime = (typeof PHOTO_MIMES)[number];

interface Props {
  kinds: readonly DocumentView['kind'][];
  value: DocumentView[];
  onChange(documents: DocumentView[]): void;
}

export function DocumentEditor({ kinds, value, onChange }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [kind, setKind] = useState<DocumentView['kind']>(kinds[0] ?? 'vehicle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const upload = async (file: File) => {
    setError(null);
    if (!(PHOTO_MIMES as readonly string[]).includes(file.type)) {
      setError({ code: 'invalid_input', message: t('ledger.photos.onlyImages') });
      return;
    }
    if (file.size > LEDGER_PHOTO_MAX_BYTES) {
      setError({ code: 'invalid_input', message: t('ledger.photos.tooLarge',
        { mb: LEDGER_PHOTO_MAX_BYTES / 1024 / 1024 }) });
      return;
    }
    setBusy(true);
    const result = await api.call('ledger.photos.upload',
      { mime: file.type as PhotoMime, base64: await readAsBase64(file) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onChange([...value, { kind, sha256: result.value.sha256, mime: result.value.mime,
      bytes: result.value.bytes }]);
  };

  return (
    <Space orientation="vertical" className="page-wide">
      <DocumentPhotos photos={value} />
      <Space wrap>
        {value.map((doc) => (
          <Tag key={`${doc.kind}-${doc.sha256}`} closable
            onClose={() => onChange(value.filter((other) => other !== doc))}>
            {t(`ledger.document.${doc.kind}`)}
          </Tag>
        ))}
      </Space>
      <Space.Compact>
        <Select data-testid="ledger-photo-kind" value={kind} onChange={setKind}
          className="ledger-photo-kind" showSearch={{ optionFilterProp: 'label' }}
          options={kinds.map((code) => ({ value: code, label: t(`ledger.document.${code}`) }))} />
        <Upload accept={PHOTO_MIMES.join(',')} showUploadList={false} disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}>
          <Button data-testid="ledger-photo-upload" loading={busy}>
            {t('ledger.photos.upload')}
          </Button>
        </Upload>
      </Space.Compact>
      {error !== null && <ApiErrorAlert error={error} />}
    </Space>
  );
}
