// Step 4: where photos and recordings go (a data disk, kept 12 months or more) and the port the
// cameras push plate reads to. The folder is checked for writing and free space on the spot;
// once the site records, the forecast says whether the disks hold the retention.
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import type { CallOutput } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/api-context.tsx';
import { StorageForecast } from '../../components/StorageForecast.tsx';
import type { WizardValues } from './wizard-state.ts';

const GIB = 1024 ** 3;

export function StorageStep({ form, lprPort }: {
  form: FormInstance<WizardValues>;
  /** The port the running listener took (0 in the site picks a free one); null: none runs. */
  lprPort: number | null;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [check, setCheck] = useState<CallOutput<'setup.checkStorage'> | null>(null);

  const test = async () => {
    const root = form.getFieldValue(['storage', 'root']) as string | undefined;
    if (!root) return;
    const result = await api.call('setup.checkStorage', { root });
    setCheck(result.ok ? result.value : { writable: false, freeBytes: null,
      detail: result.error.message });
  };

  return (
    <>
      <Space align="end" wrap>
        <Form.Item name={['storage', 'root']} label={t('wizard.storage.root')}
          extra={t('wizard.storage.rootHelp')}>
          <Input data-testid="wizard-storage-root" className="wide-input"
            placeholder="D:\\Gatehouse" />
        </Form.Item>
        <Form.Item>
          <Button data-testid="wizard-storage-check" onClick={() => void test()}>
            {t('wizard.storage.check')}
          </Button>
        </Form.Item>
      </Space>
      {check && (
        <Alert data-testid="wizard-storage-result" type={check.writable ? 'success' : 'error'}
          showIcon title={check.writable
            ? t('wizard.storage.ok', { gib: ((check.freeBytes ?? 0) / GIB).toFixed(1) })
            : t('wizard.storage.notWritable', { detail: check.detail })} />
      )}
      <StorageForecast role="installer" />
      <Space wrap>
        <Form.Item name={['lpr', 'host']} label={t('wizard.storage.lprHost')}
          rules={[{ required: true, message: t('wizard.required') }]}>
          <Input data-testid="wizard-lpr-host" />
        </Form.Item>
        <Form.Item name={['lpr', 'port']} label={t('wizard.storage.lprPort')}
          extra={lprPort === null ? t('wizard.storage.lprPortHelp')
            : t('wizard.storage.lprPortNow', { port: lprPort })}
          rules={[{ required: true, type: 'number', min: 0, max: 65535,
            message: t('wizard.required') }]}>
          <InputNumber data-testid="wizard-lpr-port" min={0} max={65535} />
        </Form.Item>
      </Space>
    </>
  );
}
