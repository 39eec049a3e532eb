// A failed barrier on the Lanes page: why, in the guard's language, and the device's own words
// below it for the installer.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BarrierFailure } from '../../electron/api/contract.ts';
import { barrierDetailText, barrierFailureText } from '../format/barrier-failure-text.ts';

export function BarrierFailureText(props: { failure: BarrierFailure | null;
  detail: string | null }) {
  const { t } = useTranslation();
  const detail = barrierDetailText(props.detail, t);

  return (
    <div data-testid="barrier-failure" data-failure={props.failure ?? 'other'}>
      <div>{barrierFailureText(props.failure, t)}</div>
      {detail && <Typography.Text type="secondary">{detail}</Typography.Text>}
    </div>
  );
}
