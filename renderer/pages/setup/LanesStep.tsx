// Step 2: the gates and their lanes, each with its direction, its barrier and its display.
import { Button, Card, Form, Input, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import type { WizardValues } from './wizard-state.ts';
import { BarrierFields } from './BarrierFields.tsx';
import { DisplayFields } from './DisplayFields.tsx';

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
                <DisplayFields index={f.name} form={form} />
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
