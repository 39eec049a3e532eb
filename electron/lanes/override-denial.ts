// A guard overrides a denial (domain.md §5.2 step 4): the truck may pass after all, on the
// approver's login — a manager's or installer's user name and password typed at the gate, so a
// guard cannot approve his own override. The passage stays as it was decided; the override is
// its own row, written with its audit row before the barrier is commanded (no vehicle passes
// without its ledger rows), and the Lanes page hears of it at once.
import type { Db } from '../db/database.ts';
import type { Users } from '../auth/users.ts';
import {
  fail, ok, type CallOutput, type EventPayload, type Reason, type Result, type Role,
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

/** A refusal in English for the audit row, and as a reason the guard reads in their language. */
interface Refusal {
  message: string;
  reason: Reason;
}

const WRONG_LOGIN: Refusal = { message: "the approver's user name or password is wrong",
  reason: { key: 'approval.wrongLogin', values: {} } };

function lockedRefusal(approver: string, lockedFor: number, throttle: ApprovalThrottle): Refusal {
  const minutes = Math.max(1, Math.ceil(lockedFor / 60_000));
  return { message: throttle.blocked(approver) ?? `approvals refused for ${approver}`,
    reason: { key: 'approval.locked', values: { approver, minutes } } };
}

export async function overrideDenial(
  deps: OverrideDeps, req: OverrideRequest, requestedBy: string,
): Promise<Result<CallOutput<'passages.override'>>> {
  const subject = overrideSubject(deps.db, req.passageId);
  if (!subject) return fail('not_found', `no passage ${req.passageId}`);
  if (subject.decision !== 'deny') return fail('conflict', 'only a denied passage is overridden');
  if (subject.overridden) return fail('conflict', 'the passage was overridden already');

  const lockedFor = deps.throttle?.lockedForMs(req.approverUsername) ?? null;
  const approver = lockedFor !== null ? null
    : await deps.users.authenticate(req.approverUsername, req.approverPassword);
  if (lockedFor === null && !approver) deps.throttle?.failed(req.approverUsername);
  const refusal = lockedFor !== null
    ? lockedRefusal(req.approverUsername, lockedFor, deps.throttle!)
    : !approver ? WRONG_LOGIN
      : !APPROVER_ROLES.includes(approver.role) ? {
        message: `a ${approver.role} may not approve an override`,
        reason: { key: 'approval.roleMayNot', values: {} } }
        : null;
  if (refusal || !approver) {
    writeAudit(deps.db, { actor: requestedBy, action: 'passage.override-refused',
      subject: req.passageId, detail: { approver: req.approverUsername,
        refusal: refusal?.message ?? null } });
    return fail('approval_refused', refusal?.message ?? 'refused', refusal?.reason);
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
