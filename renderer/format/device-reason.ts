// Why a device is down, as the Lanes page says it: the failure's kind in the reader's language
// (silence with its seconds), then the driver's own words (a Modbus exception, a refused
// connection) as the device gave them, for the installer.
import { silenceSeconds, type DeviceFailure } from '../../electron/api/contract.ts';

/** i18next's `t`, as far as this text needs it. */
type Translate = (key: string, values: Record<string, string>) => string;

export function deviceReasonText(reason: string, failure: DeviceFailure | null,
  t: Translate): string {
  const seconds = silenceSeconds(reason);
  if (seconds !== null) return t('devices.silent', { seconds: String(seconds) });
  // A row stored before kinds were kept says only the driver's words.
  if (failure === null || failure === 'silent') return reason;

  const kind = t(`devices.failure.${failure}`, {});
  return t('devices.failureWith', { kind, detail: reason });
}
