// How a ledger row's codes read in a table or drawer: the stage as 国五, fuel as B 柴油, the
// documents on file (or that the regulation's one is missing), the checks that only warn.
import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentView, FieldIssue } from '../../electron/api/contract.ts';
import { pickText, useLanguage } from '../i18n/use-language.ts';

/** Stages the rules of an A/B-level plant still admit in alerts are shown green. */
const CLEAN_STAGES = new Set(['5', '6', 'D']);

export function StageTag({ stage }: { stage: string | null }) {
  const { t } = useTranslation();
  if (stage === null) return <Tag>—</Tag>;
  return <Tag color={CLEAN_STAGES.has(stage) ? 'green' : 'orange'}>{t(`ledger.stage.${stage}`,
    { defaultValue: stage })}</Tag>;
}

export function FuelText({ fuel }: { fuel: string | null }) {
  const { t } = useTranslation();
  if (fuel === null || fuel === '') return <>—</>;
  return <>{`${fuel} ${t(`ledger.fuel.${fuel}`, { defaultValue: '' })}`.trim()}</>;
}

/**
 * The documents on file; "missing" when none of the kinds the regulation accepts is there
 * (a vehicle needs its licence or its 随车清单, a machine its engine nameplate).
 */
export function DocumentsTag(props: {
  documents: readonly DocumentView[];
  required: readonly DocumentView['kind'][];
}) {
  const { t } = useTranslation();
  const has = props.documents.some((doc) => props.required.includes(doc.kind));
  if (!has) {
    return <Tag color="red" data-testid="ledger-docs-missing">{t('ledger.docsMissing')}</Tag>;
  }
  return <Tag color="blue">{t('ledger.docsCount', { count: props.documents.length })}</Tag>;
}

export function WarningsTag({ warnings }: { warnings: readonly FieldIssue[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (warnings.length === 0) return null;
  return (
    <Tooltip title={<Space orientation="vertical" size={0}>
      {warnings.map((w) => <span key={`${w.field}-${w.code}`}>{pickText(language, w.zh, w.en)}
      </span>)}
    </Space>}>
      <Tag color="gold">{t('ledger.warnings', { count: warnings.length })}</Tag>
    </Tooltip>
  );
}
