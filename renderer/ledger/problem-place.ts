// Where an import problem sits, as the officer finds it in Excel: the column letter and the
// sheet's own header. A column the sheet lacks has neither; the core then names its field, and
// the reader is told which column is missing in their own language, not the field's code.

/** i18next's `t`, as far as this text needs it. */
type Translate = (key: string, values: Record<string, string>) => string;

export function problemPlace(problem: { column: string; header: string }, t: Translate): string {
  if (problem.column !== '') return `${problem.column} (${problem.header})`;

  const field = t(`ledger.field.${problem.header}`, { defaultValue: problem.header });
  return t('ledger.import.noColumn', { field });
}
