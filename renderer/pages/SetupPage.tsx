// First run: nothing else is reachable until the installer account exists. Creating it also logs
// the installer in.
import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../electron/api/contract.ts';
import { useSessionActions } from '../app/session.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';

interface SetupForm {
  username: string;
  displayName: string;
  password: string;
  password2: string;
}

export function SetupPage() {
  const { t } = useTranslation();
  const { setupInstaller } = useSessionActions();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: SetupForm) => {
    setBusy(true);
    const result = await setupInstaller({
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      password: values.password,
    });
    setBusy(false);
    setError(result.ok ? null : result.error);
  };

  return (
    <Card className="entry-card" title={t('setup.title')}>
      <Typography.Paragraph>{t('setup.intro')}</Typography.Paragraph>
      <Form<SetupForm> layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="username"
          label={t('setup.username')}
          rules={[
            { required: true, whitespace: true, min: 3, max: 32, message: t('setup.usernameRule') },
          ]}
        >
          <Input data-testid="setup-username" autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('setup.displayName')}
          rules={[
            { required: true, whitespace: true, max: 64, message: t('setup.displayNameRule') },
          ]}
        >
          <Input data-testid="setup-display-name" autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('setup.password')}
          rules={[{ required: true, min: 8, max: 128, message: t('setup.passwordRule') }]}
        >
          <Input.Password data-testid="setup-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="password2"
          label={t('setup.password2')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('setup.passwordRule') },
            ({ getFieldValue }) => ({
              validator: async (_, value) => {
                if (value && value !== getFieldValue('password')) {
                  throw new Error(t('setup.passwordMismatch'));
                }
              },
            }),
          ]}
        >
          <Input.Password data-testid="setup-password2" autoComplete="new-password" />
        </Form.Item>
        {error && <ApiErrorAlert error={error} />}
        <Button data-testid="setup-submit" type="primary" htmlType="submit" loading={busy} block>
          {t('setup.submit')}
        </Button>
      </Form>
    </Card>
  );
}
