// Logging in: username and password against `auth.login`.
import { useState } from 'react';
import { Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../electron/api/contract.ts';
import { useSessionActions } from '../app/session.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useSessionActions();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: LoginForm) => {
    setBusy(true);
    const result = await login({ username: values.username.trim(), password: values.password });
    setBusy(false);
    setError(result.ok ? null : result.error);
  };

  const required = [{ required: true, message: t('login.required') }];
  return (
    <Card className="entry-card" title={t('login.title')}>
      <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="username" label={t('login.username')} rules={required}>
          <Input data-testid="login-username" autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={required}>
          <Input.Password data-testid="login-password" autoComplete="current-password" />
        </Form.Item>
        {error && <ApiErrorAlert error={error} />}
        <Button data-testid="login-submit" type="primary" htmlType="submit" loading={busy} block>
          {t('login.submit')}
        </Button>
      </Form>
    </Card>
  );
}
