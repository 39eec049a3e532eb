// The two-lane gate the installer's wizard saves in the integration tests: an exit on a Modbus
// TCP relay board behind a Hikvision camera, an entry opened by a Vzenith camera's reply.
import type { SiteDraft } from '../../electron/api/contract.ts';

export const DRAFT_SECRET = 'platform-secret-for-the-test';
export const DRAFT_MAC = '00:00:5e:00:53:41';
export const DRAFT_SERIAL = 'vz-test-0002';

export function twoLaneDraft(o: { boardPort: number; platformUrl: string }): SiteDraft {
  return {
    enterprise: { code: 'ENT-0001', name: '豫北测试水泥有限公司',
      uscc: '91350100M000100Y43',
      regionCode: '410700', industry: 'cement', performanceLevel: 'B' },
    gates: [{ id: 'gate-1', name: '1号门' }],
    cameras: [
      { id: 'cam-a', name: '入口抓拍', vendor: 'hikvision', address: '127.0.0.1',
        serialNo: DRAFT_MAC, record: false,
        onvif: { url: 'http://127.0.0.1:9/onvif/device_service', username: 'admin',
          password: 'cam-password-1' } },
      { id: 'cam-b', name: '出口抓拍', vendor: 'vzenith', address: '127.0.0.1',
        serialNo: DRAFT_SERIAL, record: false },
    ],
    lanes: [
      // An exit lets an unregistered truck out, so its barrier opens on any plate.
      { id: 'lane-out', gateId: 'gate-1', name: '出口', nameEn: 'Exit', direction: 'out',
        cameraId: 'cam-a', barrier: { kind: 'modbus-tcp', host: '127.0.0.1', port: o.boardPort,
          slave: 1, coil: 0, pulseMs: 200, timeoutMs: 500 } },
      { id: 'lane-in', gateId: 'gate-1', name: '入口', nameEn: 'Entry', direction: 'in',
        cameraId: 'cam-b', barrier: { kind: 'camera-reply' } },
    ],
    lpr: { host: '127.0.0.1', port: 0 },
    platform: { url: o.platformUrl, appId: 'test-enterprise', secret: DRAFT_SECRET },
  };
}
