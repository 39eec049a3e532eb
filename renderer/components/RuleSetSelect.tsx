// The rule set (region and industry) the lanes decide by. A manager switches it; officers and
// installers see which one is in force and its versions.
import { Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { unwrap } from '../api/api-failure.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';

const RULE_SETS_KEY = ['rules', 'sets'] as const;

export function RuleSetSelect({ canSwitch }: { canSwitch: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const sets = useQuery({
    queryKey: RULE_SETS_KEY,
    queryFn: async () => unwrap(await api.call('rules.sets', {})),
  });
  const choose = useMutation({
    mutationFn: (setId: string) => api.call('rules.select', { setId }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: RULE_SETS_KEY }),
  });

  if (!sets.data) return null;
  const english = i18n.language.startsWith('en');
  const current = sets.data.sets.find((s) => s.id === sets.data.selected);
  const options = sets.data.sets.map((s) => ({ value: s.id, label: english ? s.nameEn : s.name }));

  return (
    <Space orientation="vertical">
      <Select data-testid="rule-set-select" className="rule-set-select" options={options}
        value={sets.data.selected} disabled={!canSwitch || choose.isPending}
        onChange={(id: string) => choose.mutate(id)} />
      {current && (
        <Typography.Text type="secondary">
          {t('ruleSets.versions', { versions: current.versions
            .map((v) => `${v.version} (${v.effectiveFrom})`).join(', ') })}
        </Typography.Text>
      )}
      {choose.data !== undefined && !choose.data.ok && <ApiErrorAlert error={choose.data.error} />}
    </Space>
  );
}
