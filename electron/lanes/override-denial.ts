// A guard overrides a denial (domain.md §5.2 step 4): the truck may pass after all, on the
// approver's login — a manager's or installer's user name and password typed at the gate, so a
// guard cannot approve his own override. The passage stays as it was decided; the override is
// its own row, written with its audit row before the barrier is commanded (no vehicle passes
// without its ledger rows), and the Lanes page hears of it at once.
import type { Db } from '../db/database.ts';
import type { Users } from '../auth/users.ts';
import {
  fail, ok, type CallOutput, type EventPayload, type Result, type Role,
} from '../api/contract.ts';
import { writeAudit } from '../db/audit.ts';
import { overrideSubject, recordOverride } from '../ledger/passage-overrides.ts';
import type { PassageViews } from '../ledger/passage-views.ts';
import type { ApprovalThrottle } from './approval-throttle.ts';
import type { OpenOutcome } from './lane-service.ts';

/** Who may approve an override: the roles that answer for the site to the inspectors. */
export const APPROVER_ROLES: readonly Role[] = ['manager', 'installer'];

export interface OverrideRequest {
  passageId: string;
  reason: string;
  approverUsername: string;
  approverPassword: string;
}

export interface OverrideDeps {
  db: Db;
  users: Users;
  views: PassageViews;
  /** Opens the passage's lane; null when the site has no lanes. */
  openForOverride: ((passageId: string, actor: string, reason: string) =>
    Promise<OpenOutcome>) | null;
  emitOverridden: (view: EventPayload<'passage.overridden'>) => void;
  /** Told after an override is written: the cap's counts changed. */
  onOverridden?: () => void;
  /** Refuses an approver after repeated wrong passwords; none: no limit (tests of other rules). */
  throttle?: ApprovalThrottle;
  now?: () => number;
}

export async function overrideDenial(
  deps: OverrideDeps, req: OverrideRequest, requestedBy: string,
): Promise<Result<CallOutput<'passages.override'>>> {
  const subject = overrideSubject(deps.db, req.passageId);
  if (!subject) return fail('not_found', `no passage ${req.passageId}`);
  if (subject.decision !== 'deny') return fail('conflict', 'only a denied passage is overridden');
  if (subject.overridden) return fail('conflict', 'the passage was overridden already');

  const locked = deps.throttle?.blocked(req.approverUsername) ?? null;
  const approver = locked ? null
    : await deps.users.authenticate(req.approverUsername, req.approverPassword);
  if (!locked && !approver) deps.throttle?.failed(req.approverUsername);
  const refusal = locked ?? (!approver ? "the approver's user name or password is wrong"
    : !APPROVER_ROLES.includes(approver.role) ? `a ${approver.role} may not approve an override`
      : null);
  if (refusal || !approver) {
    writeAudit(deps.db, { actor: requestedBy, action: 'passage.override-refused',
      subject: req.passageId, detail: { approver: req.approverUsername, refusal } });
    return fail('approval_refused', refusal ?? 'refused');
  }

  deps.throttle?.succeeded(approver.username);
  const at = (deps.now ?? Date.now)();
  const written = recordOverride(deps.db, { passageId: subject.id, approver: approver.username,
    requestedBy, reason: req.reason, at }, subject);
  if (!written) return fail('conflict', 'the passage was overridden already');
  deps.onOverridden?.();

  const flagged = deps.views.byId(subject.id);
  if (flagged) deps.emitOverridden(flagged);

  const reason = `override approved by ${approver.username}: ${req.reason}`;
  const outcome = subject.offlineReplay
    ? { opened: false, error: 'an offline replay: the truck passed while the lane was offline',
      failure: 'offline-replay' as const }
    : deps.openForOverride ? await deps.openForOverride(subject.id, requestedBy, reason)
      : { opened: false, error: 'no lanes are configured', failure: 'other' as const };

  return ok({ passage: deps.views.byId(subject.id)!, ...outcome });
}
