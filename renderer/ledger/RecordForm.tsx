// Creating or editing a registry record. The contract's checks run before sending; the core's
// checks (plate grammar, VIN check digit, stage against fuel and registration date) come back
// as issues and are shown at their field. Errors block the save; warnings are saved and shown.
import { useState } from 'react';
import { Alert, Button, Col, Form, Row, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ApiError, DocumentView, FieldIssue, Result } from '../../electron/api/contract.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { pickText, useLanguage } from '../i18n/use-language.ts';
import { DocumentEditor } from './DocumentEditor.tsx';
import { FieldInput } from './FieldInput.tsx';
import { coreIssues, schemaIssues, type FieldMessages } from './field-issues.ts';
import type { FieldSpec } from './field-specs.ts';
import { fromFormValues, toFormValues, type FormValues } from './form-values.ts';

export type Saved = { record: unknown; issues: FieldIssue[] };

interface Props {
  specs: readonly FieldSpec[];
  schema: z.ZodType;
  documentKinds: readonly DocumentView['kind'][];
  /** The record being edited, with its documents; null for a new one. */
  record: (FormValues & { documents: DocumentView[] }) | null;
  save(fields: FormValues): Promise<Result<Saved>>;
  /** The core's check without saving, where the ledger has one. */
  validate?(fields: FormValues): Promise<Result<FieldIssue[]>>;
  onSaved(): void;
}

export function RecordForm(props: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<FormValues>();
  const [documents, setDocuments] = useState<DocumentView[]>(props.record?.documents ?? []);
  const [error, setError] = useState<ApiError | null>(null);
  const [unplaced, setUnplaced] = useState<FieldIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const names = new Set(props.specs.map((spec) => spec.key));

  const fieldsOf = (values: FormValues) => ({ ...fromFormValues(props.specs, values),
    documents: documents.map(({ kind, sha256 }) => ({ kind, sha256 })) });

  /** Marks each field with its messages; issues of no field on the form are listed below. */
  const show = (messages: FieldMessages[], issues: readonly FieldIssue[] = []) => {
    form.setFields(props.specs.map((spec) => {
      const found = messages.find((entry) => entry.name === spec.key);
      return { name: spec.key, errors: found?.errors ?? [], warnings: found?.warnings ?? [] };
    }));
    setUnplaced(issues.filter((issue) => !names.has(issue.field)));
  };

  const run = async (kind: 'save' | 'validate') => {
    setError(null);
    const fields = fieldsOf(form.getFieldsValue(true));
    const local = schemaIssues(props.schema, fields, t);
    if (local.length > 0) return show(local);

    setBusy(true);
    const result = kind === 'save' || !props.validate ? await props.save(fields)
      : await props.validate(fields);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    const issues = Array.isArray(result.value) ? result.value : result.value.issues;
    show(coreIssues(issues, language), issues);
    if (kind === 'save' && !Array.isArray(result.value) && result.value.record !== null) {
      props.onSaved();
    }
  };

  return (
    <Form form={form} layout="vertical" data-testid="ledger-form"
      initialValues={toFormValues(props.specs, props.record)}
      onFinish={() => void run('save')}>
      <Row gutter={16}>
        {props.specs.map((spec) => (
          <Col key={spec.key} xs={24} md={12}>
            <Form.Item name={spec.key} label={t(`ledger.field.${spec.key}`)}
              rules={spec.required ? [{ required: true, message: t('ledger.form.required') }]
                : []}>
              <FieldInput spec={spec} disabled={spec.identity === true && props.record !== null}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item label={t('ledger.field.documents')}>
        <DocumentEditor kinds={props.documentKinds} value={documents}
          onChange={setDocuments} />
      </Form.Item>
      {unplaced.map((issue) => (
        <Alert key={`${issue.field}-${issue.code}`} showIcon className="ledger-form-issue"
          type={issue.severity === 'error' ? 'error' : 'warning'}
          title={pickText(language, issue.zh, issue.en)} />
      ))}
      {error !== null && <ApiErrorAlert error={error} />}
      <Space>
        {props.validate && (
          <Button data-testid="ledger-form-validate" disabled={busy}
            onClick={() => void run('validate')}>
            {t('ledger.form.validate')}
          </Button>
        )}
        <Button data-testid="ledger-form-save" type="primary" htmlType="submit" loading={busy}>
          {t('ledger.form.save')}
        </Button>
      </Space>
    </Form>
  );
}
