// The demo site is what a trainee installer opens in Settings first: its own values must pass
// the wizard's checks, or "Save and apply" is refused before anything was changed.
import { describe, expect, it } from 'vitest';
import { enterpriseDraft } from '../api/contract/setup-calls.ts';
import { checkUscc } from '../api/contract/enterprise-codes.ts';
import { demoSite } from './demo-site.ts';

const site = demoSite({
  lprPort: 0, apiPort: 0, platformUrl: 'http://127.0.0.1:1/', rulesFile: 'rules.json',
  platformSecret: 'demo-secret-0123456789',
  lane1Barrier: { kind: 'camera-reply' },
});

describe('the demo site', () => {
  it('has an enterprise the wizard accepts unchanged, check character included', () => {
    expect(checkUscc(site.enterprise.uscc)).toEqual({ ok: true });
    expect(enterpriseDraft.safeParse(site.enterprise).success).toBe(true);
  });
});
