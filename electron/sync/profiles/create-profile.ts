// Picks and builds the platform profile the site configuration names. A new profile is one
// more case here, its adapter under profiles/, and its data file under resources/platforms.
import type { PlatformSettings } from '../../config/site.ts';
import { subsystemLogger, type Logger } from '../../log/logger.ts';
import type { HeartbeatMessage } from '../messages/heartbeat.ts';
import { createReferenceDownlink } from '../downlink.ts';
import { createReferenceProfile } from '../reference-profile.ts';
import { loadPlatformTable } from './code-tables.ts';
import { createHttpTokenProfile } from './http-token/profile.ts';
import type { HeartbeatListener } from './heartbeat-loop.ts';
import { createPhotoFitter } from './photo-fit.ts';
import type { PlatformProfile } from './profile.ts';
import { createTcpFramesProfile } from './tcp-frames/profile.ts';
import type { PhotoReader } from './wire-codes.ts';

export interface ProfileDeps {
  log: Logger;
  /** Builds a fresh heartbeat (M7); every profile sends one each interval when given this
   * (tcp-frames cannot run without it). */
  heartbeat?: () => Promise<HeartbeatMessage>;
  /** Photo bytes by SHA-256, for profiles that embed images (http-token). */
  readPhoto?: PhotoReader;
  /** The site's `ffmpegPath`, for re-encoding photos above a platform's size limit. */
  ffmpegPath?: string;
  /** What each heartbeat came to: answered (with the platform's clock) or why not. */
  onHeartbeat?: HeartbeatListener;
}

export function createPlatformProfile(settings: PlatformSettings, deps: ProfileDeps):
  PlatformProfile {
  const endpoint = { url: settings.url, appId: settings.appId, secret: settings.secret };
  const profile = settings.profile ?? 'reference';
  const table = settings.codeTable ? loadPlatformTable(settings.codeTable) : undefined;
  // Absent, each profile keeps its own default interval.
  const heartbeatMs = settings.heartbeatSeconds === undefined ? undefined
    : settings.heartbeatSeconds * 1_000;
  const beats = { heartbeat: deps.heartbeat, heartbeatMs, onHeartbeat: deps.onHeartbeat };

  if (profile === 'reference') {
    const log = subsystemLogger(deps.log, 'sync');
    return { ...createReferenceProfile(endpoint, { readPhoto: deps.readPhoto, log, ...beats }),
      downlink: createReferenceDownlink(endpoint, deps.log) };
  }

  // Only the profiles that embed photos re-encode them; ffmpeg is looked up once, here.
  const fitPhoto = createPhotoFitter({ log: subsystemLogger(deps.log, 'sync'),
    ffmpegPath: deps.ffmpegPath });
  if (profile === 'http-token') {
    return createHttpTokenProfile(endpoint,
      { table, readPhoto: deps.readPhoto, fitPhoto, log: deps.log, ...beats });
  }

  if (!deps.heartbeat) throw new Error('the tcp-frames profile needs a heartbeat source');
  return createTcpFramesProfile(endpoint, {
    table, readPhoto: deps.readPhoto, fitPhoto, log: deps.log, ...beats,
    heartbeat: deps.heartbeat,
  });
}
