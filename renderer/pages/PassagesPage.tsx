// Passages, searched by (part of a) plate and a time range in Beijing time, paged by the core.
import { useState, type HTMLAttributes } from 'react';
import { Button, DatePicker, Form, Input, Space, Table, Typography, type GetProps } from 'antd';
import { Trans, useTranslation } from 'react-i18next';
import type { PassageView } from '../../electron/api/contract.ts';
import { errorOf } from '../api/api-failure.ts';
import { useLanes, usePassageSearch, type PassageSearch } from '../api/queries.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { usePassageColumns } from './passage-columns.tsx';
import { shanghaiWallClockToEpoch } from '../format/time.ts';

/** Rows per page: one screen of a gate PC, and one quick query for the core. */
const PAGE_SIZE = 50;

type RangeValue = GetProps<typeof DatePicker.RangePicker>['value'];

export function PassagesPage() {
  const { t } = useTranslation();
  const lanes = useLanes();
  const [plate, setPlate] = useState('');
  const [range, setRange] = useState<RangeValue>(null);
  const [params, setParams] = useState<PassageSearch>({ limit: PAGE_SIZE, offset: 0 });
  const search = usePassageSearch(params);
  const columns = usePassageColumns(lanes.data ?? []);

  const submit = () => {
    const next = searchOf(plate, range);
    // The same search again means "look again": new passages may have arrived.
    if (JSON.stringify(next) === JSON.stringify(params)) void search.refetch();
    else setParams(next);
  };
  const turnPage = (page: number) => setParams({ ...params, offset: (page - 1) * params.limit });

  return (
    <Space orientation="vertical" size="middle" className="page-wide">
      <Form layout="inline" onFinish={submit}>
        <Form.Item label={t('passages.plate')}>
          <Input
            data-testid="passages-plate"
            allowClear
            maxLength={16}
            placeholder={t('passages.platePlaceholder')}
            value={plate}
            onChange={(event) => setPlate(event.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('passages.range')}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            placeholder={[t('passages.rangeStart'), t('passages.rangeEnd')]}
            value={range}
            onChange={setRange}
          />
        </Form.Item>
        <Form.Item>
          <Button data-testid="passages-search" type="primary" htmlType="submit">
            {t('passages.search')}
          </Button>
        </Form.Item>
      </Form>

      <Space>
        <Typography.Text>
          <Trans
            i18nKey="passages.total"
            values={{ total: search.data?.total ?? 0 }}
            components={{ num: <span data-testid="passages-total" className="total" /> }}
          />
        </Typography.Text>
        <Typography.Text type="secondary">{t('passages.timeZoneNote')}</Typography.Text>
      </Space>

      {search.isError && <ApiErrorAlert error={errorOf(search.error)} />}
      <Table<PassageView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={search.data?.rows ?? []}
        loading={search.isFetching}
        onRow={rowAttributes}
        pagination={{
          current: params.offset / params.limit + 1,
          pageSize: params.limit,
          total: search.data?.total ?? 0,
          showSizeChanger: false,
          onChange: turnPage,
        }}
      />
    </Space>
  );
}

function searchOf(plate: string, range: RangeValue): PassageSearch {
  const search: PassageSearch = { limit: PAGE_SIZE, offset: 0 };
  const trimmed = plate.trim().toUpperCase();
  if (trimmed !== '') search.plate = trimmed;
  if (range?.[0]) search.from = shanghaiWallClockToEpoch(range[0].second(0));
  // The picker shows minutes: "to 18:05" takes in the passages of 18:05:59 as well.
  if (range?.[1]) search.to = shanghaiWallClockToEpoch(range[1].second(59)) + 999;
  return search;
}

function rowAttributes(row: PassageView): HTMLAttributes<HTMLElement> {
  const attributes: Record<string, string> = {
    'data-testid': `passage-row-${row.id}`,
    'data-plate': row.plate,
  };
  return attributes;
}
