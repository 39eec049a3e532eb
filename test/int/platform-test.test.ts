// The wizard's platform test as an installer meets it: a platform that answers at its address
// but refuses our app id or secret must fail the test, with the platform's reason, instead of
// passing because a TCP connection was made. The right secret then passes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/host.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { startPlatformSim } from '../../electron/sim/platform.ts';
import type { SiteDraft } from '../../electron/api/contract.ts';
import { ApiClient } from '../support/api.ts';

const SECRET = 'the-secret-the-city-issued';

let dir: string;
let host: RunningHost | null = null;
let platform: Awaited<ReturnType<typeof startPlatformSim>>;

function draft(secret: string): SiteDraft {
  return {
    enterprise: { code: 'ENT-0002', name: '豫北测试砖厂', uscc: '91350100M000100Y43',
      regionCode: '410700', industry: 'brick-kiln', performanceLevel: 'B' },
    gates: [{ id: 'gate-1', name: '1号门' }],
    cameras: [{ id: 'cam-a', name: '入口抓拍', vendor: 'vzenith', address: '127.0.0.1',
      serialNo: 'vz-0001', record: false }],
    lanes: [{ id: 'lane-in', gateId: 'gate-1', name: '入口', nameEn: 'Entry', direction: 'in',
      cameraId: 'cam-a', barrier: { kind: 'camera-reply' } }],
    lpr: { host: '127.0.0.1', port: 0 },
    platform: { url: platform.url, appId: 'brick-kiln-0002', secret },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-platform-test-'));
  platform = await startPlatformSim({ appId: 'brick-kiln-0002', secret: SECRET, port: 0,
    host: '127.0.0.1', log: silentLogger() });
  host = await startHost({ dataDir: join(dir, 'data'), demo: false, serveHttp: true,
    demoFlags: { apiPort: 0 } });
});

afterAll(async () => {
  await host?.close();
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the wizard\'s platform test', () => {
  it('fails on a mistyped secret with the platform\'s reason, passes on the right one',
    async () => {
      const api = new ApiClient(host!.uiUrl!);
      api.token = (await api.value('auth.setupInstaller', { username: 'installer2',
        displayName: '安装员', password: 'install-pass-2' })).token;

      await api.value('setup.save', draft('a-secret-with-one-typo-in-it'));
      const refused = await api.value('setup.testPlatform', {});
      expect(refused.ok).toBe(false);
      expect(refused.detail).toMatch(/^heartbeat refused: auth: /);
      // What the wizard shows, in the installer's language.
      expect(refused.say?.key).toBe('platformRefused');
      expect(refused.say?.values.reason).toMatch(/^auth: /);

      await api.value('setup.save', draft(SECRET));
      const accepted = await api.value('setup.testPlatform', {});
      expect(accepted.ok).toBe(true);
      expect(accepted.detail).toMatch(/; heartbeat answered$/);
      expect(accepted.say?.key).toBe('platformHeartbeat');
      expect(accepted.say?.values.host).toBe(new URL(platform.url).host);
    }, 60_000);
});
