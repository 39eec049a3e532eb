// M2, a gate and its lanes (出入口/通道, domain.md §2.3): one message per gate, listing each
// lane with its direction, barrier and cameras. Built from the site configuration.
import { z } from 'zod';
import type { SiteConfig } from '../../config/site.ts';

export const laneEntrySchema = z.object({
  channelId: z.string().min(1),
  name: z.string().min(1),
  direction: z.enum(['in', 'out', 'both']),
  /** One barrier per lane: the lane id names it. */
  barrierId: z.string().min(1),
  barrierKind: z.string().min(1),
  cameraIds: z.array(z.string().min(1)).min(1),
  /**
   * The recording channel that covers the lane: Gatehouse records each camera itself, so the
   * channel is the camera id, the lane's overview camera first; null when none records it.
   */
  nvrChannel: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
});

export const gateMessageSchema = z.object({
  enterpriseCode: z.string().min(1),
  entranceId: z.string().min(1),
  entranceName: z.string().min(1),
  channels: z.array(laneEntrySchema).min(1),
  changedAt: z.number().int(),
});

export type GateMessage = z.infer<typeof gateMessageSchema>;

/** One M2 per configured gate that has lanes; a gate without lanes has nothing to report. */
export function buildGateMessages(site: SiteConfig, changedAt: number): GateMessage[] {
  const messages: GateMessage[] = [];

  for (const gate of site.gates) {
    const lanes = site.lanes.filter((l) => l.gateId === gate.id);
    if (lanes.length === 0) continue;

    messages.push({
      enterpriseCode: site.enterprise.code,
      entranceId: gate.id,
      entranceName: gate.name,
      channels: lanes.map((lane) => ({
        channelId: lane.id,
        name: lane.name,
        direction: lane.direction,
        barrierId: lane.id,
        barrierKind: lane.barrier.kind,
        cameraIds: [lane.cameraId, ...(lane.overviewCameraId ? [lane.overviewCameraId] : [])],
        nvrChannel: recordingChannelOf(site, lane),
        status: 'active',
      })),
      changedAt,
    });
  }
  return messages;
}

function recordingChannelOf(site: SiteConfig, lane: SiteConfig['lanes'][number]): string | null {
  const records = (id: string | undefined) => site.cameras.some((c) => c.id === id && c.record);
  if (records(lane.overviewCameraId)) return lane.overviewCameraId!;
  return records(lane.cameraId) ? lane.cameraId : null;
}
