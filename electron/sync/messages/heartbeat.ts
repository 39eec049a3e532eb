// M7, the heartbeat (心跳 / 设备状态, domain.md §2.3): this gate system telling the platform
// it is alive — which software, each device's state, disk space and when the platform last
// acknowledged an upload. Sent on a timer by profiles that keep a link open; never queued in the
// outbox, since an old heartbeat says nothing worth delivering later.
import { statfs } from 'node:fs/promises';
import { z } from 'zod';

export const deviceStateSchema = z.object({
  deviceId: z.string().min(1),
  kind: z.enum(['camera', 'barrier', 'recorder']),
  /** null when the gate cannot tell (a camera that has simply had no traffic). */
  online: z.boolean().nullable(),
  detail: z.string().nullable(),
});
export type DeviceState = z.infer<typeof deviceStateSchema>;

export const heartbeatMessageSchema = z.object({
  /** This gate system's id at the platform (the app id). */
  systemId: z.string().min(1),
  enterpriseCode: z.string().min(1),
  softwareVersion: z.string().min(1),
  sentAt: z.number().int(),
  devices: z.array(deviceStateSchema),
  /** Space on the data disk (evidence and recordings live there); null when unreadable. */
  disk: z.object({ freeBytes: z.number().int().min(0), totalBytes: z.number().int().min(0) })
    .nullable(),
  /** When the platform last acknowledged one of our messages (UTC epoch ms). */
  lastUploadAt: z.number().int().nullable(),
  /** Messages waiting in the outbox. */
  pending: z.number().int().min(0),
});
export type HeartbeatMessage = z.infer<typeof heartbeatMessageSchema>;

export interface HeartbeatFacts {
  systemId: string;
  enterpriseCode: string;
  softwareVersion: string;
  devices: DeviceState[];
  disk: HeartbeatMessage['disk'];
  lastUploadAt: number | null;
  pending: number;
}

export function buildHeartbeat(facts: HeartbeatFacts, sentAt: number): HeartbeatMessage {
  return { ...facts, devices: [...facts.devices], sentAt };
}

/** Free and total bytes of the file system holding `dir`, or null when it cannot be read. */
export async function diskSpace(dir: string): Promise<HeartbeatMessage['disk']> {
  try {
    const s = await statfs(dir);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
}
