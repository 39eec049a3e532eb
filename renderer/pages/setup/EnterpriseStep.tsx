// Step 1: the enterprise as the city platform knows it. The credit code's check character and
// the region code are checked here as typed, and again by the core when the site is saved.
import { Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { INDUSTRIES, checkRegionCode, checkUscc } from '../../../electron/api/contract.ts';

const LEVELS = ['A', 'B', 'B-', 'C', 'D', 'leading', 'unrated'] as const;

export function EnterpriseStep() {
  const { t } = useTranslation();
  const codeRule = (check: typeof checkUscc, key: string) => ({
    validator: async (_: unknown, value: string | undefined) => {
      const result = check((value ?? '').trim().toUpperCase());
      if (!result.ok) throw new Error(t(`wizard.enterprise.${key}.${result.reason}`));
    },
  });

  return (
    <>
      <Form.Item name={['enterprise', 'name']} label={t('wizard.enterprise.name')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('wizard.required') }]}>
        <Input data-testid="wizard-enterprise-name" />
      </Form.Item>
      <Form.Item name={['enterprise', 'code']} label={t('wizard.enterprise.code')}
        extra={t('wizard.enterprise.codeHelp')}
        rules={[{ required: true, whitespace: true, message: t('wizard.required') }]}>
        <Input data-testid="wizard-enterprise-code" />
      </Form.Item>
      <Form.Item name={['enterprise', 'uscc']} label={t('wizard.enterprise.uscc')}
        rules={[codeRule(checkUscc, 'usccRule')]}>
        <Input data-testid="wizard-enterprise-uscc" maxLength={18} />
      </Form.Item>
      <Form.Item name={['enterprise', 'regionCode']} label={t('wizard.enterprise.regionCode')}
        rules={[codeRule(checkRegionCode, 'regionRule')]}>
        <Input data-testid="wizard-enterprise-region" maxLength={6} />
      </Form.Item>
      <Form.Item name={['enterprise', 'industry']} label={t('wizard.enterprise.industry')}>
        <Select data-testid="wizard-enterprise-industry"
          options={INDUSTRIES.map((i) => ({ value: i, label: t(`wizard.industry.${i}`) }))} />
      </Form.Item>
      <Form.Item name={['enterprise', 'performanceLevel']} label={t('wizard.enterprise.level')}>
        <Radio.Group data-testid="wizard-enterprise-level" optionType="button"
          options={LEVELS.map((l) => ({ value: l, label: t(`wizard.level.${l}`) }))} />
      </Form.Item>
    </>
  );
}
