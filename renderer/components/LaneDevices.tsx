// A lane's devices as the guard needs them: a red alarm while its LPR camera, its barrier or
// its camera's recorder is down (what is down, since when, why), and when the camera's own
// allowlist last matched the registry (the camera admits those vehicles while the PC is down).
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeviceHealthView, LaneView } from '../../electron/api/contract.ts';
import { useAllowlists, useDeviceHealth } from '../api/device-queries.ts';
import { deviceReasonText } from '../format/device-reason.ts';
import { formatDateTime } from '../format/time.ts';
import { pickText, useLanguage } from '../i18n/use-language.ts';

/** The devices of one lane: its camera and that camera's recorder, and its own barrier. */
export function devicesOfLane(lane: LaneView, views: DeviceHealthView[]): DeviceHealthView[] {
  return views.filter((v) => v.kind === 'barrier' ? v.subject === lane.id
    : (v.kind === 'camera' || v.kind === 'recorder') && v.subject === lane.cameraId);
}

export function LaneDevices({ lane }: { lane: LaneView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const health = useDeviceHealth();
  // The barrier is this lane's: its name in the reader's language; a camera has one name.
  const nameOf = (v: DeviceHealthView) =>
    v.kind === 'barrier' ? pickText(language, lane.name, lane.nameEn) : v.name;
  const allowlists = useAllowlists();
  const down = devicesOfLane(lane, health.data ?? []).filter((v) => v.state === 'offline');
  const allowlist = allowlists.data?.find((a) => a.cameraId === lane.cameraId && a.supported);

  return (
    <>
      {down.length > 0 && (
        <div data-testid={`device-alarm-${lane.id}`} className="lane-device-alarm">
          <Alert
            type="error"
            showIcon
            title={t('devices.alarm')}
            description={down.map((v) => (
              <div key={v.id} data-testid={`device-down-${v.id}`}>
                {t(`devices.kind.${v.kind}`)} {nameOf(v)}
                {v.since !== null && ` · ${t('devices.since', { at: formatDateTime(v.since) })}`}
                {v.reason && ` · ${deviceReasonText(v.reason, v.failure, t)}`}
              </div>
            ))}
          />
        </div>
      )}
      {allowlist && (
        <Typography.Paragraph type="secondary" data-testid={`allowlist-${lane.id}`}>
          {allowlist.syncedAt === null
            ? t('devices.allowlistNever')
            : t('devices.allowlistSynced', { at: formatDateTime(allowlist.syncedAt),
              n: allowlist.entries })}
        </Typography.Paragraph>
      )}
    </>
  );
}
