// How the cap's baseline is taken: over how many normal working days, and which weekdays are
// working days. A manager or installer changes them; the others read them.
import { useEffect, useState } from 'react';
import { Button, Checkbox, Form, InputNumber, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { alertKeys, useCapSettings } from '../api/alert-queries.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

export function CapSettingsForm({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const settings = useCapSettings(true);
  const [days, setDays] = useState<number | null>(null);
  const [weekdays, setWeekdays] = useState<number[]>([]);

  useEffect(() => {
    if (!settings.data) return;
    setDays(settings.data.baselineDays);
    setWeekdays(settings.data.workingWeekdays);
  }, [settings.data]);

  const save = useMutation({
    mutationFn: () => api.call('cap.configure', { baselineDays: days ?? 5,
      workingWeekdays: weekdays }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: alertKeys.capSettings });
      void queryClient.invalidateQueries({ queryKey: alertKeys.cap });
    },
  });
  const options = WEEKDAYS.map((d) => ({ value: d, label: t(`weekday.${d}`) }));

  return (
    <Form layout="inline" onFinish={() => save.mutate()}>
      <Form.Item label={t('capSettings.days')}>
        <InputNumber data-testid="cap-days" min={1} max={30} value={days} disabled={!canEdit}
          onChange={setDays} />
      </Form.Item>
      <Form.Item label={t('capSettings.weekdays')}>
        <Checkbox.Group options={options} value={weekdays} disabled={!canEdit}
          onChange={(value) => setWeekdays(value as number[])} />
      </Form.Item>
      {canEdit && (
        <Form.Item>
          <Button htmlType="submit" loading={save.isPending}
            disabled={days === null || weekdays.length === 0}>
            {t('capSettings.save')}
          </Button>
        </Form.Item>
      )}
      <Typography.Paragraph type="secondary">{t('capSettings.note')}</Typography.Paragraph>
      {save.data !== undefined && !save.data.ok && <ApiErrorAlert error={save.data.error} />}
    </Form>
  );
}
