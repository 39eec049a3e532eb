// The embedded demo site: a B-level cement plant in Henan with one gate and two entry lanes.
// Lane 1: a Hikvision ISAPI camera, barrier on a Modbus RTU relay board. Lane 2: a Vzenith
// camera that opens its own barrier when our reply says so. Camera 1 also records.
import type { BarrierConfig, SiteConfig } from './site.ts';
import type { NewVehicle } from '../ledger/vehicles.ts';
import type { Role } from '../api/contract.ts';

export const DEMO_CAMERA_1_MAC = '00:00:5e:00:53:21';
export const DEMO_CAMERA_2_SERIAL = 'demo-0001-0002';
export const DEMO_HEARTBEAT_SECONDS = 10;

export interface DemoSiteInputs {
  lprPort: number;
  apiPort: number;
  lane1Barrier: BarrierConfig;
  platformUrl: string;
  platformSecret: string;
  onvif?: { url: string; username: string; password: string };
  rulesFile: string;
}

export function demoSite(i: DemoSiteInputs): SiteConfig {
  return {
    enterprise: {
      code: 'DEMO410100001',
      name: '豫中示范水泥有限公司',
      uscc: '91410100MA0000000T',
      regionCode: '410100',
      industry: 'cement',
      performanceLevel: 'B',
      address: '河南省郑州市中原区示范路1号',
      longitude: 113.6254,
      latitude: 34.7466,
      // Invented: the demo's contact is no one, and the number dials nowhere.
      contact: { name: '王环保（演示）', phone: '0371-0000-0000' },
    },
    gates: [{ id: 'gate-1', name: '1号门' }],
    cameras: [
      {
        id: 'cam-1', name: '1号车道抓拍机', vendor: 'hikvision', address: '127.0.0.1',
        serialNo: DEMO_CAMERA_1_MAC, onvif: i.onvif, record: Boolean(i.onvif),
      },
      {
        id: 'cam-2', name: '2号车道抓拍机', vendor: 'vzenith', address: '127.0.0.1',
        serialNo: DEMO_CAMERA_2_SERIAL, record: false,
      },
    ],
    lanes: [
      { id: 'lane-1', gateId: 'gate-1', name: '1号入口车道', nameEn: 'Entry lane 1',
        direction: 'in', cameraId: 'cam-1', barrier: i.lane1Barrier },
      { id: 'lane-2', gateId: 'gate-1', name: '2号入口车道', nameEn: 'Entry lane 2',
        direction: 'in', cameraId: 'cam-2', barrier: { kind: 'camera-reply' } },
    ],
    lpr: { host: '127.0.0.1', port: i.lprPort },
    api: { host: '127.0.0.1', port: i.apiPort },
    // Heartbeats every 10 s, not every minute: a trainee sees the link answer at once.
    platform: { url: i.platformUrl, appId: 'demo-enterprise', secret: i.platformSecret,
      heartbeatSeconds: DEMO_HEARTBEAT_SECONDS },
    recording: { segmentSeconds: 10 },
    rulesFile: i.rulesFile,
  };
}

/** The trucks every demo shows: one of each decision the rules make at a B-level plant. */
export const DEMO_VEHICLES: NewVehicle[] = [
  { plate: '豫A12345', plateColor: 'yellow', vehicleType: 'H11', fuel: 'B', emissionStage: '5',
    stageEvidence: 'ENV_LIST', fleet: '郑州顺达物流', vin: 'LZZ1CLVB9JA000001',
    registrationDate: '2018-03-12' },
  { plate: '豫A54321', plateColor: 'yellow', vehicleType: 'H11', fuel: 'B', emissionStage: '4',
    stageEvidence: 'ENV_LIST', fleet: '个体', vin: 'LZZ1CLVB0GA000002',
    registrationDate: '2016-05-20' },
  { plate: '豫A01234D', plateColor: 'yellowGreen', vehicleType: 'H11', fuel: 'C',
    emissionStage: 'D', stageEvidence: 'NEV_PLATE', fleet: '郑州绿运', vin: 'LGHXCAE20MA000003',
    registrationDate: '2022-09-01' },
];

/** Plates the scripted trucks also send that are in no registry. */
export const DEMO_UNREGISTERED = ['豫C88888', '晋A77777'];

/**
 * A contracted fleet of China-VI trucks, as a real plant has hundreds registered. The benchmark
 * drives its distinct registered plates through lane 1.
 */
export function demoFleet(size: number): NewVehicle[] {
  const fleet: NewVehicle[] = [];
  for (let n = 0; n < size; n++) {
    fleet.push({
      plate: `豫B${String(n).padStart(5, '0')}`, plateColor: 'yellow', vehicleType: 'H11',
      fuel: 'B', emissionStage: '6', stageEvidence: 'ENV_LIST', fleet: '中原干线运输',
    });
  }
  return fleet;
}

export const DEMO_FLEET_SIZE = 1000;

/** Demo-only accounts, one per role, listed in README. Never created outside --demo. */
export const DEMO_USERS: Array<{ username: string; displayName: string; role: Role;
  password: string }> = [
  { username: 'guard', displayName: '门卫（演示）', role: 'guard', password: 'guard-demo' },
  { username: 'officer', displayName: '环保专员（演示）', role: 'officer',
    password: 'officer-demo' },
  { username: 'manager', displayName: '厂长（演示）', role: 'manager',
    password: 'manager-demo' },
  { username: 'installer', displayName: '安装调试员（演示）', role: 'installer',
    password: 'installer-demo' },
];
