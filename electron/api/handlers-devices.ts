// The core's answers to the device calls (issue #3): device health, the cameras' allowlists and
// the installer's display test. The host lends the running device services (null without a
// site); role checks and input validation happened in the dispatcher already.
import { fail, ok } from './contract.ts';
import type { Handlers } from './dispatcher.ts';
import type { HandlerContext } from './handlers.ts';
import type { DeviceHealthView, AllowlistView } from './contract/device-calls.ts';
import { writeAudit } from '../db/audit.ts';

/** What the device calls need from the host's running device services. */
export interface DeviceCallsRuntime {
  health(): DeviceHealthView[];
  allowlists(): AllowlistView[];
  syncAllowlists(): Promise<AllowlistView[]>;
  testDisplay(laneId: string, text: string): Promise<{ shown: boolean; error: string | null }>;
}

type DeviceCalls = 'devices.health' | 'devices.allowlists' | 'devices.syncAllowlists' |
  'devices.testDisplay';

export function createDeviceHandlers(ctx: HandlerContext): Pick<Handlers, DeviceCalls> {
  const devices = () => ctx.devices ?? null;

  return {
    'devices.health': () => ok(devices()?.health() ?? []),

    'devices.allowlists': () => ok(devices()?.allowlists() ?? []),

    'devices.syncAllowlists': async (_input, caller) => {
      const d = devices();
      if (!d) return fail('not_found', 'no site is configured');
      writeAudit(ctx.db, { actor: caller.user!.username, action: 'devices.sync-allowlists' });
      return ok(await d.syncAllowlists());
    },

    'devices.testDisplay': async (input, caller) => {
      const d = devices();
      if (!d) return fail('not_found', 'no site is configured');
      writeAudit(ctx.db, { actor: caller.user!.username, action: 'devices.test-display',
        subject: input.laneId, detail: { text: input.text } });
      return ok(await d.testDisplay(input.laneId, input.text));
    },
  };
}
