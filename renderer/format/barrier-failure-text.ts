// Why a barrier did not open, as the guard reads it: the failure's kind in the page's language.
// The driver's own sentence is the installer's detail, shown beside it, never instead of it.
import type { BarrierFailure } from '../../electron/api/contract.ts';

/** i18next's `t`, as far as this text needs it. */
type Translate = (key: string, values: Record<string, string>) => string;

export function barrierFailureText(failure: BarrierFailure | null, t: Translate): string {
  return t(`barrierFailure.${failure ?? 'other'}`, {});
}

/** The device's own words, labelled, or null when it said nothing. */
export function barrierDetailText(detail: string | null, t: Translate): string | null {
  return detail ? t('barrierFailure.detail', { detail }) : null;
}
