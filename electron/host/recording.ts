// Starts recording for every camera configured to record: its RTSP address comes from the
// camera's ONVIF service, a supervisor keeps one recorder per camera running and writes every
// gap, and the storage monitor keeps the footage within retention and the disks from filling.
import type { Db } from '../db/database.ts';
import { gateOfCamera, type SiteConfig } from '../config/site.ts';
import type { Logger } from '../log/logger.ts';
import { subsystemLogger } from '../log/logger.ts';
import { resolveFfmpeg, resolveFfprobe } from '../../native/ffmpeg.ts';
import { fetchStreamUri } from '../devices/onvif/onvif-client.ts';
import type { LiveSources } from '../recording/live-source.ts';
import { RecorderSupervisor, type CameraStatus } from '../recording/supervisor.ts';
import { statfsSource, type FreeSpaceSource } from '../storage/free-space.ts';
import { StorageMonitor, type StorageReport } from '../storage/monitor.ts';
import { cameraDir, chooseRoot } from '../storage/roots.ts';

/** ONVIF cameras answer in well under a second; a camera silent this long is unreachable. */
const ONVIF_TIMEOUT_MS = 5_000;

export interface RecorderState {
  state: string;
  error: string | null;
  /** The camera's stream address without credentials, for the installer. */
  streamUrl: string | null;
  h265: boolean;
}

export interface RecordingSet {
  skipped: Record<string, string>;
  /** Per camera, for the health report and the platform heartbeat. */
  states(): Map<string, RecorderState>;
  statuses(): CameraStatus[];
  liveSources: LiveSources | null;
  storage: StorageMonitor | null;
  /** The storage roots in use (the first is the default). */
  roots: string[];
  stop(): Promise<void>;
}

const NOTHING: LiveSources = { get: () => null };

export async function startRecording(o: {
  site: SiteConfig; db: Db; dataDir: string; log: Logger; freeSpace?: FreeSpaceSource;
}): Promise<RecordingSet> {
  const log = subsystemLogger(o.log, 'recorder');
  const cameras = o.site.cameras.filter((c) => c.record && c.onvif);
  const roots = o.site.recording.roots ?? [o.dataDir];
  const skipped: Record<string, string> = {};
  const idle = (): RecordingSet => ({ skipped, states: () => new Map(), statuses: () => [],
    liveSources: NOTHING, storage: null, roots, stop: async () => {} });
  if (cameras.length === 0) return idle();

  const ffmpeg = resolveFfmpeg(o.site.ffmpegPath);
  const ffprobe = resolveFfprobe(o.site.ffmpegPath);
  if (!ffmpeg || !ffprobe) {
    skipped.recording = 'ffmpeg/ffprobe not found (configured path, ffmpeg-static, PATH); ' +
      'Debian: apt-get install ffmpeg';
    log.warn(skipped.recording);
    return idle();
  }

  const freeSpace = o.freeSpace ?? statfsSource;
  const supervisor = new RecorderSupervisor({ db: o.db, ffmpeg: ffmpeg.path,
    ffprobe: ffprobe.path, segmentSeconds: o.site.recording.segmentSeconds, log });
  const storage = new StorageMonitor({ db: o.db, roots, cameraIds: cameras.map((c) => c.id),
    freeSpace, log: subsystemLogger(o.log, 'storage'),
    onRootLow: (low, roomy) => moveOffRoot(supervisor, low, roomy[0]!) });

  for (const camera of cameras) {
    const uri = await fetchStreamUri({ ...camera.onvif!, timeoutMs: ONVIF_TIMEOUT_MS });
    if (!uri.ok) {
      log.error({ camera: camera.id, error: uri.error }, 'no stream address from ONVIF');
      supervisor.markFailed(camera.id, `no stream address from ONVIF: ${uri.error}`);
      continue;
    }
    const root = await chooseRoot(roots, freeSpace, log);
    if (!root) {
      supervisor.markFailed(camera.id, `no usable storage root among ${roots.join(', ')}`);
      continue;
    }

    await supervisor.start({ id: camera.id, gateId: gateOfCamera(o.site, camera.id),
      rtspUrl: uri.rtspUrl, root, dir: cameraDir(root, camera.id),
      shareLive: camera.shareRtspSession === true });
  }
  storage.start();

  return {
    skipped,
    states: () => new Map(supervisor.statuses().map((s) => [s.cameraId, {
      state: s.state,
      error: s.openGap ? `${s.openGap.cause}: ${s.openGap.detail ?? ''}`.trim() : null,
      streamUrl: s.streamUrl,
      h265: s.h265,
    }])),
    statuses: () => supervisor.statuses(),
    liveSources: supervisor.liveSources(),
    storage,
    roots,
    // The storage check first: a pass in flight may be moving a camera, which must not start a
    // recorder after the supervisor stopped them all.
    stop: async () => {
      await storage.stop();
      await supervisor.stop();
    },
  };
}

/** Every camera writing to a root that is filling up goes on recording on one with room. */
async function moveOffRoot(supervisor: RecorderSupervisor, low: string, to: string):
  Promise<void> {
  const why = `storage root ${low} below its safety margin; recording moved to ${to}`;
  for (const [cameraId, root] of supervisor.roots()) {
    if (root === low) await supervisor.move(cameraId, to, cameraDir(to, cameraId), why);
  }
}

export type { StorageReport };
