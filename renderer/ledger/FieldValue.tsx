// A record's field as the drawer shows it: codes by their names, yes/no in words, lanes by
// their names, blanks as —.
import { useTranslation } from 'react-i18next';
import type { FieldSpec } from './field-specs.ts';
import { LaneNames } from './LaneSelect.tsx';

export function FieldValue({ spec, value }: { spec: FieldSpec; value: unknown }) {
  const { t } = useTranslation();
  if (spec.kind === 'lanes') return <LaneNames field={spec.key} ids={value as string[] ?? []} />;
  if (spec.kind === 'switch') {
    return <span data-field={spec.key}>{t(`ledger.yesNo.${String(value === true)}`)}</span>;
  }
  if (value === null || value === undefined || value === '') return <>—</>;

  if (spec.kind === 'yesNo') return <>{t(`ledger.yesNo.${String(value)}`)}</>;
  if (spec.kind === 'select' && spec.labels) {
    const name = t(`${spec.labels}.${String(value)}`, { defaultValue: String(value) });
    return <span data-field={spec.key}>{spec.showCode ? `${String(value)} ${name}` : name}</span>;
  }
  return <span data-field={spec.key}>{String(value)}</span>;
}
