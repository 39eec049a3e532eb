// The footage storage for the installer and the manager: can the disks hold the retention (the
// forecast: measured MB per hour per camera × the retention against the room on the roots),
// each root's free space, the last emergency purge, and the retention itself, which goes below
// the legal 12 months only with a reason that the audit trail keeps.
import { useState } from 'react';
import {
  Alert, Button, Descriptions, Input, InputNumber, Space, Table, Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role, StorageView } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { usePlaybackCameras } from '../api/playback-queries.ts';
import { useCheckStorageNow, useSetRetention, useStorageReport } from '../api/storage-queries.ts';
import { formatDateTime } from '../format/time.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';

const GIB = 1024 ** 3;
/** Who may change the retention: the contract's access list of `video.setRetention`. */
const KEEPERS: readonly Role[] = ['manager', 'installer'];
/** Who may read it: the contract's access list of `video.storage`. */
const READERS: readonly Role[] = ['officer', 'manager', 'installer'];

const gib = (bytes: number) => (bytes / GIB).toFixed(1);

export function StorageForecast({ role }: { role: Role }) {
  const { t } = useTranslation();
  const report = useStorageReport();
  const checkNow = useCheckStorageNow();
  const cameras = usePlaybackCameras();
  const nameOf = (id: string) => cameras.data?.find((c) => c.id === id)?.name ?? id;

  if (report.isPending) return null;
  if (report.isError) return <ApiErrorAlert error={errorOf(report.error)} />;
  if (report.data === null) {
    return <Alert type="info" showIcon title={t('storage.noRecording')} />;
  }
  const view = report.data;

  return (
    <Space orientation="vertical" className="page-wide" data-testid="storage-forecast">
      <StorageAlarms view={view} />
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('storage.retention')}>
          {t('storage.months', { n: view.retention.months })}
          {view.retention.override && ` · ${t('storage.override', {
            reason: view.retention.override.reason, actor: view.retention.override.actor })}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('storage.needed')}>
          <span data-testid="storage-needed">{gib(view.forecast.neededBytes)} GiB</span>
          {' / '}
          <span data-testid="storage-available">
            {t('storage.available', { gib: gib(view.forecast.availableBytes) })}
          </span>
          <Typography.Paragraph type="secondary">
            {t('storage.availableHelp', { gib: gib(view.forecast.safetyMarginBytes) })}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('storage.daysThatFit')}>
          <span data-testid="storage-days">{view.forecast.daysThatFit === null
            ? t('storage.unlimited') : Math.floor(view.forecast.daysThatFit)}</span>
        </Descriptions.Item>
        {view.lastPurge && (
          <Descriptions.Item label={t('storage.lastPurge')}>
            {t('storage.purged', { at: formatDateTime(view.lastPurge.at),
              n: view.lastPurge.segments, gib: gib(view.lastPurge.bytes) })}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table size="small" pagination={false} rowKey="cameraId"
        dataSource={view.forecast.cameras} columns={[
          { title: t('storage.camera'), key: 'camera', render: (_, c) => nameOf(c.cameraId) },
          { title: t('storage.mbPerHour'), key: 'rate', render: (_, c) =>
            `${c.mbPerHour.toFixed(0)}${c.measured ? '' : ` (${t('storage.assumed')})`}` },
          { title: t('storage.neededPerCamera'), key: 'needed',
            render: (_, c) => `${gib(c.neededBytes)} GiB` },
        ]} />
      <Table size="small" pagination={false} rowKey="path" dataSource={view.roots} columns={[
        { title: t('storage.root'), dataIndex: 'path' },
        { title: t('storage.free'), key: 'free', render: (_, r) =>
          `${gib(r.freeBytes)} / ${gib(r.totalBytes)} GiB` },
        { title: t('storage.footage'), key: 'footage',
          render: (_, r) => `${gib(r.footageBytes)} GiB` },
      ]} />
      <Space>
        <Button data-testid="storage-check-now" loading={checkNow.isPending}
          onClick={() => checkNow.mutate()}>
          {t('storage.checkNow')}
        </Button>
        <span>{t('storage.checkedAt', { at: formatDateTime(view.at) })}</span>
      </Space>
      {KEEPERS.includes(role) && <RetentionForm view={view} />}
    </Space>
  );
}

/** On the Lanes page for the roles that may read storage: red only while there is an alarm. */
export function StorageAlarmBanner({ role }: { role: Role }) {
  const report = useStorageReport(READERS.includes(role));
  if (!report.data || report.data.alarms.length === 0) return null;
  return <StorageAlarms view={report.data} />;
}

/** The loud part: red whenever the disks cannot hold the retention or are nearly full. */
export function StorageAlarms({ view }: { view: StorageView }) {
  const { t } = useTranslation();
  return view.alarms.map((alarm) => (
    <Alert key={alarm} data-testid={`storage-alarm-${alarm}`} type="error" showIcon
      title={t(`storage.alarm.${alarm}`)}
      description={t(`storage.alarmHelp.${alarm}`, {
        count: Math.floor(view.forecast.daysThatFit ?? 0),
        months: view.retention.months })} />
  ));
}

function RetentionForm({ view }: { view: StorageView }) {
  const { t } = useTranslation();
  const save = useSetRetention();
  const [months, setMonths] = useState(view.retention.months);
  const [reason, setReason] = useState('');
  const below = months < view.retention.legalMinimumMonths;

  return (
    // Not a <form>: this panel sits inside the wizard's own form, and forms do not nest.
    <Space wrap align="start">
      <span>{t('storage.setRetention')}</span>
      <InputNumber data-testid="retention-months" min={1} max={120} value={months}
        onChange={(v) => setMonths(v ?? view.retention.months)} />
      {below && (
        <Space orientation="vertical" size={0}>
          <Input data-testid="retention-reason" className="wide-input" value={reason}
            placeholder={t('storage.overrideReason')} onChange={(e) => setReason(e.target.value)} />
          <Typography.Text type="secondary">
            {t('storage.belowMinimum', { n: view.retention.legalMinimumMonths })}
          </Typography.Text>
        </Space>
      )}
      <Button data-testid="retention-save" loading={save.isPending}
        disabled={below && reason.trim().length < 4}
        onClick={() => save.mutate({ months, overrideReason: below ? reason : undefined })}>
        {t('storage.save')}
      </Button>
      {save.isError && <ApiErrorAlert error={errorOf(save.error)} />}
    </Space>
  );
}
