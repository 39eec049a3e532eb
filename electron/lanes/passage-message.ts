// Builds the canonical passage message (sync/passage-message.ts) from a ledger row: what the
// lane writes into the outbox in the passage's own transaction.
import type { SiteConfig } from '../config/site.ts';
import type { NewPassage, PassagePhoto } from '../ledger/passages.ts';
import {
  formatPassedAt, passageOrderKey, type PassageMessage,
} from '../sync/passage-message.ts';

export function passageMessage(
  site: SiteConfig,
  p: NewPassage,
  photos: PassagePhoto[],
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
  };
}

export const passageOutboxKey = (p: NewPassage) => passageOrderKey(p.plate, p.plateColor);
