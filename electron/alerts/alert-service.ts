// Alerts as the site lives them: the manager sets one (now or scheduled ahead) or cancels it, the
// platform's downlink announces them, and the control state follows — at once on every change,
// and by a timer at each start and end, so the lanes and the banner switch on the minute.
import type { Db } from '../db/database.ts';
import type { Logger } from '../log/logger.ts';
import type { ControlState } from '../rules/decision-types.ts';
import {
  fail, ok, type AlertView, type ControlView, type Result,
} from '../api/contract.ts';
import { writeAudit } from '../db/audit.ts';
import { AlertRepository, type PlatformAlert, type UpsertOutcome } from './alert-repository.ts';
import {
  alertStatus, controlStateOf, effectiveEnd, governingAlert, nextBoundaryAfter,
  type Alert, type AlertColour,
} from './control-state.ts';

/**
 * The boundary timer never waits longer than this before looking again: setTimeout cannot wait
 * past 24.8 days, and a PC clock set forward or back is noticed within the hour.
 */
export const MAX_TIMER_MS = 60 * 60_000;

export interface SetAlert {
  level: AlertColour;
  startsAt: number;
  endsAt: number;
  measure: string;
}

export interface AlertServiceOptions {
  db: Db;
  log: Logger;
  now?: () => number;
}

type ChangeListener = (view: ControlView) => void;

export class AlertService {
  private readonly db: Db;
  private readonly repo: AlertRepository;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly listeners = new Set<ChangeListener>();
  private timer: NodeJS.Timeout | null = null;
  private lastShown = '';

  constructor(opts: AlertServiceOptions) {
    this.db = opts.db;
    this.repo = new AlertRepository(opts.db);
    this.log = opts.log;
    this.now = opts.now ?? Date.now;
  }

  /** Arms the boundary timer; the first change it sees is reported to the listeners. */
  start(): void {
    this.lastShown = shownPart(this.current());
    this.arm();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Called with the new control view on every change; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(input: SetAlert, actor: string): Result<AlertView> {
    const now = this.now();
    if (input.endsAt <= input.startsAt) {
      return fail('invalid_input', 'the end must follow the start');
    }
    if (input.endsAt <= now) return fail('invalid_input', 'the alert would end in the past');

    const source = input.startsAt > now ? 'scheduled' : 'manual';
    const alert = this.db.transaction(() => {
      const row = this.repo.insert({ ...input, source, createdBy: actor }, now);
      writeAudit(this.db, { actor, action: 'alert.set', subject: String(row.id), at: now,
        detail: { level: row.level, startsAt: row.startsAt, endsAt: row.endsAt, source } });
      return row;
    })();

    this.log.info({ alert: alert.id, level: alert.level, source, actor }, 'alert set');
    this.changed();
    return ok(toView(alert, now));
  }

  cancel(alertId: number, actor: string): Result<AlertView> {
    const now = this.now();
    const alert = this.repo.byId(alertId);
    if (!alert) return fail('not_found', `no alert ${alertId}`);
    if (alert.cancelledAt !== null) return fail('conflict', 'the alert is cancelled already');
    if (alert.endsAt <= now) return fail('conflict', 'the alert has ended already');

    this.db.transaction(() => {
      this.repo.cancel(alertId, actor, now);
      writeAudit(this.db, { actor, action: 'alert.cancel', subject: String(alertId), at: now,
        detail: { level: alert.level, source: alert.source } });
    })();

    this.log.info({ alert: alertId, actor }, 'alert cancelled');
    this.changed();
    return ok(toView(this.repo.byId(alertId)!, now));
  }

  /** Takes the platform's announced alerts; reports a change only when a row changed. */
  takeFromPlatform(alerts: readonly PlatformAlert[]): Record<UpsertOutcome, number> {
    const now = this.now();
    const counts: Record<UpsertOutcome, number> = { added: 0, updated: 0, unchanged: 0 };

    this.db.transaction(() => {
      for (const alert of alerts) {
        const outcome = this.repo.upsertPlatform(alert, now);
        counts[outcome]++;
        if (outcome === 'unchanged') continue;
        writeAudit(this.db, { actor: 'platform', action: `alert.platform-${outcome}`,
          subject: alert.platformId, at: now,
          detail: { level: alert.level, startsAt: alert.startsAt, endsAt: alert.endsAt } });
      }
    })();

    if (counts.added || counts.updated) {
      this.log.info(counts, 'alerts taken from the platform');
      this.changed();
    }
    return counts;
  }

  list(limit: number): AlertView[] {
    const now = this.now();
    return this.repo.list(limit).map((a) => toView(a, now));
  }

  /** Alerts in force at some moment of [from, to), for the cap and the alert-day report. */
  overlapping(from: number, to: number): Alert[] {
    return this.repo.overlapping(from, to);
  }

  controlStateAt(at: number): ControlState {
    return controlStateOf(this.repo.overlapping(at, at + 1), at);
  }

  current(): ControlView {
    const at = this.now();
    const pending = this.repo.pendingAfter(at);
    const alert = governingAlert(pending, at);
    const next = pending
      .filter((a) => a.startsAt > at && effectiveEnd(a) > a.startsAt)
      .sort((a, b) => a.startsAt - b.startsAt)[0];

    return {
      level: alert?.level ?? 'none',
      response: alert?.response ?? null,
      alertId: alert?.id ?? null,
      measure: alert?.measure ?? null,
      startsAt: alert?.startsAt ?? null,
      endsAt: alert ? effectiveEnd(alert) : null,
      next: next ? { alertId: next.id, level: next.level, startsAt: next.startsAt } : null,
      at,
    };
  }

  /** An alert row changed: tell the listeners and re-arm the timer for the new boundaries. */
  private changed(): void {
    const view = this.current();
    this.lastShown = shownPart(view);
    this.emit(view);
    if (this.timer) this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);

    const now = this.now();
    const boundary = nextBoundaryAfter(this.repo.pendingAfter(now), now);
    const wait = boundary === null ? MAX_TIMER_MS : Math.min(boundary - now, MAX_TIMER_MS);
    this.timer = setTimeout(() => this.onTimer(), Math.max(wait, 0));
    this.timer.unref();
  }

  /** At a boundary (or the hourly look): a change of what the banner shows is reported. */
  private onTimer(): void {
    try {
      const view = this.current();
      const shown = shownPart(view);
      if (shown !== this.lastShown) {
        this.lastShown = shown;
        this.log.info({ level: view.level, alert: view.alertId }, 'control state changed');
        this.emit(view);
      }
    } catch (err) {
      this.log.error({ err }, 'control state could not be read');
    }
    this.arm();
  }

  private emit(view: ControlView): void {
    for (const listener of this.listeners) {
      try {
        listener(view);
      } catch (err) {
        this.log.warn({ err }, 'control listener failed');
      }
    }
  }
}

export function toView(a: Alert, now: number): AlertView {
  return {
    id: a.id, level: a.level, response: a.response, startsAt: a.startsAt, endsAt: a.endsAt,
    measure: a.measure, source: a.source, platformId: a.platformId, createdBy: a.createdBy,
    createdAt: a.createdAt, cancelledAt: a.cancelledAt, cancelledBy: a.cancelledBy,
    status: alertStatus(a, now),
  };
}

/** What the banner shows of a view, without its timestamp: equal means nothing to report. */
function shownPart(view: ControlView): string {
  const { at: _at, ...shown } = view;
  return JSON.stringify(shown);
}
