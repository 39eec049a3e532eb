// A lane's barrier: a Modbus relay board on RS-485 or Modbus TCP, the camera's own relay through
// our push reply (Vzenith, Huaxia), the camera's HTTP open command (Hikvision, Dahua, Digest
// login), or a controller's own serial frames written from its manual in hex.
import { Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import type { WizardValues } from './wizard-state.ts';

const KINDS = ['modbus-rtu', 'modbus-tcp', 'camera-reply', 'camera-command', 'serial-frames'];
const CHECKSUMS = ['none', 'sum8', 'xor8', 'crc16-modbus'];

export function BarrierFields({ index, form }: { index: number;
  form: FormInstance<WizardValues> }) {
  const { t } = useTranslation();
  const kind = Form.useWatch(['lanes', index, 'barrier', 'kind'], form);
  const passwordSet = Form.useWatch(['lanes', index, 'barrier', 'passwordSet'],
    { form, preserve: true });
  const at = (field: string) => [index, 'barrier', field];
  const testId = (field: string) => `wizard-lane-${index}-${field}`;
  const required = [{ required: true, message: t('wizard.required') }];
  const text = (field: string, label: string, placeholder?: string) => (
    <Form.Item name={at(field)} label={t(label)} rules={required}>
      <Input data-testid={testId(field)} placeholder={placeholder} />
    </Form.Item>
  );
  const number = (field: string, label: string, min: number, max: number, first: number) => (
    <Form.Item name={at(field)} label={t(label)} initialValue={first}
      rules={[{ required: true, type: 'number', min, max, message: t('wizard.required') }]}>
      <InputNumber data-testid={testId(field)} min={min} max={max} />
    </Form.Item>
  );

  return (
    <>
      <Form.Item name={at('kind')} label={t('wizard.lanes.barrier')}>
        <Radio.Group data-testid={testId('barrier')} optionType="button"
          options={KINDS.map((k) => ({ value: k, label: t(`wizard.barrier.${k}`) }))} />
      </Form.Item>
      {kind === 'modbus-rtu' && (
        <Space wrap>
          {text('path', 'wizard.barrier.path', 'COM3 / /dev/ttyUSB0')}
          {number('baudRate', 'wizard.barrier.baud', 1200, 115200, 9600)}
          {number('slave', 'wizard.barrier.slave', 1, 247, 1)}
          {number('coil', 'wizard.barrier.coil', 0, 255, 0)}
        </Space>
      )}
      {kind === 'modbus-tcp' && (
        <Space wrap>
          {text('host', 'wizard.barrier.host')}
          {number('port', 'wizard.barrier.port', 1, 65535, 502)}
          {number('slave', 'wizard.barrier.slave', 1, 247, 1)}
          {number('coil', 'wizard.barrier.coil', 0, 255, 0)}
        </Space>
      )}
      {kind === 'camera-command' && (
        <Space wrap>
          <Form.Item name={at('vendor')} label={t('wizard.cameras.vendor')}
            initialValue="hikvision">
            <Radio.Group optionType="button" options={['hikvision', 'dahua'].map((v) => ({
              value: v, label: t(`wizard.vendor.${v}`) }))} />
          </Form.Item>
          {text('url', 'wizard.barrier.url', 'http://192.168.1.64')}
          {text('username', 'wizard.cameras.username')}
          <Form.Item name={at('password')} label={t('wizard.cameras.password')}
            extra={passwordSet ? t('wizard.secretSet') : t('wizard.secretNotSet')}>
            <Input.Password data-testid={testId('password')} autoComplete="new-password" />
          </Form.Item>
          {number('channel', 'wizard.barrier.channel', 1, 64, 1)}
        </Space>
      )}
      {kind === 'serial-frames' && (
        <Space wrap>
          {text('path', 'wizard.barrier.path', 'COM3 / /dev/ttyUSB0')}
          {number('baudRate', 'wizard.barrier.baud', 1200, 115200, 9600)}
          {text('openFrame', 'wizard.barrier.openFrame', 'AA 01 01')}
          <Form.Item name={at('checksum')} label={t('wizard.barrier.checksum')}
            initialValue="none">
            <Select className="plate-input"
              options={CHECKSUMS.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Space>
      )}
    </>
  );
}
