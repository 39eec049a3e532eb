// A refused or failed call, in the reader's language: the code's translation as the headline,
// underneath the reason's sentence where the core gave one, else its own message (often a
// device's words).
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../electron/api/contract.ts';
import { reasonText } from '../format/reason-text.ts';

export function ApiErrorAlert({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t(`errors.${error.code}`, { defaultValue: error.code })}
      description={error.reason ? reasonText(error.reason, t, error.message) : error.message}
    />
  );
}
