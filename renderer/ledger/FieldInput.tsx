// One form field's input by its spec: text, a day picker, a number, a code list, yes/no/unknown,
// a switch, the site's lanes.
// antd's Form.Item hands it `value` and `onChange`.
import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldSpec } from './field-specs.ts';
import { LaneSelect } from './LaneSelect.tsx';
import { SubjectSelect } from './SubjectSelect.tsx';

interface Props {
  spec: FieldSpec;
  disabled?: boolean;
  value?: unknown;
  onChange?(value: unknown): void;
}

export function FieldInput({ spec, disabled, value, onChange }: Props) {
  const { t } = useTranslation();
  const testId = `ledger-field-${spec.key}`;
  const common = { 'data-testid': testId, disabled, onChange };

  switch (spec.kind) {
    case 'date':
      return <DatePicker {...common} value={value as never} format="YYYY-MM-DD"
        className="ledger-input" />;
    case 'datetime':
      return <DatePicker {...common} value={value as never} showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm" className="ledger-input" />;
    case 'subject':
      return <SubjectSelect {...common} value={value as number | undefined} />;
    case 'note':
      return <Input.TextArea {...common} value={value as string} maxLength={spec.max} rows={3}
        showCount onChange={(event) => onChange?.(event.target.value)} />;
    case 'number':
      return <InputNumber {...common} value={value as number | null} min={0} max={spec.max}
        className="ledger-input" />;
    case 'yesNo':
      return <Select {...common} value={value as string} options={['true', 'false', 'unknown']
        .map((code) => ({ value: code, label: t(`ledger.yesNo.${code}`) }))} />;
    case 'switch':
      return <Switch data-testid={testId} disabled={disabled} checked={value === true}
        onChange={(checked) => onChange?.(checked)} />;
    case 'lanes':
      return <LaneSelect {...common} value={value as string[] | undefined} />;
    case 'select':
      return <Select {...common} value={value as string} allowClear={!spec.required} showSearch
        optionFilterProp="label"
        options={(spec.options ?? []).map((code) => ({ value: code,
          label: spec.showCode ? `${code} ${t(`${spec.labels}.${code}`)}`
            : t(`${spec.labels}.${code}`) }))} />;
    default:
      return <Input {...common} value={value as string} maxLength={spec.max}
        onChange={(event) => onChange?.(event.target.value)} />;
  }
}
