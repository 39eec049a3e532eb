// What the installer sees of a camera before assigning it to a lane: maker, model, serial
// number, its clock against ours, its profiles and the stream and snapshot addresses. The
// addresses come back without credentials; the snapshot module adds them when it fetches.
import { redactUrlCredentials } from '../../log/logger.ts';
import {
  connectCam, defaultPort, describeProfile, failure, withDeadline, type FetchStreamUriOptions,
  type OnvifProfile,
} from './onvif-client.ts';

export interface CameraProbe {
  manufacturer: string;
  model: string;
  serialNumber: string;
  firmware: string;
  /** Camera clock minus ours: large for a camera at 1970, ±8 h for local time sent as UTC. */
  clockOffsetMs: number;
  profiles: OnvifProfile[];
  streamUri: string | null;
  snapshotUri: string | null;
}

export type CameraProbeResult = ({ ok: true } & CameraProbe) | { ok: false; error: string };

export async function probeCamera(options: FetchStreamUriOptions): Promise<CameraProbeResult> {
  let target: URL;
  try {
    target = new URL(options.url);
  } catch {
    return { ok: false, error: `Not a device service URL: ${redactUrlCredentials(options.url)}` };
  }
  const where = `${target.hostname}:${target.port || defaultPort(target)}`;
  const work = askCamera(target, options).catch((err: unknown) => failure(where, err));
  return withDeadline<CameraProbeResult>(work, options.timeoutMs, where);
}

async function askCamera(target: URL, options: FetchStreamUriOptions):
  Promise<CameraProbeResult> {
  const cam = await connectCam(target, options);
  const cameraTime = await ask<Date>((cb) => cam.getSystemDateAndTime(cb));
  const clockOffsetMs = cameraTime instanceof Date ? cameraTime.getTime() - Date.now() : 0;
  const info: Record<string, unknown> =
    await ask<Record<string, unknown>>((cb) => cam.getDeviceInformation(cb)) ?? {};
  const profiles = (cam.profiles ?? []).map(describeProfile).filter((p) => p.token !== '');

  // Some cameras answer the stream but not the snapshot (or the reverse): each is optional.
  const main = profiles[0];
  const stream = main ? await ask<{ uri?: unknown }>((cb) => cam.getStreamUri(
    { protocol: 'RTSP', stream: 'RTP-Unicast', profileToken: main.token }, cb)).catch(() => null)
    : null;
  const snapshot = main ? await ask<{ uri?: unknown }>((cb) =>
    cam.getSnapshotUri({ profileToken: main.token }, cb)).catch(() => null) : null;

  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
  const uri = (v: { uri?: unknown } | null | undefined) =>
    (typeof v?.uri === 'string' ? redactUrlCredentials(v.uri.trim()) : null);
  return {
    ok: true,
    manufacturer: text(info.manufacturer),
    model: text(info.model),
    serialNumber: text(info.serialNumber),
    firmware: text(info.firmwareVersion),
    clockOffsetMs,
    profiles,
    streamUri: uri(stream),
    snapshotUri: uri(snapshot),
  };
}

/** The package's callback calls as promises. */
function ask<T>(start: (cb: (err: Error | null, value?: T) => void) => void):
  Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    start((err, value) => (err ? reject(err) : resolve(value)));
  });
}
