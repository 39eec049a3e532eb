// Cargo and tonnage of a visit, entered at the exit or later by the officer. A second entry is
// a correction: a new row pointing at the one in force, with its reason; nothing is overwritten.
import { Button, Form, Input, InputNumber, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CargoView } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { ledgerKeys } from './ledger-queries.ts';

/** number(4,1) in the regulation's table: at most 999.9 t, one decimal. */
const TONNAGE_MAX = 999.9;

interface Values {
  cargoName: string;
  tonnage: number;
  reason?: string;
}

export function CargoForm({ visitId, current }: { visitId: string; current: CargoView | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const correcting = current !== null;
  const save = useMutation({
    mutationFn: (values: Values) => api.call('ledger.visits.setCargo', {
      visitId, cargoName: values.cargoName.trim(), tonnage: values.tonnage,
      reason: values.reason?.trim() ?? '' }),
    onSuccess: (result) => {
      if (!result.ok) return;
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ledgerKeys.ledger('visits') });
    },
  });

  return (
    <Form form={form} layout="vertical" data-testid="ledger-cargo-form"
      initialValues={current === null ? {} : { cargoName: current.cargoName,
        tonnage: current.tonnage }}
      onFinish={(values) => save.mutate(values)}>
      <Space align="start" wrap>
        <Form.Item name="cargoName" label={t('ledger.field.cargoName')}
          rules={[{ required: true, whitespace: true, message: t('ledger.form.required') },
            { max: 32, message: t('ledger.form.invalid.too_big', { max: 32 }) }]}>
          <Input data-testid="ledger-cargo-name" maxLength={32} />
        </Form.Item>
        <Form.Item name="tonnage" label={t('ledger.field.tonnage')}
          rules={[{ required: true, message: t('ledger.form.required') }]}>
          <InputNumber data-testid="ledger-cargo-tonnage" min={0} max={TONNAGE_MAX}
            precision={1} step={0.1} suffix="t" />
        </Form.Item>
        {correcting && (
          <Form.Item name="reason" label={t('ledger.cargo.reason')}
            rules={[{ required: true, whitespace: true, message: t('ledger.cargo.reasonNeeded') }]}>
            <Input data-testid="ledger-cargo-reason" maxLength={200} />
          </Form.Item>
        )}
      </Space>
      {save.data !== undefined && !save.data.ok && <ApiErrorAlert error={save.data.error} />}
      <Button data-testid="ledger-cargo-save" type="primary" htmlType="submit"
        loading={save.isPending}>
        {correcting ? t('ledger.cargo.correct') : t('ledger.cargo.record')}
      </Button>
    </Form>
  );
}
