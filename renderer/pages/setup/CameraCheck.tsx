// A camera's ONVIF settings and the installer's checks on them: a probe (maker, model, serial
// number, clock offset, profiles) and a snapshot. An empty password field means "the saved one".
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Image, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import type { ApiError, CallOutput } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/api-context.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { CameraForm, WizardValues } from './wizard-state.ts';

/** A camera clock further off than this makes its timestamps worthless as evidence. */
const CLOCK_WARNING_MS = 60_000;

export function CameraCheck({ form, index }: { form: FormInstance<WizardValues>;
  index: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const [probe, setProbe] = useState<CallOutput<'setup.probeCamera'> | null>(null);
  const [picture, setPicture] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordSet = Form.useWatch(['cameras', index, 'passwordSet'], { form, preserve: true });

  const target = () => {
    const c = form.getFieldValue(['cameras', index]) as CameraForm;
    return { url: c.onvifUrl ?? '', username: c.onvifUsername ?? '',
      password: c.onvifPassword || undefined, cameraId: c.passwordSet ? c.id : undefined };
  };
  const run = async (what: 'probe' | 'snapshot') => {
    setBusy(true);
    const result = what === 'probe'
      ? await api.call('setup.probeCamera', target())
      : await api.call('setup.snapshot', target());
    setBusy(false);
    setError(result.ok ? null : result.error);
    if (!result.ok) return;
    if ('manufacturer' in result.value) setProbe(result.value);
    else setPicture(`data:${result.value.mime};base64,${result.value.base64}`);
  };

  return (
    <>
      <Space wrap>
        <Form.Item name={[index, 'onvifUrl']} label={t('wizard.cameras.onvifUrl')}
          rules={[{ type: 'url', message: t('wizard.urlRule') }]}>
          <Input data-testid={`wizard-camera-${index}-onvif-url`} className="wide-input"
            placeholder="http://192.168.1.64/onvif/device_service" />
        </Form.Item>
        <Form.Item name={[index, 'onvifUsername']} label={t('wizard.cameras.username')}>
          <Input data-testid={`wizard-camera-${index}-username`} />
        </Form.Item>
        <Form.Item name={[index, 'onvifPassword']} label={t('wizard.cameras.password')}
          extra={passwordSet ? t('wizard.secretSet') : t('wizard.secretNotSet')}>
          <Input.Password data-testid={`wizard-camera-${index}-password`}
            autoComplete="new-password" />
        </Form.Item>
      </Space>
      <Space>
        <Button data-testid={`wizard-camera-${index}-probe`} loading={busy}
          onClick={() => void run('probe')}>{t('wizard.cameras.probe')}</Button>
        <Button data-testid={`wizard-camera-${index}-snapshot`} loading={busy}
          onClick={() => void run('snapshot')}>{t('wizard.cameras.snapshot')}</Button>
      </Space>
      {error && <ApiErrorAlert error={error} />}
      {probe && (
        <Descriptions size="small" column={2} data-testid={`wizard-camera-${index}-info`}
          items={[
            { label: t('wizard.cameras.maker'), children: `${probe.manufacturer} ${probe.model}` },
            { label: t('wizard.cameras.serialNo'), children: probe.serialNumber },
            { label: t('wizard.cameras.firmware'), children: probe.firmware },
            { label: t('wizard.cameras.profiles'), children: probe.profiles
              .map((p) => `${p.name} ${p.width ?? '?'}×${p.height ?? '?'}`).join(', ') },
          ]} />
      )}
      {probe && Math.abs(probe.clockOffsetMs) > CLOCK_WARNING_MS && (
        <Alert type="warning" showIcon title={t('wizard.cameras.clockOff',
          { minutes: Math.round(probe.clockOffsetMs / 60_000) })} />
      )}
      {picture && <Image data-testid={`wizard-camera-${index}-picture`} src={picture}
        width={320} />}
    </>
  );
}
