// The manager sets an alert: its level (the response level follows), from when to when in
// Beijing time — now, or scheduled ahead — and the measure text the guards will read.
import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Select, type GetProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ALERT_LEVELS, RESPONSE_LEVELS } from '../../electron/api/contract.ts';
import { useApi } from '../api/api-context.tsx';
import { alertKeys } from '../api/alert-queries.ts';
import { shanghaiWallClockToEpoch } from '../format/time.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';

type RangeValue = GetProps<typeof DatePicker.RangePicker>['value'];
type Level = (typeof ALERT_LEVELS)[number];

/** The contract's bound on a measure text. */
const MEASURE_MAX = 500;

export function AlertForm() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [level, setLevel] = useState<Level>('yellow');
  const [range, setRange] = useState<RangeValue>(null);
  const [measure, setMeasure] = useState('');

  const set = useMutation({
    mutationFn: (input: { level: Level; startsAt: number; endsAt: number; measure: string }) =>
      api.call('alerts.set', input),
    onSuccess: (outcome) => {
      if (!outcome.ok) return;
      setRange(null);
      setMeasure('');
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.alerts }),
  });
  const start = range?.[0];
  const end = range?.[1];
  const canSubmit = Boolean(start && end) && !set.isPending;

  const submit = () => {
    if (!start || !end) return;
    set.mutate({ level, measure: measure.trim(),
      startsAt: shanghaiWallClockToEpoch(start.second(0)),
      endsAt: shanghaiWallClockToEpoch(end.second(0)) });
  };

  const levelOptions = ALERT_LEVELS.map((code, index) => ({
    value: code,
    label: t('alerts.levelOption', { level: t(`controlState.${code}`),
      response: RESPONSE_LEVELS[index] }),
  }));

  return (
    <Form layout="vertical" onFinish={submit}>
      <Form.Item label={t('alerts.level')}>
        <Select data-testid="alert-level" value={level} options={levelOptions}
          onChange={setLevel} />
      </Form.Item>
      <Form.Item label={t('alerts.period')} extra={t('alerts.periodHint')}>
        <DatePicker.RangePicker data-testid="alert-range" showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm" value={range} onChange={setRange}
          placeholder={[t('alerts.start'), t('alerts.end')]} />
      </Form.Item>
      <Form.Item label={t('alerts.measure')}>
        <Input.TextArea data-testid="alert-measure" rows={3} maxLength={MEASURE_MAX} showCount
          placeholder={t('alerts.measurePlaceholder')} value={measure}
          onChange={(event) => setMeasure(event.target.value)} />
      </Form.Item>
      <Form.Item>
        <Button data-testid="alert-submit" type="primary" htmlType="submit"
          loading={set.isPending} disabled={!canSubmit}>
          {t('alerts.submit')}
        </Button>
      </Form.Item>
      {set.data !== undefined && !set.data.ok && <ApiErrorAlert error={set.data.error} />}
      {set.data?.ok && (
        <Alert type="success" showIcon data-testid="alert-set"
          title={set.data.value.status === 'scheduled' ? t('alerts.scheduled')
            : t('alerts.inForce')} />
      )}
    </Form>
  );
}
