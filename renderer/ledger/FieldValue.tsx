// A record's field as the drawer shows it: codes by their names, yes/no in words, blanks as —.
import { useTranslation } from 'react-i18next';
import type { FieldSpec } from './field-specs.ts';

export function FieldValue({ spec, value }: { spec: FieldSpec; value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <>—</>;

  if (spec.kind === 'yesNo') return <>{t(`ledger.yesNo.${String(value)}`)}</>;
  if (spec.kind === 'select' && spec.labels) {
    const name = t(`${spec.labels}.${String(value)}`, { defaultValue: String(value) });
    return <span data-field={spec.key}>{spec.showCode ? `${String(value)} ${name}` : name}</span>;
  }
  return <span data-field={spec.key}>{String(value)}</span>;
}
