// Gathers the facts of a heartbeat (M7) from the running host: the lanes' barriers, the cameras'
// last pushes and recorders, the data disk and the outbox.
import type { SiteConfig } from '../../config/site.ts';
import type { Db } from '../../db/database.ts';
import { outboxCounts } from '../outbox.ts';
import { buildHeartbeat, diskSpace, type DeviceState, type HeartbeatMessage } from './heartbeat.ts';
import { lastAcknowledgedAt } from './ledger-rows.ts';

/**
 * A camera that pushed a plate within ten minutes is online. One quiet for longer may simply
 * have had no traffic (a night shift), so the heartbeat says "unknown" rather than "offline".
 */
export const CAMERA_QUIET_MS = 10 * 60_000;

export interface HeartbeatSources {
  db: Db;
  site: SiteConfig;
  softwareVersion: string;
  /** The data folder: its disk holds the ledger, the photos and the recordings. */
  dataDir: string;
  barriers(): Array<{ id: string; barrierState: string; barrierError: string | null }>;
  lastPushAt: ReadonlyMap<string, number>;
  recorders(): ReadonlyMap<string, { state: string; error: string | null }>;
  now?: () => number;
}

/** A function that builds a fresh heartbeat each time it is called. */
export function heartbeatSource(s: HeartbeatSources): () => Promise<HeartbeatMessage> {
  const now = s.now ?? Date.now;

  return async () => {
    const at = now();
    const facts = {
      systemId: s.site.platform.appId,
      enterpriseCode: s.site.enterprise.code,
      softwareVersion: s.softwareVersion,
      devices: [...cameraStates(s, at), ...barrierStates(s), ...recorderStates(s)],
      disk: await diskSpace(s.dataDir),
      lastUploadAt: lastAcknowledgedAt(s.db),
      pending: outboxCounts(s.db).pending,
    };
    return buildHeartbeat(facts, at);
  };
}

function cameraStates(s: HeartbeatSources, at: number): DeviceState[] {
  return s.site.cameras.map((camera) => {
    const pushedAt = s.lastPushAt.get(camera.id);
    const recent = pushedAt !== undefined && at - pushedAt <= CAMERA_QUIET_MS;
    return { deviceId: camera.id, kind: 'camera', online: recent ? true : null, detail: null };
  });
}

function barrierStates(s: HeartbeatSources): DeviceState[] {
  return s.barriers().map((lane) => ({
    deviceId: lane.id, kind: 'barrier',
    online: lane.barrierState !== 'error', detail: lane.barrierError,
  }));
}

function recorderStates(s: HeartbeatSources): DeviceState[] {
  return [...s.recorders()].map(([cameraId, r]) => ({
    deviceId: cameraId, kind: 'recorder', online: r.state === 'recording', detail: r.error,
  }));
}
