// Who may push plate reads. Camera pushes carry no login, so a push is accepted only from the
// configured camera's address and, where the vendor reports one, with its configured serial.
import type { CameraConfig } from '../../config/site.ts';

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** `::ffff:192.0.2.21` (an IPv4 peer on a dual-stack socket) → `192.0.2.21`; IPv6 lower case. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = IPV4_MAPPED.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

/** True when the request's source address is the camera's configured address. */
export function isFromCamera(remoteAddress: string | undefined, camera: CameraConfig): boolean {
  if (!remoteAddress) return false;
  return normaliseAddress(remoteAddress) === normaliseAddress(camera.address);
}

/**
 * True unless both sides know a serial and they differ. MACs arrive as `00:00:5e:00:53:21`,
 * `00-00-5E-00-53-21` or bare hex depending on firmware, so separators and case are ignored.
 * A push with no serial at all is refused from a camera configured with one (a forger would
 * simply leave it out), unless the installer set `requireSerial: false` for firmware that
 * omits it on some pushes.
 */
export function serialMatches(camera: CameraConfig, reported: string | null): boolean {
  if (!camera.serialNo) return true;
  if (reported === null) return camera.requireSerial === false;
  return canonicalSerial(camera.serialNo) === canonicalSerial(reported);
}

function canonicalSerial(serial: string): string {
  return serial.trim().toLowerCase().replace(/[\s:.-]/g, '');
}
