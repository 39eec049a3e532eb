// The site's lanes a vehicle may use, picked by name (the core keeps their ids), and the same
// lanes named back in the drawer. None picked means every lane, and the field says so.
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LaneView } from '../../electron/api/contract.ts';
import { useLanes } from '../api/queries.ts';
import type { Language } from '../i18n/i18n.ts';
import { pickText, useLanguage } from '../i18n/use-language.ts';

interface Props {
  'data-testid'?: string;
  disabled?: boolean;
  value?: string[];
  onChange?(value: unknown): void;
}

const nameOf = (language: Language, lanes: readonly LaneView[] | undefined, id: string) => {
  const lane = lanes?.find((l) => l.id === id);
  return lane ? pickText(language, lane.name, lane.nameEn) : id;
};

export function LaneSelect(props: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const lanes = useLanes();

  return (
    <Select data-testid={props['data-testid']} disabled={props.disabled} mode="multiple"
      allowClear value={props.value ?? []} onChange={props.onChange}
      placeholder={t('ledger.form.allLanes')} optionFilterProp="label"
      loading={lanes.isLoading}
      options={(lanes.data ?? []).map((lane) => ({ value: lane.id,
        label: pickText(language, lane.name, lane.nameEn) }))} />
  );
}

export function LaneNames({ ids, field }: { ids: readonly string[]; field: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const lanes = useLanes();

  if (ids.length === 0) return <span data-field={field}>{t('ledger.form.allLanes')}</span>;
  return <span data-field={field}>{ids.map((id) => nameOf(language, lanes.data, id))
    .join(pickText(language, '、', ', '))}</span>;
}
