// The one shape every LPR adapter produces, whatever the vendor spoke on the wire.
// Codes are our own strings; vendor codes are translated in the adapter, never later.
import type { CameraReplyExtras } from '../display/camera-reply-extras.ts';

export const PLATE_COLORS = [
  'blue', 'yellow', 'white', 'black', 'green', 'yellowGreen', 'unknown',
] as const;
export type PlateColor = (typeof PLATE_COLORS)[number];

/** The LPR camera vendors Gatehouse reads (Qianyi cameras speak Vzenith's protocol). */
export const LPR_VENDORS = ['hikvision', 'vzenith', 'dahua', 'huaxia'] as const;
export type LprVendorName = (typeof LPR_VENDORS)[number];

export type ImageKind = 'scene' | 'plate' | 'vehicle';

export interface PlateImage {
  kind: ImageKind;
  mime: string;
  bytes: Buffer;
}

export interface PlateRead {
  /** Configured camera id (not the vendor serial). */
  cameraId: string;
  vendor: LprVendorName;
  /** Normalised plate (upper case, half-width); empty when the camera saw no plate. */
  plate: string;
  plateColor: PlateColor;
  /** The colour exactly as the vendor sent it, for the record. */
  rawPlateColor: string;
  confidence: number | null;
  direction: 'in' | 'out' | 'unknown';
  /** UTC epoch milliseconds, from the most trustworthy clock field the vendor sends. */
  capturedAt: number;
  /** The vendor's id of this read (Hikvision UUID, Vzenith plateid, Dahua group): dedupe. */
  vendorEventId: string | null;
  /** A read the camera took while it could not reach us, replayed later: never opens. */
  isOfflineReplay: boolean;
  /** Serial number or MAC the camera reported, checked against the configured one. */
  deviceSerial: string | null;
  images: PlateImage[];
}

/**
 * Who made a read: a camera, or the setup wizard's test push over its own connection (the
 * listener knows which by the socket, never by the push: test-connections.ts). A test push's
 * passage is marked, opens the barrier, and reaches neither the platform nor the ledger counts.
 */
export type ReadOrigin = 'camera' | 'test-push';

/** What the lane answers to a read; the Vzenith adapter turns it into the reply body. */
export interface LaneVerdict {
  open: boolean;
  passageId: string | null;
  /** Display bytes and allowlist changes the reply carries to the camera (issue #3). */
  replyExtras?: CameraReplyExtras;
}
