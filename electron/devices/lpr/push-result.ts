// What an adapter makes of one camera push, before the lane sees anything. Every vendor adapter
// returns this union; the listener turns it into an HTTP status and (for a read) a lane call.
import type { PlateRead } from './plate-read.ts';

/** HTTP statuses an adapter may ask for when the push itself is unusable. */
export type PushErrorStatus = 400 | 413 | 415;

export type PushResult =
  | { kind: 'read'; read: PlateRead }
  /** The camera says it is alive; nothing happened at the lane. */
  | { kind: 'heartbeat'; deviceSerial: string | null }
  /** A vehicle was seen but the camera could not read its plate. */
  | {
    kind: 'no-plate'; deviceSerial: string | null; vendorEventId: string | null;
    /** Replayed from the camera's offline store (Vzenith isoffline). */
    offline?: boolean;
  }
  | { kind: 'error'; status: PushErrorStatus; message: string };

export function pushError(status: PushErrorStatus, message: string): PushResult {
  return { kind: 'error', status, message };
}

/** Where a push came from and when it arrived; the adapter stamps these on the read. */
export interface PushContext {
  cameraId: string;
  /** UTC epoch ms when the request arrived; the capture time when the camera sends none. */
  receivedAt: number;
  /** Body cap in bytes; a larger push is refused with 413. */
  maxBodyBytes: number;
  /** The path after /lpr/<vendor>/<cameraId> (Dahua ITSAPI appends /NotificationInfo/…). */
  subPath?: string;
  /** The camera's IANA zone, for vendors whose clock fields are local time (Dahua). */
  timeZone: string;
}
