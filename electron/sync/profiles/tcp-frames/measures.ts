// The tcp-frames profile's alert downlink (M6): the platform pushes `controlMeasures` frames on
// the open connection (link.ts acknowledges each); here their measures become our alerts through
// the profile's table. Nothing is polled: the platform sends what is in force at every login
// and each new or moved measure as it is announced.
import type { PlatformAlert } from '../../../alerts/alert-repository.ts';
import type { Logger } from '../../../log/logger.ts';
import { measureFromPlatform } from '../alert-codes.ts';
import type { PlatformTable } from '../code-tables.ts';
import type { AlertDownlink, DownlinkStart } from '../profile.ts';
import type { ControlMeasuresFrame } from './wire.ts';

/**
 * Pushes that arrive before the host starts the downlink (the link logs in at once) are kept
 * until it does; a few suffice, and more would only be a platform repeating itself.
 */
export const MAX_EARLY_PUSHES = 32;

export class PushedMeasures implements AlertDownlink {
  private readonly table: PlatformTable;
  private readonly log: Logger;
  private taker: DownlinkStart | null = null;
  private stopped = false;
  private readonly early: unknown[][] = [];

  constructor(table: PlatformTable, log: Logger) {
    this.table = table;
    this.log = log;
  }

  /** A pushed frame, from the link. */
  receive(frame: ControlMeasuresFrame): void {
    if (this.stopped) return;
    if (this.taker) return this.hand(this.taker, frame.measures);

    this.early.push(frame.measures);
    if (this.early.length > MAX_EARLY_PUSHES) this.early.shift();
  }

  start(options: DownlinkStart): void {
    if (this.stopped || this.taker) return;
    this.taker = options;
    for (const measures of this.early.splice(0)) this.hand(options, measures);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.taker = null;
    this.early.length = 0;
  }

  private hand(taker: DownlinkStart, measures: unknown[]): void {
    const alerts: PlatformAlert[] = [];
    for (const raw of measures) {
      const mapped = measureFromPlatform(raw, this.table, taker.enterpriseCode);
      if (mapped.ok) alerts.push(mapped.alert);
      else this.log.debug({ reason: mapped.reason }, 'control measure not taken');
    }
    try {
      taker.take(alerts);
    } catch (err) {
      this.log.error({ err }, 'pushed control measures not taken');
    }
  }
}
