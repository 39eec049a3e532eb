// Whether a camera answers on the network at all. A Hikvision or Dahua camera in push mode
// sends nothing while no truck comes, so silence says nothing; a TCP connection to its web or
// ONVIF port, opened and closed at once, does. The address is the one the site already knows:
// its ONVIF service, its event stream, its allowlist API or the barrier command it takes.
import { connect } from 'node:net';
import type { CameraConfig, SiteConfig } from '../../config/site.ts';
import type { DeviceFailure } from '../../api/contract/device-calls.ts';

/** A camera on the gate LAN accepts a connection in milliseconds; 3 s means it is not there. */
export const CAMERA_CONNECT_TIMEOUT_MS = 3_000;

export interface ReachTarget {
  host: string;
  port: number;
}

/** Where to knock for this camera, or null when the site names no HTTP address of it. */
export function cameraReachTarget(site: SiteConfig, camera: CameraConfig): ReachTarget | null {
  const barrierUrls = site.lanes.filter((l) => l.cameraId === camera.id)
    .map((l) => (l.barrier.kind === 'camera-command' ? l.barrier.url : undefined));
  const urls = [camera.onvif?.url, camera.stream?.url, camera.allowlist?.url, ...barrierUrls];
  for (const raw of urls) {
    if (!raw) continue;
    const url = new URL(raw);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
  }
  return null;
}

/**
 * Opens and closes one TCP connection; resolves with why it failed (in words and as a kind), or
 * null when it worked.
 */
export function knock(target: ReachTarget, timeoutMs = CAMERA_CONNECT_TIMEOUT_MS):
  Promise<{ reason: string; kind: DeviceFailure } | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const done = (failure: { reason: string; kind: DeviceFailure } | null) => {
      socket.destroy();
      resolve(failure);
    };
    socket.setTimeout(timeoutMs, () => done({ kind: 'no-answer',
      reason: `no answer from ${target.host}:${target.port} within ${timeoutMs} ms` }));
    socket.once('connect', () => done(null));
    socket.once('error', (err: NodeJS.ErrnoException) => done({ kind: 'link-down', reason:
      `${target.host}:${target.port} refused the connection (${err.code ?? err.message})` }));
  });
}
