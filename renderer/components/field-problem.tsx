// A field's problem under the field, the antd way: the item turns red and the reason's sentence
// (from `reasons.` in the locales) is its help, with a test id of `<testId>-error`.
import type { FormItemProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Reason } from '../../electron/api/contract.ts';
import { reasonText } from '../format/reason-text.ts';

export function fieldProblemProps(problem: Reason | undefined, testId: string,
  t: TFunction): Pick<FormItemProps, 'validateStatus' | 'help'> {
  if (!problem) return {};
  return { validateStatus: 'error',
    help: <span data-testid={`${testId}-error`}>{reasonText(problem, t, problem.key)}</span> };
}
