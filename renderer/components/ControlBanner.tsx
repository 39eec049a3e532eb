// The control state across the top of the Lanes page, always there (domain.md G4: the gate
// shows it): the alert's colour and response level, its measure text, until when, and during a
// capped alert the live count of trips admitted today against the cap.
import { Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CapStatusView, ControlView } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { useCapStatus, useControl } from '../api/alert-queries.ts';
import { formatDateTime } from '../format/time.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';

export function ControlBanner() {
  const { t } = useTranslation();
  const control = useControl();
  const cap = useCapStatus();

  if (control.isPending) return <Spin />;
  if (control.isError) return <ApiErrorAlert error={errorOf(control.error)} />;
  const view = control.data;

  return (
    <div
      data-testid="control-banner"
      data-level={view.level}
      className={`control-banner control-banner-${view.level}`}
      role="status"
    >
      <div className="control-banner-head">
        <Headline view={view} />
        {view.endsAt !== null && (
          <span>{t('control.until', { time: formatDateTime(view.endsAt) })}</span>
        )}
        {view.next !== null && (
          <span data-testid="control-next">
            {t('control.next', { level: t(`controlState.${view.next.level}`),
              time: formatDateTime(view.next.startsAt) })}
          </span>
        )}
      </div>
      {view.measure && <div className="control-banner-measure">{view.measure}</div>}
      {view.level !== 'none' && cap.data && <CapLine cap={cap.data} />}
    </div>
  );
}

function CapLine({ cap }: { cap: CapStatusView }) {
  const { t } = useTranslation();
  if (cap.capShare === null) return null;
  if (cap.cap === null) {
    return <Typography.Text strong>{t('control.noBaseline')}</Typography.Text>;
  }

  return (
    <div data-testid="control-cap" data-reached={cap.reached} className="control-banner-cap">
      <span className="control-banner-count">
        {t('control.cap', { admitted: cap.admittedToday, cap: cap.cap })}
      </span>
      <span>{t('control.baseline', { baseline: cap.baselinePerDay ?? 0,
        percent: Math.round(cap.capShare * 100) })}</span>
      {cap.reached && <strong className="control-banner-reached">{t('control.reached')}</strong>}
    </div>
  );
}

function Headline({ view }: { view: ControlView }) {
  const { t } = useTranslation();
  const text = view.level === 'none' ? t('control.none')
    : t('control.level', { level: t(`controlState.${view.level}`), response: view.response });
  return <span className="control-banner-level">{text}</span>;
}
