// Why a device is down, as the Lanes page says it: silence in the reader's language, a driver's
// own error (a Modbus exception, a refused connection) as the device gave it, for the installer.
// TODO(#3): a kind for these too, as barrier failures have (api/contract/barrier-failures.ts).
import { silenceSeconds } from '../../electron/api/contract.ts';

/** i18next's `t`, as far as this text needs it. */
type Translate = (key: string, values: Record<string, string>) => string;

export function deviceReasonText(reason: string, t: Translate): string {
  const seconds = silenceSeconds(reason);
  return seconds === null ? reason : t('devices.silent', { seconds: String(seconds) });
}
