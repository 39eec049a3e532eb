// The search line over a ledger table: free text, the stage and fuel pickers, the fleet, and the
// "documents missing" switch, plus whatever the page adds. Nothing is filtered in the browser:
// the values go to the core, which pages and sorts.
import type { ReactNode } from 'react';
import { Button, Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FUEL_CODES } from './ledger-codes.ts';
import type { Filter } from './use-ledger-params.ts';

interface Props {
  /** The free-text field's name in the filter: `search`, or `plate` for visits. */
  searchKey?: 'search' | 'plate';
  /** What the free text is matched against, named in the field (the core's search columns). */
  searchHint: string;
  stages?: readonly string[];
  fuels?: boolean;
  fleet?: boolean;
  /** The name of the "missing" switch in the filter, when the ledger has one. */
  missingKey?: 'missingDocuments' | 'cargoMissing';
  /** More Form.Items the page filters by. */
  extra?: ReactNode;
  /** Turns the form's values into the call's filter (e.g. a date range into from/to). */
  transform?(values: Filter): Filter;
  onSubmit(filter: Filter): void;
}

export function LedgerFilterBar(props: Props) {
  const { t } = useTranslation();
  const searchKey = props.searchKey ?? 'search';
  const submit = (values: Filter) => props.onSubmit(props.transform?.(values) ?? values);

  return (
    <Form layout="inline" onFinish={submit} className="ledger-filters">
      <Form.Item name={searchKey} label={t(`ledger.filter.${searchKey}`)}>
        <Input data-testid="ledger-search" allowClear maxLength={64}
          placeholder={props.searchHint} />
      </Form.Item>
      {props.stages && (
        <Form.Item name="stages" label={t('ledger.field.emissionStage')}>
          <Select data-testid="ledger-filter-stages" mode="multiple" allowClear
            className="ledger-filter-select"
            options={props.stages.map((code) => ({ value: code,
              label: t(`ledger.stage.${code}`) }))} />
        </Form.Item>
      )}
      {props.fuels && (
        <Form.Item name="fuels" label={t('ledger.field.fuel')}>
          <Select data-testid="ledger-filter-fuels" mode="multiple" allowClear
            className="ledger-filter-select"
            options={FUEL_CODES.map((code) => ({ value: code, label: t(`ledger.fuel.${code}`) }))}
          />
        </Form.Item>
      )}
      {props.fleet && (
        <Form.Item name="fleet" label={t('ledger.field.fleet')}>
          <Input data-testid="ledger-filter-fleet" allowClear maxLength={100} />
        </Form.Item>
      )}
      {props.extra}
      {props.missingKey && (
        <Form.Item name={props.missingKey} valuePropName="checked">
          <Checkbox data-testid="ledger-filter-missing">
            {t(`ledger.filter.${props.missingKey}`)}
          </Checkbox>
        </Form.Item>
      )}
      <Form.Item>
        <Button data-testid="ledger-filter-submit" type="primary" htmlType="submit">
          {t('ledger.filter.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
