// One simulated read (or heartbeat) in whichever vendor's bytes a camera speaks, and the path
// under its push URL where that vendor posts it. The sim CLI, the demo's scripted trucks and the
// bench send reads through here so every vendor travels the same road.
import { randomUUID } from 'node:crypto';
import type { LprVendorName, PlateColor } from '../devices/lpr/plate-read.ts';
import { buildHikvisionPush, buildVzenithPush, type Push } from './lpr-sender.ts';
import {
  buildDahuaKeepAlive, buildDahuaTollgatePush, buildHuaxiaHeartbeat, buildHuaxiaPush,
  buildVzenithHeartbeat,
} from './lpr-pushes.ts';

export interface SimRead {
  plate: string;
  color: PlateColor;
  /** Counts the camera's reads: Vzenith plateid, Dahua SnapID. */
  seq: number;
  /** MAC (Hikvision), serialno (Vzenith), DeviceID (Dahua), cam_id (Huaxia). */
  serial: string;
  images: { plate?: Buffer; scene?: Buffer };
  offline?: boolean;
  /** Hikvision: the Metadata variant (subType ANPR) instead of the ANPR element. */
  metadata?: boolean;
  /** Capture time, UTC epoch ms; now when absent. */
  at?: number;
}

export interface VendorPush {
  push: Push;
  /** Appended to the camera's push URL (Dahua ITSAPI names its endpoints). */
  path: string;
}

/** How each vendor writes our colours (the inverse of resources/codes/plate-colors.json). */
export const VENDOR_COLORS: Readonly<Record<LprVendorName, Record<PlateColor, string | number>>> = {
  hikvision: { blue: 'blue', yellow: 'yellow', white: 'white', black: 'black', green: 'green',
    yellowGreen: 'yellowGreen', unknown: 'unknown' },
  vzenith: { blue: 1, yellow: 2, white: 3, black: 4, green: 5, yellowGreen: 6, unknown: 0 },
  dahua: { blue: 'Blue', yellow: 'Yellow', white: 'White', black: 'Black', green: 'Green',
    yellowGreen: 'YellowGreen', unknown: 'Unknown' },
  huaxia: { blue: '蓝色', yellow: '黄色', white: '白色', black: '黑色', green: '绿色',
    yellowGreen: '黄绿色', unknown: '未知' },
};

/** Beijing time, as the simulated Dahua camera's clock runs. */
const DAHUA_SIM_OFFSET_MS = 8 * 3_600_000;

export function vendorPush(vendor: LprVendorName, r: SimRead): VendorPush {
  const at = r.at ?? Date.now();
  const color = VENDOR_COLORS[vendor][r.color];
  if (vendor === 'hikvision') {
    return { path: '', push: buildHikvisionPush({ plate: r.plate, color: String(color),
      uuid: randomUUID(), dateTime: new Date(at).toISOString(), images: r.images,
      mac: r.serial, metadata: r.metadata }) };
  }
  if (vendor === 'vzenith') {
    return { path: '', push: buildVzenithPush({ plate: r.plate, colorType: Number(color),
      plateid: r.seq, sec: Math.floor(at / 1000), serialno: r.serial,
      isoffline: r.offline ? 1 : 0, images: r.images }) };
  }
  if (vendor === 'dahua') {
    const local = new Date(at + DAHUA_SIM_OFFSET_MS).toISOString().replace('T', ' ')
      .replace('Z', '');
    return { path: '/NotificationInfo/TollgateInfo', push: buildDahuaTollgatePush({
      plate: r.plate, color: String(color), accurateTime: local, deviceId: r.serial,
      snapId: r.seq, images: r.images }) };
  }
  return { path: '', push: buildHuaxiaPush({ plate: r.plate, color: String(color),
    startTime: Math.floor(at / 1000), camId: r.serial, type: r.offline ? 'offline' : 'online',
    images: r.images }) };
}

/** The vendor's heartbeat push; null for Hikvision, whose listening mode sends none. */
export function vendorHeartbeat(
  vendor: LprVendorName, serial: string, seq: number,
): VendorPush | null {
  if (vendor === 'vzenith') {
    return { path: '', push: buildVzenithHeartbeat(serial, seq, Math.floor(Date.now() / 1000)) };
  }
  if (vendor === 'dahua') return { path: '/NotificationInfo/KeepAlive',
    push: buildDahuaKeepAlive(serial) };
  if (vendor === 'huaxia') return { path: '', push: buildHuaxiaHeartbeat(serial) };
  return null;
}
