// Step 3: the cameras. Found by WS-Discovery on every network card (plus any address typed in)
// or added by hand; each is assigned to a lane as its LPR camera or as an overview camera, and
// can be probed (maker, serial, clock) and asked for a snapshot before anything is saved.
import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, Radio, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import type { ApiError, CallOutput } from '../../../electron/api/contract.ts';
import { useApi } from '../../api/api-context.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { CameraForm, WizardValues } from './wizard-state.ts';
import { CameraCheck } from './CameraCheck.tsx';

const VENDORS = ['hikvision', 'dahua', 'vzenith', 'huaxia'] as const;
type Found = CallOutput<'setup.discover'>[number];

export function CamerasStep({ form }: { form: FormInstance<WizardValues> }) {
  const { t } = useTranslation();
  const api = useApi();
  const lanes = Form.useWatch('lanes', { form, preserve: true }) ?? [];
  const [found, setFound] = useState<Found[] | null>(null);
  const [targets, setTargets] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const required = [{ required: true, whitespace: true, message: t('wizard.required') }];

  const discover = async () => {
    setBusy(true);
    const addresses = targets.split(/[\s,;]+/).filter(Boolean);
    const result = await api.call('setup.discover', { addresses, timeoutMs: 2_000 });
    setBusy(false);
    setError(result.ok ? null : result.error);
    setFound(result.ok ? result.value : null);
  };

  const addCamera = (seed: Partial<CameraForm>) => {
    const cameras = form.getFieldValue('cameras') as CameraForm[] ?? [];
    const camera: CameraForm = { id: `cam-${cameras.length + 1}`, name: '', vendor: 'hikvision',
      address: '', role: 'lpr', record: false, onvifUsername: 'admin', ...seed };
    form.setFieldValue('cameras', [...cameras, camera]);
  };

  return (
    <Space orientation="vertical" size="middle" className="page-wide">
      <Card size="small" title={t('wizard.cameras.discover')}>
        <Space wrap>
          <Input data-testid="wizard-discover-targets" value={targets} className="wide-input"
            onChange={(e) => setTargets(e.target.value)}
            placeholder={t('wizard.cameras.discoverTargets')} />
          <Button data-testid="wizard-discover" loading={busy} onClick={() => void discover()}>
            {t('wizard.cameras.discoverButton')}
          </Button>
        </Space>
        {error && <ApiErrorAlert error={error} />}
        {found && (
          <Table<Found> size="small" rowKey="url" dataSource={found} pagination={false}
            data-testid="wizard-discovered" locale={{ emptyText: t('wizard.cameras.noneFound') }}
            columns={[
              { title: t('wizard.cameras.name'), render: (_, c) => c.name ?? '—' },
              { title: t('wizard.cameras.address'), dataIndex: 'address' },
              { title: t('wizard.cameras.via'), dataIndex: 'via' },
              { title: '', render: (_, c) => (
                <Button size="small" onClick={() => addCamera({ name: c.name ?? '',
                  address: c.address, onvifUrl: c.url })}>{t('wizard.cameras.add')}</Button>) },
            ]} />
        )}
      </Card>

      <Form.List name="cameras">
        {(fields, { remove }) => fields.map((f) => (
          <Card key={f.key} size="small" data-testid={`wizard-camera-${f.name}`}
            title={t('wizard.cameras.camera', { n: f.name + 1 })}
            extra={<Button onClick={() => remove(f.name)}>{t('wizard.remove')}</Button>}>
            <Space wrap>
              <Form.Item name={[f.name, 'id']} label={t('wizard.id')}
                rules={[{ required: true, pattern: /^[a-z0-9-]+$/, message: t('wizard.idRule') }]}>
                <Input data-testid={`wizard-camera-${f.name}-id`} />
              </Form.Item>
              <Form.Item name={[f.name, 'name']} label={t('wizard.cameras.name')}
                rules={required}>
                <Input data-testid={`wizard-camera-${f.name}-name`} />
              </Form.Item>
              <Form.Item name={[f.name, 'address']} label={t('wizard.cameras.address')}
                rules={required} extra={t('wizard.cameras.addressHelp')}>
                <Input data-testid={`wizard-camera-${f.name}-address`} />
              </Form.Item>
              <Form.Item name={[f.name, 'serialNo']} label={t('wizard.cameras.serialNo')}>
                <Input data-testid={`wizard-camera-${f.name}-serial`} />
              </Form.Item>
            </Space>
            <Form.Item name={[f.name, 'vendor']} label={t('wizard.cameras.vendor')}>
              <Radio.Group data-testid={`wizard-camera-${f.name}-vendor`} optionType="button"
                options={VENDORS.map((v) => ({ value: v, label: t(`wizard.vendor.${v}`) }))} />
            </Form.Item>
            <Space wrap>
              <Form.Item name={[f.name, 'laneId']} label={t('wizard.cameras.lane')}>
                <Radio.Group data-testid={`wizard-camera-${f.name}-lane`} optionType="button"
                  options={lanes.map((l) => ({ value: l.id, label: l.name || l.id }))} />
              </Form.Item>
              <Form.Item name={[f.name, 'role']} label={t('wizard.cameras.role')}>
                <Radio.Group data-testid={`wizard-camera-${f.name}-role`} optionType="button"
                  options={[{ value: 'lpr', label: t('wizard.cameras.lpr') },
                    { value: 'overview', label: t('wizard.cameras.overview') }]} />
              </Form.Item>
              <Form.Item name={[f.name, 'record']} valuePropName="checked">
                <Checkbox>{t('wizard.cameras.record')}</Checkbox>
              </Form.Item>
            </Space>
            <CameraCheck form={form} index={f.name} />
          </Card>
        ))}
      </Form.List>
      <Button data-testid="wizard-add-camera" onClick={() => addCamera({})}>
        {t('wizard.cameras.addByHand')}
      </Button>
    </Space>
  );
}
