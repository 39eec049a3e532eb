import { describe, expect, it } from 'vitest';
import {
  APPROVAL_LOCKOUT_MS, ApprovalThrottle, MAX_FAILED_APPROVALS,
} from './approval-throttle.ts';

describe('the override approver throttle', () => {
  it('refuses an approver after five wrong passwords, for fifteen minutes', () => {
    const clock = { now: Date.UTC(2026, 11, 3, 1) };
    const t = new ApprovalThrottle(() => clock.now);
    for (let i = 0; i < MAX_FAILED_APPROVALS - 1; i++) t.failed('manager-zhao');
    expect(t.blocked('manager-zhao')).toBeNull();

    t.failed('manager-zhao');
    expect(t.blocked('manager-zhao')).toMatch(/too many wrong passwords for manager-zhao/);
    expect(t.blocked('installer-wu')).toBeNull();

    clock.now += APPROVAL_LOCKOUT_MS + 1;
    expect(t.blocked('manager-zhao')).toBeNull();
  });

  it('forgets the failures once the approver gets it right', () => {
    const t = new ApprovalThrottle();
    for (let i = 0; i < MAX_FAILED_APPROVALS - 1; i++) t.failed('manager-zhao');
    t.succeeded('manager-zhao');
    t.failed('manager-zhao');
    expect(t.blocked('manager-zhao')).toBeNull();
  });
});
