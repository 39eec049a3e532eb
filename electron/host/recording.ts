// Starts a recorder for every camera configured to record: its RTSP address comes from the
// camera's ONVIF service, its segments are indexed and linked to the passages they cover.
import { join } from 'node:path';
import type { Db } from '../db/database.ts';
import { gateOfCamera, type SiteConfig } from '../config/site.ts';
import type { Logger } from '../log/logger.ts';
import { redactUrlCredentials, subsystemLogger } from '../log/logger.ts';
import { resolveFfmpeg, resolveFfprobe } from '../../native/ffmpeg.ts';
import { fetchStreamUri } from '../devices/onvif/onvif-client.ts';
import { Recorder } from '../recording/recorder.ts';
import { insertSegment } from '../recording/segments.ts';

/** ONVIF cameras answer in well under a second; a camera silent this long is unreachable. */
const ONVIF_TIMEOUT_MS = 5_000;

export interface RecorderState {
  state: 'recording' | 'failed';
  error: string | null;
  /** The camera's stream address without credentials, for the installer. */
  streamUrl: string | null;
}

export interface RecordingSet {
  skipped: Record<string, string>;
  states(): Map<string, RecorderState>;
  stop(): Promise<void>;
}

export async function startRecording(o: {
  site: SiteConfig; db: Db; dataDir: string; log: Logger;
}): Promise<RecordingSet> {
  const log = subsystemLogger(o.log, 'recorder');
  const cameras = o.site.cameras.filter((c) => c.record && c.onvif);
  const states = new Map<string, RecorderState>();
  const recorders: Recorder[] = [];
  const skipped: Record<string, string> = {};
  if (cameras.length === 0) return { skipped, states: () => states, stop: async () => {} };

  const ffmpeg = resolveFfmpeg(o.site.ffmpegPath);
  const ffprobe = resolveFfprobe(o.site.ffmpegPath);
  if (!ffmpeg || !ffprobe) {
    skipped.recording = 'ffmpeg/ffprobe not found (configured path, ffmpeg-static, PATH); ' +
      'Debian: apt-get install ffmpeg';
    log.warn(skipped.recording);
    return { skipped, states: () => states, stop: async () => {} };
  }

  for (const camera of cameras) {
    const gateId = gateOfCamera(o.site, camera.id);
    const uri = await fetchStreamUri({ ...camera.onvif!, timeoutMs: ONVIF_TIMEOUT_MS });
    if (!uri.ok) {
      states.set(camera.id, { state: 'failed', error: uri.error, streamUrl: null });
      log.error({ camera: camera.id, error: uri.error }, 'no stream address from ONVIF');
      continue;
    }

    const recorder = new Recorder({
      cameraId: camera.id,
      rtspUrl: uri.rtspUrl,
      dir: join(o.dataDir, 'recordings', camera.id),
      segmentSeconds: o.site.recording.segmentSeconds,
      ffmpeg: ffmpeg.path,
      ffprobe: ffprobe.path,
      onSegment: (seg) => {
        insertSegment(o.db, seg, gateId);
      },
      log: o.log,
    });
    recorder.start();
    recorders.push(recorder);
    states.set(camera.id, { state: 'recording', error: null,
      streamUrl: redactUrlCredentials(uri.rtspUrl) });
  }

  return {
    skipped,
    states: () => states,
    stop: async () => {
      await Promise.all(recorders.map((r) => r.stop()));
    },
  };
}
