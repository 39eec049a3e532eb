// Refuses an override approver's login for a while after repeated wrong passwords, so a guard
// cannot guess the manager's password at the gate PC. Counted per approver user name.

/** Five wrong passwords are typing mistakes; more within the window is guessing. */
export const MAX_FAILED_APPROVALS = 5;
/** The window the failures are counted in, and how long the approver is then refused. */
export const APPROVAL_LOCKOUT_MS = 15 * 60_000;

export class ApprovalThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Null when the approver may try; otherwise why not, and until when. */
  blocked(approver: string): string | null {
    const left = this.lockedForMs(approver);
    if (left === null) return null;
    const until = new Date(this.now() + left).toISOString();
    return `too many wrong passwords for ${approver}; approvals refused until ${until}`;
  }

  /** How long the approver is still refused; null when they may try now. */
  lockedForMs(approver: string): number | null {
    const recent = this.recent(approver);
    if (recent.length < MAX_FAILED_APPROVALS) return null;
    return recent[0]! + APPROVAL_LOCKOUT_MS - this.now();
  }

  failed(approver: string): void {
    this.failures.set(approver, [...this.recent(approver), this.now()]);
  }

  succeeded(approver: string): void {
    this.failures.delete(approver);
  }

  private recent(approver: string): number[] {
    const since = this.now() - APPROVAL_LOCKOUT_MS;
    return (this.failures.get(approver) ?? []).filter((t) => t > since);
  }
}
