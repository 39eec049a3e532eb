// A refused or failed call, in the reader's language: the code's translation as the headline,
// the core's own message (often a device's words) underneath.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../electron/api/contract.ts';

export function ApiErrorAlert({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t(`errors.${error.code}`, { defaultValue: error.code })}
      description={error.message}
    />
  );
}
