// The conditions a site decides under, as one object the host builds once: the alerts (and the
// control state they make), the cap's counters and the inventory check. The lanes read
// `controlStateAt` and `capCounters` for each read; the API answers from the same instances.
import type { Db } from '../db/database.ts';
import type { Logger } from '../log/logger.ts';
import type {
  CapCounters, ControlState, PerformanceLevel,
} from '../rules/decision-types.ts';
import type { ComplianceView } from '../api/contract.ts';
import { AlertService } from './alert-service.ts';
import { CapService } from './cap.ts';
import { Inventory } from '../inventory/inventory.ts';
import {
  DEFAULT_COMPLIANCE_LIMITS, checkCompliance, type ComplianceLimitsFor,
} from '../inventory/compliance.ts';

/** What a lane needs of the conditions for one read. */
export interface LaneConditions {
  controlStateAt(at: number): ControlState;
  /** The control state in force now, by the site's clock (what the lane display shows). */
  controlStateNow(): ControlState;
  capCounters(at: number): CapCounters;
}

export interface SiteConditionsOptions {
  db: Db;
  log: Logger;
  performanceLevel: PerformanceLevel;
  /** The cap's share under a control state (from the rule table); 50 % of any alert if absent. */
  capShare?: (control: ControlState, at: number) => number | null;
  /** The inventory limits (from the rule table); domain.md's A/B values if absent. */
  complianceLimits?: ComplianceLimitsFor;
  now?: () => number;
}

export class SiteConditions implements LaneConditions {
  readonly alerts: AlertService;
  readonly cap: CapService;
  readonly inventory: Inventory;
  private readonly limits: ComplianceLimitsFor;
  private readonly performanceLevel: PerformanceLevel;
  private readonly now: () => number;

  constructor(opts: SiteConditionsOptions) {
    this.now = opts.now ?? Date.now;
    this.alerts = new AlertService({ db: opts.db, log: opts.log, now: this.now });
    this.cap = new CapService({ db: opts.db, alerts: this.alerts, capShare: opts.capShare,
      now: this.now });
    this.inventory = new Inventory(opts.db);
    this.limits = opts.complianceLimits ?? DEFAULT_COMPLIANCE_LIMITS;
    this.performanceLevel = opts.performanceLevel;

    // Past days turn normal or not with the alerts, so the cached baselines go with them.
    this.alerts.onChange(() => this.cap.invalidate());
  }

  controlStateAt(at: number): ControlState {
    return this.alerts.controlStateAt(at);
  }

  capCounters(at: number): CapCounters {
    return this.cap.capCounters(at);
  }

  controlStateNow(): ControlState {
    return this.alerts.controlStateAt(this.now());
  }

  compliance(): ComplianceView {
    const control = this.alerts.controlStateAt(this.now());
    const limits = this.limits(this.performanceLevel, control.level);
    const contents = { inPlant: this.inventory.inPlantVehicles(),
      machinery: this.inventory.machinery() };
    return checkCompliance(contents, limits, control.level);
  }

  start(): void {
    this.alerts.start();
  }

  stop(): void {
    this.alerts.stop();
  }
}
