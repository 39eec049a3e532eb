// M5, the passage (过车记录, domain.md §2.3). Its schema and type stay in
// sync/passage-message.ts and the lane builds it in the passage's own transaction
// (lanes/passage-message.ts); this file gives it its place among the canonical messages and
// rebuilds it from a stored passage.
import type { SiteConfig } from '../../config/site.ts';
import type { Db } from '../../db/database.ts';
import { passageMessage } from '../../lanes/passage-message.ts';
import type { PassageMessage } from '../passage-message.ts';
import { passageWithPhotos, vehicleFleet } from './ledger-rows.ts';

export {
  formatPassedAt, parsePassedAt, passageMessageSchema, passageOrderKey, withBackfill,
  type PassageMessage,
} from '../passage-message.ts';

/**
 * The message of a stored passage, exactly as the lane built it when it wrote the passage
 * (the same builder over the same fields, the fleet as the registry holds it now), or null when
 * there is no such passage.
 */
export function buildPassageMessageFromLedger(
  db: Db, site: SiteConfig, passageId: string,
): PassageMessage | null {
  const stored = passageWithPhotos(db, passageId);
  if (!stored) return null;

  const fleet = vehicleFleet(db, stored.passage.vehicleId);
  return passageMessage(site, stored.passage, stored.photos, fleet);
}
