// A lane's LED/voice display, which the regulation wants showing plate, emission stage, control
// state and pass/deny: none, a board on the camera's RS-485 passthrough, or on a serial port.
import { Form, Input, InputNumber, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import type { WizardValues } from './wizard-state.ts';

const NONE = 'none';
const KINDS = [NONE, 'camera-passthrough', 'serial'];

export function DisplayFields({ index, form }: { index: number;
  form: FormInstance<WizardValues> }) {
  const { t } = useTranslation();
  const kind = Form.useWatch(['lanes', index, 'display', 'kind'], form) ?? NONE;
  const at = (field: string) => [index, 'display', field];

  // "None" is no display object at all, which is how the site says the lane has none.
  const choose = (next: string) => {
    form.setFieldValue(['lanes', index, 'display'], next === NONE ? undefined : { kind: next });
  };

  return (
    <>
      <Form.Item label={t('wizard.display.title')}>
        <Radio.Group data-testid={`wizard-lane-${index}-display`} optionType="button"
          value={kind} onChange={(e) => choose(e.target.value as string)}
          options={KINDS.map((k) => ({ value: k, label: t(`wizard.display.${k}`) }))} />
      </Form.Item>
      {kind === 'camera-passthrough' && (
        <Space wrap>
          <Form.Item name={at('serialChannel')} label={t('wizard.display.channel')}
            initialValue={0}>
            <InputNumber min={0} max={8} />
          </Form.Item>
          <Form.Item name={at('address')} label={t('wizard.display.address')} initialValue={1}>
            <InputNumber min={0} max={255} />
          </Form.Item>
        </Space>
      )}
      {kind === 'serial' && (
        <Space wrap>
          <Form.Item name={at('path')} label={t('wizard.barrier.path')}
            rules={[{ required: true, message: t('wizard.required') }]}>
            <Input placeholder="COM4 / /dev/ttyUSB1" />
          </Form.Item>
          <Form.Item name={at('baudRate')} label={t('wizard.barrier.baud')} initialValue={9600}>
            <InputNumber min={1200} max={115200} />
          </Form.Item>
          <Form.Item name={at('address')} label={t('wizard.display.address')} initialValue={1}>
            <InputNumber min={0} max={255} />
          </Form.Item>
        </Space>
      )}
    </>
  );
}
