// Picks and builds the platform profile the site configuration names. A new profile is one
// more case here, its adapter under profiles/, and its data file under resources/platforms.
import type { PlatformSettings } from '../../config/site.ts';
import { subsystemLogger, type Logger } from '../../log/logger.ts';
import type { HeartbeatMessage } from '../messages/heartbeat.ts';
import { createReferenceDownlink } from '../downlink.ts';
import { createReferenceProfile } from '../reference-profile.ts';
import { loadPlatformTable } from './code-tables.ts';
import { createHttpTokenProfile } from './http-token/profile.ts';
import { createPhotoFitter } from './photo-fit.ts';
import type { PlatformProfile } from './profile.ts';
import { createTcpFramesProfile } from './tcp-frames/profile.ts';
import type { PhotoReader } from './wire-codes.ts';

export interface ProfileDeps {
  log: Logger;
  /** Builds a fresh heartbeat (M7); needed by profiles that send heartbeats (tcp-frames). */
  heartbeat?: () => Promise<HeartbeatMessage>;
  /** Photo bytes by SHA-256, for profiles that embed images (http-token). */
  readPhoto?: PhotoReader;
  /** The site's `ffmpegPath`, for re-encoding photos above a platform's size limit. */
  ffmpegPath?: string;
  /** The platform answered a heartbeat (profiles that keep a link open). */
  onHeartbeatAck?: (answeredAt: number, platformTime: number | undefined) => void;
}

export function createPlatformProfile(settings: PlatformSettings, deps: ProfileDeps):
  PlatformProfile {
  const endpoint = { url: settings.url, appId: settings.appId, secret: settings.secret };
  const profile = settings.profile ?? 'reference';
  const table = settings.codeTable ? loadPlatformTable(settings.codeTable) : undefined;

  if (profile === 'reference') {
    const log = subsystemLogger(deps.log, 'sync');
    return { ...createReferenceProfile(endpoint, { readPhoto: deps.readPhoto, log }),
      downlink: createReferenceDownlink(endpoint, deps.log) };
  }

  // Only the profiles that embed photos re-encode them; ffmpeg is looked up once, here.
  const fitPhoto = createPhotoFitter({ log: subsystemLogger(deps.log, 'sync'),
    ffmpegPath: deps.ffmpegPath });
  if (profile === 'http-token') {
    return createHttpTokenProfile(endpoint,
      { table, readPhoto: deps.readPhoto, fitPhoto, log: deps.log });
  }

  if (!deps.heartbeat) throw new Error('the tcp-frames profile needs a heartbeat source');
  return createTcpFramesProfile(endpoint, {
    table, heartbeat: deps.heartbeat, readPhoto: deps.readPhoto, fitPhoto, log: deps.log,
    onHeartbeatAck: deps.onHeartbeatAck,
    heartbeatMs: settings.heartbeatSeconds === undefined ? undefined
      : settings.heartbeatSeconds * 1_000,
  });
}
