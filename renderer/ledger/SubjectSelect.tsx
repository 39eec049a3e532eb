// Picks the in-plant vehicle or machine a log entry is about, searched by its registration code
// in the registry the form's "subject kind" names.
import { useState } from 'react';
import { Form, Select } from 'antd';
import { useLedgerList } from './ledger-queries.ts';

/** Enough matches to find one by a few characters of its code. */
const MATCHES_SHOWN = 20;

interface Props {
  value?: number;
  disabled?: boolean;
  onChange?(value: unknown): void;
  'data-testid'?: string;
}

export function SubjectSelect(props: Props) {
  const subjectKind = Form.useWatch('subjectKind') as 'inPlant' | 'machinery' | undefined;
  const [search, setSearch] = useState('');

  return subjectKind === 'machinery'
    ? <Machines {...props} search={search} onSearch={setSearch} />
    : <InPlant {...props} search={search} onSearch={setSearch} />;
}

type ListProps = Props & { search: string; onSearch(search: string): void };

function InPlant(props: ListProps) {
  const list = useLedgerList('ledger.inPlant.list', { search: props.search || undefined,
    limit: MATCHES_SHOWN, offset: 0, sort: 'registrationCode', dir: 'asc' });
  const options = (list.data?.rows ?? []).map((row) =>
    ({ value: row.id, label: row.registrationCode }));
  return <Choice {...props} options={options} loading={list.isFetching} />;
}

function Machines(props: ListProps) {
  const list = useLedgerList('ledger.machinery.list', { search: props.search || undefined,
    limit: MATCHES_SHOWN, offset: 0, sort: 'envRegistrationCode', dir: 'asc' });
  const options = (list.data?.rows ?? []).map((row) =>
    ({ value: row.id, label: `${row.envRegistrationCode} ${row.machineType}` }));
  return <Choice {...props} options={options} loading={list.isFetching} />;
}

function Choice(props: ListProps & { options: { value: number; label: string }[];
  loading: boolean }) {
  return (
    <Select data-testid={props['data-testid']} value={props.value} disabled={props.disabled}
      showSearch={{ filterOption: false, onSearch: props.onSearch }} loading={props.loading}
      options={props.options} onChange={(value) => props.onChange?.(value)} />
  );
}
