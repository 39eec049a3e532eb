// The installer's setup wizard, also the Settings page: enterprise, gates and lanes, cameras,
// storage, platform, then the tests of every device. Any step can be opened again later; a save
// applies the whole site at once, and secrets come back only as "set" or "not set".
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Space, Spin, Steps } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/api-context.tsx';
import { errorOf, unwrap } from '../../api/api-failure.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { EnterpriseStep } from './EnterpriseStep.tsx';
import { LanesStep } from './LanesStep.tsx';
import { CamerasStep } from './CamerasStep.tsx';
import { StorageStep } from './StorageStep.tsx';
import { PlatformStep } from './PlatformStep.tsx';
import { TestsStep } from './TestsStep.tsx';
import {
  draftFromValues, emptyValues, valuesFromView, type WizardValues,
} from './wizard-state.ts';

const STEPS = ['enterprise', 'lanes', 'cameras', 'storage', 'platform', 'tests'] as const;
const TESTS = STEPS.indexOf('tests');
const siteKey = ['setup', 'site'] as const;

export function SetupWizard() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const site = useQuery({ queryKey: siteKey,
    queryFn: async () => unwrap(await api.call('setup.site', {})) });

  // The form starts from the saved site once, not on every refetch (that would undo typing).
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (loaded || !site.data) return;
    form.setFieldsValue(site.data.site ? valuesFromView(site.data.site) : emptyValues());
    setLoaded(true);
  }, [site.data, loaded, form]);

  if (site.isError) return <ApiErrorAlert error={errorOf(site.error)} />;
  if (!loaded || !site.data) return <Spin />;

  const go = async (next: number) => {
    if (next > step && step < TESTS) {
      const valid = await form.validateFields().then(() => true, () => false);
      if (!valid) return;
    }
    setStep(next);
  };

  const save = async () => {
    const valid = await form.validateFields().then(() => true, () => false);
    if (!valid) return;
    const built = draftFromValues(form.getFieldsValue(true) as WizardValues);
    if (!built.ok) {
      const message = t('wizard.noLprCamera', { lane: built.problem });
      setError({ code: 'invalid_input', message });
      return;
    }

    setSaving(true);
    const result = await api.call('setup.save', built.draft);
    setSaving(false);
    setError(result.ok ? null : result.error);
    if (!result.ok) return;
    setSaved(true);
    form.setFieldValue(['platform', 'secret'], undefined);
    await queryClient.invalidateQueries({ queryKey: siteKey });
    await queryClient.invalidateQueries({ queryKey: ['lanes'] });
    setStep(TESTS);
  };

  const current = STEPS[step]!;
  const savedSite = site.data.site;
  return (
    <Card title={t(savedSite ? 'settings.title' : 'wizard.title')} className="page-wide">
      <Steps current={step} onChange={(n) => void go(n)} data-testid="wizard-steps"
        items={STEPS.map((s) => ({ title: t(`wizard.steps.${s}`),
          disabled: s === 'tests' && !savedSite }))} />
      <Form<WizardValues> form={form} layout="vertical" className="wizard-form"
        requiredMark={false}>
        {current === 'enterprise' && <EnterpriseStep />}
        {current === 'lanes' && <LanesStep form={form} />}
        {current === 'cameras' && <CamerasStep form={form} />}
        {current === 'storage' && <StorageStep form={form} lprPort={site.data.lprPort} />}
        {current === 'platform' && <PlatformStep form={form} />}
      </Form>
      {current === 'tests' && savedSite && (
        <TestsStep site={savedSite} lprPort={site.data.lprPort} />
      )}
      {error && <ApiErrorAlert error={error} />}
      {saved && step === TESTS && (
        <Alert data-testid="wizard-saved" type="success" showIcon title={t('wizard.saved')} />
      )}
      <Space className="wizard-buttons">
        {step > 0 && <Button data-testid="wizard-prev" onClick={() => setStep(step - 1)}>
          {t('wizard.prev')}</Button>}
        {step < STEPS.indexOf('platform') && (
          <Button data-testid="wizard-next" type="primary" onClick={() => void go(step + 1)}>
            {t('wizard.next')}</Button>
        )}
        {step < TESTS && (
          <Button data-testid="wizard-save" loading={saving}
            type={current === 'platform' ? 'primary' : 'default'} onClick={() => void save()}>
            {t('wizard.save')}</Button>
        )}
      </Space>
    </Card>
  );
}
