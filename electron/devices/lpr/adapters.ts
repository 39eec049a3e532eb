// One adapter per vendor: how its push is parsed and what its camera expects in our reply.
// The listener does HTTP and trust; everything vendor-specific is reached through this table.
import type { IncomingHttpHeaders } from 'node:http';
import type { ByteSource } from './body.ts';
import type { OpenPulse } from '../barrier/heartbeat-opens.ts';
import type { LprVendor } from './colors.ts';
import { DAHUA_ACK, parseDahuaPush } from './dahua.ts';
import { parseHikvisionPush } from './hikvision.ts';
import { huaxiaReply, parseHuaxiaPush } from './huaxia.ts';
import { withReplyExtras } from '../display/camera-reply-extras.ts';
import type { LaneVerdict, PlateRead } from './plate-read.ts';
import type { PushContext, PushResult } from './push-result.ts';
import {
  parseVzenithPush, vzenithCometReply, vzenithHeartbeatReply, vzenithOfflineReply, vzenithReply,
} from './vzenith.ts';

export interface PushReply {
  contentType: string;
  body: string;
}

type NothingToDecide = Extract<PushResult, { kind: 'heartbeat' | 'no-plate' }>;

export interface VendorAdapter {
  parse(headers: IncomingHttpHeaders, body: ByteSource, ctx: PushContext): Promise<PushResult>;
  /** The 200 body after the lane answered a read. */
  replyToRead(read: PlateRead, verdict: LaneVerdict): PushReply;
  /** The 200 body for a heartbeat or a read without a plate: nothing opens. */
  replyToNothing(result: NothingToDecide): PushReply;
  /**
   * Vendors whose heartbeat reply runs commands (Vzenith in comet mode, Huaxia): the reply to a
   * heartbeat that carries a guard's waiting open.
   */
  replyToHeartbeatOpen?(pulse: OpenPulse): PushReply;
}

/** Hikvision ignores the reply body; the barrier is driven separately (relay board or ISAPI). */
const HIKVISION_OK: PushReply = { contentType: 'text/plain; charset=utf-8', body: 'OK' };

const JSON_TYPE = 'application/json; charset=utf-8';

const json = (body: string): PushReply => ({ contentType: JSON_TYPE, body });

export const ADAPTERS: Readonly<Record<LprVendor, VendorAdapter>> = {
  hikvision: {
    parse: parseHikvisionPush,
    replyToRead: () => HIKVISION_OK,
    replyToNothing: () => HIKVISION_OK,
  },
  vzenith: {
    parse: parseVzenithPush,
    replyToRead: (read, verdict) => {
      const plateid = plateIdOf(read.vendorEventId);
      return json(withReplyExtras('vzenith', read.isOfflineReplay
        ? vzenithOfflineReply(plateid)
        : vzenithReply(verdict.open, plateid), verdict.replyExtras));
    },
    replyToNothing: (result) => {
      if (result.kind === 'heartbeat') return json(vzenithHeartbeatReply());
      // A replayed read without a plate still needs the go-ahead for the next stored one.
      const plateid = plateIdOf(result.vendorEventId);
      return json(result.offline ? vzenithOfflineReply(plateid) : vzenithReply(false, plateid));
    },
    replyToHeartbeatOpen: (pulse) => json(vzenithCometReply(pulse)),
  },
  // Dahua opens its barrier only on a command (openStrobe); the reply just stops the re-sends.
  dahua: {
    parse: parseDahuaPush,
    replyToRead: () => json(DAHUA_ACK),
    replyToNothing: () => json(DAHUA_ACK),
  },
  huaxia: {
    parse: parseHuaxiaPush,
    replyToRead: (read, verdict) => json(withReplyExtras('huaxia',
      huaxiaReply(verdict.open && !read.isOfflineReplay), verdict.replyExtras)),
    replyToNothing: () => json(huaxiaReply(false)),
    // The same io1 on as a read's open; Huaxia's command names no pulse length.
    replyToHeartbeatOpen: () => json(huaxiaReply(true)),
  },
};

/** Whether the vendor's camera runs commands from our reply to its heartbeat: a manual open. */
export function takesHeartbeatOpens(vendor: LprVendor): boolean {
  return ADAPTERS[vendor].replyToHeartbeatOpen !== undefined;
}

/** The camera matches our reply to its read by plateid; 0 when it sent none. */
function plateIdOf(vendorEventId: string | null): number {
  const n = Number(vendorEventId);
  return vendorEventId !== null && Number.isSafeInteger(n) ? n : 0;
}
