// What a ledger page asks the core for: the filter, the page and the sort. A new filter or sort
// goes back to the first page; paging keeps both.
import { useState } from 'react';
import { shanghaiWallClockToEpoch, type WallClock } from '../format/time.ts';
import { LEDGER_PAGE_SIZE } from './ledger-codes.ts';

export type Filter = Record<string, unknown>;

/** The part of antd's sorter state a ledger sort needs. */
interface Sorter {
  columnKey?: string | number | bigint;
  order?: 'ascend' | 'descend' | null;
}

export interface LedgerParams {
  filter: Filter;
  limit: number;
  offset: number;
  sort: string;
  dir: 'asc' | 'desc';
}

export function useLedgerParams(defaultSort: string, initialFilter: Filter = {}) {
  const [params, setParams] = useState<LedgerParams>({
    filter: initialFilter, limit: LEDGER_PAGE_SIZE, offset: 0, sort: defaultSort, dir: 'desc',
  });

  const setFilter = (filter: Filter) => setParams({ ...params, filter: compact(filter),
    offset: 0 });
  const turnPage = (page: number) => setParams({ ...params, offset: (page - 1) * params.limit });
  const sortBy = (sorter: Sorter | Sorter[]) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    if (!one || one.order === undefined || one.order === null || one.columnKey === undefined) {
      setParams({ ...params, sort: defaultSort, dir: 'desc', offset: 0 });
      return;
    }
    setParams({ ...params, sort: String(one.columnKey), offset: 0,
      dir: one.order === 'ascend' ? 'asc' : 'desc' });
  };

  /** The call's input: the filter's fields beside the page's. */
  const input = { ...params.filter, limit: params.limit, offset: params.offset,
    sort: params.sort, dir: params.dir };
  return { params, input, setFilter, turnPage, sortBy };
}

/** Empty strings, empty lists and unset switches are no filter at all. */
export function compact(filter: Filter): Filter {
  const out: Filter = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}

type Day = WallClock & { startOf(unit: 'day'): WallClock; endOf(unit: 'day'): WallClock };

/** A picked `range` of days becomes from the first one's midnight to the last one's end. */
export function withDayRange(values: Filter): Filter {
  const { range, ...rest } = values;
  const days = range as [Day, Day] | null | undefined;
  if (!days) return rest;
  return { ...rest, from: shanghaiWallClockToEpoch(days[0].startOf('day')),
    to: shanghaiWallClockToEpoch(days[1].endOf('day')) + 999 };
}
