// A refusal's reason or a failed export's code in the reader's language: the key's sentence
// under `reasons.` (or `playback.export.failure.`) with its values. A key the locales do not
// know yet falls back to the English the core sent, never to a bare key.
import type { ExportFailureView, Reason } from '../../electron/api/contract.ts';

/** i18next's `t`, as far as these texts need it. */
type Translate = (key: string, values: Record<string, string | number>) => string;

export function reasonText(reason: Reason, t: Translate, english: string): string {
  return t(`reasons.${reason.key}`, { ...reason.values, defaultValue: english });
}

export function exportFailureText(failure: ExportFailureView, t: Translate): string {
  return t(`playback.export.failure.${failure.code}`,
    { ...failure.values, defaultValue: failure.detail });
}
