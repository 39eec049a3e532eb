// Step 2: the gates and their lanes, each with its direction and its barrier: a Modbus relay
// board on RS-485 (serial) or on Modbus TCP, or the camera's own relay through our reply.
import { Button, Card, Form, Input, InputNumber, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import type { WizardValues } from './wizard-state.ts';

const KINDS = ['modbus-rtu', 'modbus-tcp', 'camera-reply'] as const;

export function LanesStep({ form }: { form: FormInstance<WizardValues> }) {
  const { t } = useTranslation();
  const gates = Form.useWatch('gates', { form, preserve: true }) ?? [];
  const required = [{ required: true, whitespace: true, message: t('wizard.required') }];
  const idRule = [{ required: true, pattern: /^[a-z0-9-]+$/, message: t('wizard.idRule') }];

  return (
    <Space orientation="vertical" size="middle" className="page-wide">
      <Card size="small" title={t('wizard.lanes.gates')}>
        <Form.List name="gates">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'id']} rules={idRule}>
                    <Input data-testid={`wizard-gate-${f.name}-id`} placeholder="gate-1" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={required}>
                    <Input data-testid={`wizard-gate-${f.name}-name`}
                      placeholder={t('wizard.lanes.gateName')} />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>
                    {t('wizard.remove')}</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ id: `gate-${fields.length + 1}`, name: '' })}>
                {t('wizard.lanes.addGate')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Form.List name="lanes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Card key={f.key} size="small" data-testid={`wizard-lane-${f.name}`}
                title={t('wizard.lanes.lane', { n: f.name + 1 })}
                extra={<Button onClick={() => remove(f.name)}>{t('wizard.remove')}</Button>}>
                <Space wrap>
                  <Form.Item name={[f.name, 'id']} label={t('wizard.id')} rules={idRule}>
                    <Input data-testid={`wizard-lane-${f.name}-id`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} label={t('wizard.lanes.name')}
                    rules={required}>
                    <Input data-testid={`wizard-lane-${f.name}-name`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'nameEn']} label={t('wizard.lanes.nameEn')}
                    rules={required}>
                    <Input data-testid={`wizard-lane-${f.name}-name-en`} />
                  </Form.Item>
                </Space>
                <Form.Item name={[f.name, 'gateId']} label={t('wizard.lanes.gate')}
                  rules={required}>
                  <Radio.Group data-testid={`wizard-lane-${f.name}-gate`} optionType="button"
                    options={gates.map((g) => ({ value: g.id, label: g.name || g.id }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'direction']} label={t('wizard.lanes.direction')}>
                  <Radio.Group data-testid={`wizard-lane-${f.name}-direction`}
                    optionType="button" options={[
                      { value: 'in', label: t('wizard.lanes.in') },
                      { value: 'out', label: t('wizard.lanes.out') }]} />
                </Form.Item>
                <BarrierFields index={f.name} form={form} />
              </Card>
            ))}
            <Button data-testid="wizard-add-lane" onClick={() => add({
              id: `lane-${fields.length + 1}`, gateId: gates[0]?.id ?? '', name: '', nameEn: '',
              direction: 'in', barrier: { kind: 'camera-reply' } })}>
              {t('wizard.lanes.addLane')}
            </Button>
          </>
        )}
      </Form.List>
    </Space>
  );
}

function BarrierFields({ index, form }: { index: number; form: FormInstance<WizardValues> }) {
  const { t } = useTranslation();
  const kind = Form.useWatch(['lanes', index, 'barrier', 'kind'], form);
  const at = (field: string) => [index, 'barrier', field];
  const testId = (field: string) => `wizard-lane-${index}-${field}`;
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
          <Form.Item name={at('path')} label={t('wizard.barrier.path')}
            rules={[{ required: true, message: t('wizard.required') }]}>
            <Input data-testid={testId('path')} placeholder="COM3 / /dev/ttyUSB0" />
          </Form.Item>
          {number('baudRate', 'wizard.barrier.baud', 1200, 115200, 9600)}
          {number('slave', 'wizard.barrier.slave', 1, 247, 1)}
          {number('coil', 'wizard.barrier.coil', 0, 255, 0)}
        </Space>
      )}
      {kind === 'modbus-tcp' && (
        <Space wrap>
          <Form.Item name={at('host')} label={t('wizard.barrier.host')}
            rules={[{ required: true, message: t('wizard.required') }]}>
            <Input data-testid={testId('host')} />
          </Form.Item>
          {number('port', 'wizard.barrier.port', 1, 65535, 502)}
          {number('slave', 'wizard.barrier.slave', 1, 247, 1)}
          {number('coil', 'wizard.barrier.coil', 0, 255, 0)}
        </Space>
      )}
    </>
  );
}
