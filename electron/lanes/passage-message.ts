// Builds the canonical passage message (sync/passage-message.ts) from a ledger row: what the
// lane writes into the outbox in the passage's own transaction.
import { recordingCameraOfGate, type SiteConfig } from '../config/site.ts';
import type { NewPassage, PassagePhoto } from '../ledger/passages.ts';
import {
  formatPassedAt, passageOrderKey, type PassageMessage,
} from '../sync/passage-message.ts';

/**
 * The inspector's clip around a passage: from the truck's approach to the barrier (10 s before
 * the plate read) until it has cleared the lane (20 s after).
 */
export const VIDEO_BEFORE_MS = 10_000;
export const VIDEO_AFTER_MS = 20_000;

/**
 * `fleet` is the registered vehicle's fleet name (null when unregistered or without one), read
 * in the same transaction as the passage.
 */
export function passageMessage(
  site: SiteConfig,
  p: NewPassage,
  photos: PassagePhoto[],
  fleet: string | null,
): PassageMessage {
  return {
    passageId: p.id,
    enterpriseCode: site.enterprise.code,
    gateId: p.gateId,
    laneId: p.laneId,
    direction: p.direction === 'in' ? 1 : 2,
    passedAt: formatPassedAt(p.capturedAt),
    plate: p.plate,
    plateColor: p.plateColor,
    decision: p.decision,
    reasonCode: p.reasonCode,
    emissionStage: p.emissionStage,
    fuel: p.fuel,
    controlState: p.controlState,
    // An offline replay reaches us late by nature; it is back-filled from the start.
    backfill: p.offlineReplay,
    photos: photos.map((f) => f.sha256),
    recognitionMode: p.recognitionMode,
    category: 'transport',
    reasonText: p.reasonZh,
    fleet,
    // Cargo is recorded on the visit after this message is queued; it goes up as a correction
    // of the passage (ledger/cargo-report.ts), so the lane reads nothing more for it here.
    cargo: null,
    videoRef: videoRef(site, p),
  };
}

/** The gate's recording camera and the clip window around the passage; null when none records. */
function videoRef(site: SiteConfig, p: NewPassage): PassageMessage['videoRef'] {
  const cameraId = recordingCameraOfGate(site, p.gateId);
  if (cameraId === null) return null;

  return {
    cameraId,
    from: formatPassedAt(p.capturedAt - VIDEO_BEFORE_MS),
    to: formatPassedAt(p.capturedAt + VIDEO_AFTER_MS),
  };
}

export const passageOutboxKey = (p: NewPassage) => passageOrderKey(p.plate, p.plateColor);
