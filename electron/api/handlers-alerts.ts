// The core's answers to the calls of issue #5: alerts and the control state, the cap, guard
// overrides of denials and the inventory check. Role checks and input validation happened in
// the dispatcher already.
import { ok } from './contract.ts';
import type { Handlers } from './dispatcher.ts';
import type { HandlerContext } from './handlers.ts';
import { SiteConditions } from '../alerts/site-conditions.ts';
import { alertDays } from '../alerts/alert-days.ts';
import { tonnageByDay } from '../ledger/cargo-tonnage.ts';
import { readCapSettings, writeCapSettings } from '../alerts/cap-settings.ts';
import { overrideDenial } from '../lanes/override-denial.ts';
import { ApprovalThrottle } from '../lanes/approval-throttle.ts';
import { silentLogger } from '../log/logger.ts';

type AlertCalls =
  | 'passages.override' | 'alerts.list' | 'alerts.set' | 'alerts.cancel' | 'control.current'
  | 'cap.status' | 'cap.settings' | 'cap.configure' | 'cap.alertDays' | 'inventory.compliance';

export function createAlertHandlers(ctx: HandlerContext): Pick<Handlers, AlertCalls> {
  // A context without conditions (a test of other calls) gets a set of its own over the same db.
  const conditions = () => (ctx.conditions ??= new SiteConditions({ db: ctx.db,
    log: silentLogger(), performanceLevel: 'unrated' }));
  const throttle = new ApprovalThrottle();

  return {
    'passages.override': (input, caller) => {
      const lanes = ctx.lanes;
      return overrideDenial({
        db: ctx.db, users: ctx.users, views: ctx.views,
        openForOverride: lanes ? (id, actor, reason) => lanes.openForOverride(id, actor, reason)
          : null,
        emitOverridden: (view) => ctx.emit?.('passage.overridden', view),
        onOverridden: () => conditions().cap.invalidate(),
        throttle,
      }, input, caller.user!.username);
    },

    'alerts.list': (input) => ok(conditions().alerts.list(input.limit)),

    'alerts.set': (input, caller) => conditions().alerts.set(input, caller.user!.username),

    'alerts.cancel': (input, caller) =>
      conditions().alerts.cancel(input.alertId, caller.user!.username),

    'control.current': () => ok(conditions().alerts.current()),

    'cap.status': () => ok(conditions().cap.status()),

    'cap.settings': () => ok(readCapSettings(ctx.db)),

    'cap.configure': (input, caller) => {
      writeCapSettings(ctx.db, input, caller.user!.username);
      conditions().cap.invalidate();
      return ok(readCapSettings(ctx.db));
    },

    'cap.alertDays': (input) => {
      const c = conditions();
      return ok(alertDays(c.alerts, c.cap, input.from, input.to,
        (from, to) => tonnageByDay(ctx.db, from, to)));
    },

    'inventory.compliance': () => ok(conditions().compliance()),
  };
}
