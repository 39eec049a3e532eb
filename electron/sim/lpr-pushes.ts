// The exact bytes Dahua (ITSAPI) and Huaxia (mode 5) cameras push for one plate read, and a
// Vzenith push in GBK as some firmware sends it. Like lpr-sender.ts (Hikvision, Vzenith) these
// drive the demo, the training mode, the tests and the bench through the real listener.
import { encodeGb18030 } from '../devices/lpr/charset.ts';
import { toHuaxiaBase64 } from '../devices/lpr/huaxia.ts';
import { buildVzenithPush, type Push, type VzenithPushInput } from './lpr-sender.ts';

export interface DahuaPushInput {
  plate: string;
  /** ITSAPI colour word: Blue, Yellow, White, Black, Green, YellowGreen, Unknown. */
  color: string;
  /** Local wall-clock time as the camera prints it: `2024-05-01 08:15:30.120`. */
  accurateTime: string;
  deviceId: string;
  snapId: number;
  images: { plate?: Buffer; scene?: Buffer };
  confidence?: number;
}

/** The JSON of POST …/NotificationInfo/TollgateInfo. */
export function buildDahuaTollgatePush(input: DahuaPushInput): Push {
  const picture: Record<string, unknown> = {
    Plate: {
      PlateNumber: input.plate, PlateColor: input.color, PlateType: 'Yellow',
      Confidence: input.confidence ?? 91, UploadNum: 1, IsExist: true,
      BoundingBox: [1200, 900, 1500, 980],
    },
    Vehicle: { VehicleColor: 'White', VehicleType: 'LargeTruck', VehicleSeries: '' },
    SnapInfo: {
      AccurateTime: input.accurateTime, Direction: 'Obverse', TimeZone: 13,
      DeviceID: input.deviceId, SnapID: input.snapId,
    },
  };
  if (input.images.scene) {
    picture.NormalPic = { PicName: `${input.snapId}-scene.jpg`,
      Content: input.images.scene.toString('base64') };
  }
  if (input.images.plate) {
    picture.CutoutPic = { PicName: `${input.snapId}-plate.jpg`,
      Content: input.images.plate.toString('base64') };
  }
  return jsonPush({ Picture: picture });
}

/** The body of POST …/NotificationInfo/KeepAlive. */
export function buildDahuaKeepAlive(deviceId: string): Push {
  return jsonPush({ DeviceID: deviceId, Time: '2024-05-01 08:15:30' });
}

export interface HuaxiaPushInput {
  plate: string;
  /** Chinese colour word: 蓝色, 黄色, 白色, 黑色, 绿色, 黄绿色. */
  color: string;
  /** Capture time, epoch seconds. */
  startTime: number;
  camId: string;
  type: 'online' | 'offline';
  vdcType?: 'in' | 'out';
  images: { plate?: Buffer; scene?: Buffer };
}

/** A mode-5 form push; pictures in the camera's URL-safe base64, every value percent-encoded. */
export function buildHuaxiaPush(input: HuaxiaPushInput): Push {
  const fields: [string, string][] = [
    ['type', input.type], ['mode', '5'], ['park_id', 'demo-park'], ['cam_id', input.camId],
    ['plate_num', input.plate], ['plate_color', input.color], ['plate_val', 'true'],
    ['vehicle_type', '大型车'], ['car_sublogo', ''], ['start_time', String(input.startTime)],
    ['vdc_type', input.vdcType ?? 'in'], ['is_whitelist', 'false'], ['triger_type', 'video'],
  ];
  if (input.images.scene) fields.push(['picture', toHuaxiaBase64(input.images.scene)]);
  if (input.images.plate) fields.push(['closeup_pic', toHuaxiaBase64(input.images.plate)]);
  return formPush(fields);
}

/** A mode-5 heartbeat. */
export function buildHuaxiaHeartbeat(camId: string): Push {
  return formPush([['type', 'heartbeat'], ['mode', '5'], ['cam_id', camId]]);
}

/** A Vzenith push whose JSON is GBK bytes, with `charset=gbk` declared or with nothing. */
export function buildVzenithGbkPush(input: VzenithPushInput, declare: boolean): Push {
  const utf8 = buildVzenithPush(input);
  const body = encodeGb18030(utf8.body.toString('utf8'));
  return {
    headers: {
      'content-type': declare ? 'application/json; charset=gbk' : 'application/json',
      'content-length': String(body.length),
    },
    body,
  };
}

/** A Vzenith heartbeat, as sent in normal and in comet mode. */
export function buildVzenithHeartbeat(serialno: string, countid: number, sec: number): Push {
  return jsonPush({
    heartbeat: { countid, serialno, timeStamp: { Timeval: { sec, usec: 0 } } },
  });
}

function jsonPush(value: unknown): Push {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return {
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    body,
  };
}

function formPush(fields: [string, string][]): Push {
  const text = fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const body = Buffer.from(text, 'ascii');
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(body.length),
    },
    body,
  };
}
