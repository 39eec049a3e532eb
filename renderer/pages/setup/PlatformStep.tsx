// Step 5: the city platform: which profile speaks to it, its address, our app id and the shared
// secret (shown only as set or not set; left empty, the saved one stays).
import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import type { WizardValues } from './wizard-state.ts';

const PROFILES = ['reference', 'http-token', 'tcp-frames'] as const;
const MIN_SECRET = 16;

export function PlatformStep({ form }: { form: FormInstance<WizardValues> }) {
  const { t } = useTranslation();
  const secretSet = Form.useWatch(['platform', 'secretSet'], { form, preserve: true });

  return (
    <>
      <Form.Item name={['platform', 'profile']} label={t('wizard.platform.profile')}>
        <Radio.Group data-testid="wizard-platform-profile" optionType="button"
          options={PROFILES.map((p) => ({ value: p, label: t(`wizard.platform.${p}`) }))} />
      </Form.Item>
      <Form.Item name={['platform', 'url']} label={t('wizard.platform.url')}
        rules={[{ required: true, message: t('wizard.required') },
          { pattern: /^(https?|tcp):\/\/\S+$/, message: t('wizard.platformUrlRule') }]}>
        <Input data-testid="wizard-platform-url" className="wide-input" />
      </Form.Item>
      <Form.Item name={['platform', 'appId']} label={t('wizard.platform.appId')}
        rules={[{ required: true, whitespace: true, message: t('wizard.required') }]}>
        <Input data-testid="wizard-platform-app-id" />
      </Form.Item>
      <Form.Item name={['platform', 'secret']} label={t('wizard.platform.secret')}
        extra={secretSet ? t('wizard.secretSet') : t('wizard.secretNotSet')}
        rules={[{ required: !secretSet, min: MIN_SECRET,
          message: t('wizard.platform.secretRule', { n: MIN_SECRET }) }]}>
        <Input.Password data-testid="wizard-platform-secret" autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
