// Problems shown at the field they concern: the contract's own checks (run in the browser
// before sending, so a too-long VIN is named at once) and the core's issues (a wrong check
// digit, a plate that is no plate), each in the reader's language.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { FieldIssue } from '../../electron/api/contract.ts';
import type { Language } from '../i18n/i18n.ts';
import { pickText } from '../i18n/use-language.ts';

export interface FieldMessages {
  name: string;
  errors: string[];
  warnings: string[];
}

/** The contract's schema over the fields; one message per field that breaks it. */
export function schemaIssues(schema: z.ZodType, fields: unknown, t: TFunction): FieldMessages[] {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return [];

  const byField = new Map<string, string[]>();
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? '');
    const detail = issue as { maximum?: unknown; minimum?: unknown };
    const message = t(`ledger.form.invalid.${issue.code}`, {
      defaultValue: t('ledger.form.invalid.other'),
      max: String(detail.maximum ?? ''), min: String(detail.minimum ?? ''),
    });
    byField.set(name, [...(byField.get(name) ?? []), message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors, warnings: [] }));
}

/** The core's issues grouped by field; errors block a save, warnings only tell. */
export function coreIssues(issues: readonly FieldIssue[], language: Language): FieldMessages[] {
  const byField = new Map<string, FieldMessages>();
  for (const issue of issues) {
    const entry = byField.get(issue.field) ?? { name: issue.field, errors: [], warnings: [] };
    const text = pickText(language, issue.zh, issue.en);
    if (issue.severity === 'error') entry.errors.push(text);
    else entry.warnings.push(text);
    byField.set(issue.field, entry);
  }
  return [...byField.values()];
}
