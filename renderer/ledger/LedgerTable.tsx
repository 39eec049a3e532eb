// The frame every ledger page shares: its search line, the actions the role may take (new,
// import, export, inspection sample), the count, and the table the core pages and sorts. A
// click on a row opens the page's detail drawer.
import type { HTMLAttributes, ReactNode } from 'react';
import { Space, Table, Typography, type TableColumnsType } from 'antd';
import { Trans } from 'react-i18next';
import {
  IMPORTABLE_LEDGERS, type CallInput, type Ledger, type Role,
} from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { ImportButton } from './ImportButton.tsx';
import { exportsLedgers, keepsLedgers, samplesLedgers } from './ledger-routes.ts';
import { useLedgerList, type ListCall } from './ledger-queries.ts';
import { SampleButton } from './SampleButton.tsx';
import { compact, useLedgerParams, type Filter } from './use-ledger-params.ts';

interface Props<Row> {
  ledger: Ledger;
  role: Role;
  listCall: ListCall;
  defaultSort: string;
  initialFilter?: Filter;
  columns: TableColumnsType<Row>;
  rowKey(row: Row): string;
  filterBar(setFilter: (filter: Filter) => void): ReactNode;
  /** The page's own actions (e.g. "new vehicle"), before the shared ones. */
  actions?: ReactNode;
  onOpen(row: Row): void;
}

export function LedgerTable<Row extends object>(props: Props<Row>) {
  const { ledger, role } = props;
  const { params, input, setFilter, turnPage, sortBy } =
    useLedgerParams(props.defaultSort, props.initialFilter);
  const list = useLedgerList(props.listCall, input as CallInput<ListCall>);
  const page = list.data as { total: number; rows: Row[] } | undefined;
  const importable = (IMPORTABLE_LEDGERS as readonly string[]).includes(ledger);

  // The same search again means "look again": another officer may have saved meanwhile.
  const search = (filter: Filter) => {
    if (JSON.stringify(compact(filter)) === JSON.stringify(params.filter)) void list.refetch();
    else setFilter(filter);
  };

  const rowAttributes = (row: Row): HTMLAttributes<HTMLElement> => {
    const attributes: Record<string, string | (() => void)> = {
      'data-testid': `ledger-row-${props.rowKey(row)}`,
      className: 'ledger-row',
      onClick: () => props.onOpen(row),
    };
    return attributes;
  };

  return (
    <Space orientation="vertical" size="middle" className="page-wide">
      {props.filterBar(search)}
      <Space wrap>
        {props.actions}
        {importable && keepsLedgers(role) && (
          <ImportButton ledger={ledger as (typeof IMPORTABLE_LEDGERS)[number]} />
        )}
        {exportsLedgers(role) && <ExportButtons ledger={ledger} filter={params.filter} />}
        {samplesLedgers(role) && <SampleButton ledger={ledger} />}
      </Space>
      <Typography.Text>
        <Trans i18nKey="ledger.total" values={{ total: page?.total ?? 0 }}
          components={{ num: <span data-testid="ledger-total" className="total" /> }} />
      </Typography.Text>
      {list.isError && <ApiErrorAlert error={errorOf(list.error)} />}
      <Table<Row>
        rowKey={props.rowKey}
        size="middle"
        columns={props.columns}
        dataSource={page?.rows ?? []}
        loading={list.isFetching}
        onRow={rowAttributes}
        onChange={(_pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') sortBy(sorter);
        }}
        pagination={{
          current: params.offset / params.limit + 1,
          pageSize: params.limit,
          total: page?.total ?? 0,
          showSizeChanger: false,
          onChange: turnPage,
        }}
      />
    </Space>
  );
}
