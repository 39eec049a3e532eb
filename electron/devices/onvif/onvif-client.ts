// The one module that talks to the `onvif` package (0.8.x, CommonJS, callback API). It turns
// "device service URL + credentials" into the RTSP URL the recorder opens: connect (device time,
// services, profiles, video sources) → GetStreamUri (RTP-Unicast over RTSP) for the main profile.
// Errors come back as values with a sentence for the installer; credentials are never logged and
// never appear in an error message (the returned rtspUrl carries them, for ffmpeg only).
import { Cam, type CamProfile } from 'onvif';
import { redactUrlCredentials } from '../../log/logger.ts';
import { withRtspCredentials } from './rtsp-credentials.ts';

export interface FetchStreamUriOptions {
  /** Device service URL, e.g. http://192.0.2.31/onvif/device_service */
  url: string;
  username: string;
  password: string;
  /** For the whole exchange; also the per-request socket timeout. */
  timeoutMs: number;
  /** `main` (the default) for recording; `sub`, the smallest picture, for watching live. */
  stream?: 'main' | 'sub';
}

export interface OnvifProfile {
  token: string;
  name: string;
  width: number | null;
  height: number | null;
}

export type FetchStreamUriResult =
  | { ok: true; rtspUrl: string; profiles: OnvifProfile[] }
  | { ok: false; error: string };

export async function fetchStreamUri(
  options: FetchStreamUriOptions,
): Promise<FetchStreamUriResult> {
  let target: URL;
  try {
    target = new URL(options.url);
  } catch {
    return { ok: false, error: `Not a device service URL: ${redactUrlCredentials(options.url)}` };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { ok: false, error: `ONVIF needs an http(s) URL, got ${target.protocol}` };
  }

  const where = `${target.hostname}:${target.port || defaultPort(target)}`;
  const work = askCamera(target, options).catch((err: unknown) => failure(where, err));
  return withDeadline(work, options.timeoutMs, where);
}

/**
 * Connects as the installer typed it: WS-Security UsernameToken first, with timestamps on the
 * camera's own clock (the package reads GetSystemDateAndTime before anything else and keeps the
 * offset), then HTTP Digest when the camera answers 401 with a challenge (Digest-only firmware).
 */
export async function connectCam(target: URL, options: FetchStreamUriOptions): Promise<Cam> {
  // preserveAddress: cameras behind NAT or freshly re-addressed report service URLs with an IP
  // we cannot reach; the address the installer typed is the one that works.
  const cam = new Cam({
    hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(target.port || defaultPort(target)),
    path: target.pathname || '/onvif/device_service',
    useSecure: target.protocol === 'https:',
    username: options.username,
    password: options.password,
    timeout: options.timeoutMs,
    autoconnect: false,
    preserveAddress: true,
  });
  cam.on('warning', () => undefined);

  await new Promise<void>((resolve, reject) => {
    cam.connect((err) => (err ? reject(err) : resolve()));
  });
  return cam;
}

async function askCamera(
  target: URL,
  options: FetchStreamUriOptions,
): Promise<FetchStreamUriResult> {
  const cam = await connectCam(target, options);
  const profiles = (cam.profiles ?? []).map(describeProfile).filter((p) => p.token !== '');
  const chosen = options.stream === 'sub' ? subProfile(profiles) : profiles[0];
  if (!chosen) return { ok: false, error: 'The camera reported no media profiles' };

  const stream = await new Promise<{ uri?: unknown }>((resolve, reject) => {
    const setup = { protocol: 'RTSP', stream: 'RTP-Unicast', profileToken: chosen.token };
    cam.getStreamUri(setup, (err, data) => (err ? reject(err) : resolve(data ?? {})));
  });
  if (typeof stream.uri !== 'string' || !/^rtsps?:\/\//i.test(stream.uri)) {
    return { ok: false, error: `Profile "${chosen.name}" has no RTSP stream URI` };
  }

  const rtspUrl = withRtspCredentials(stream.uri.trim(), options.username, options.password);
  return { ok: true, rtspUrl, profiles };
}

/**
 * The sub-stream: the profile with the smallest picture. Cameras list the main stream first and
 * do not name the others consistently (SubStream, Profile_2, 子码流), so size decides; a profile
 * without a reported size comes after those with one, and a lone profile is its own sub-stream.
 */
export function subProfile(profiles: readonly OnvifProfile[]): OnvifProfile | undefined {
  const area = (p: OnvifProfile) =>
    p.width !== null && p.height !== null ? p.width * p.height : Number.POSITIVE_INFINITY;
  let best = profiles[0];
  for (const p of profiles.slice(1)) if (best && area(p) < area(best)) best = p;
  return best;
}

export function describeProfile(profile: CamProfile): OnvifProfile {
  const attributes = (profile as { $?: { token?: unknown } }).$;
  const resolution = (profile.videoEncoderConfiguration as { resolution?: Record<string, unknown> })
    ?.resolution;
  return {
    token: typeof attributes?.token === 'string' ? attributes.token : '',
    name: typeof profile.name === 'string' ? profile.name : String(profile.name ?? ''),
    width: typeof resolution?.width === 'number' ? resolution.width : null,
    height: typeof resolution?.height === 'number' ? resolution.height : null,
  };
}

/** Turns what the library throws into a sentence an installer can act on. */
export function failure(where: string, err: unknown): { ok: false; error: string } {
  const message = redactUrlCredentials(err instanceof Error ? err.message : String(err));
  const code = (err as { code?: unknown }).code;

  if (/not ?authori[sz]ed|digest authentication failed|401/i.test(message)) {
    return { ok: false, error: `The camera at ${where} refused the user name or password` };
  }
  if (code === 'ECONNREFUSED') {
    return { ok: false, error: `Nothing answers ONVIF at ${where} (connection refused)` };
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND') {
    return { ok: false, error: `The camera at ${where} cannot be reached (${String(code)})` };
  }
  if (/timeout/i.test(message)) {
    return { ok: false, error: `The camera at ${where} did not answer in time` };
  }
  return { ok: false, error: `ONVIF error from ${where}: ${message}` };
}

export function withDeadline<T>(
  work: Promise<T | { ok: false; error: string }>,
  timeoutMs: number,
  where: string,
): Promise<T | { ok: false; error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ok: false; error: string }>((resolve) => {
    timer = setTimeout(() => {
      resolve({ ok: false, error: `The camera at ${where} did not answer within ${timeoutMs} ms` });
    }, timeoutMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function defaultPort(url: URL): string {
  return url.protocol === 'https:' ? '443' : '80';
}
