// `sim lpr-camera`: one simulated LPR camera of any vendor, on its own. In push mode it posts
// reads (and heartbeats) to Gatehouse's push URL the way that vendor's firmware does; in stream
// mode (Hikvision, Dahua) it serves the event stream Gatehouse holds open. Reads come every
// --every-ms and on demand: a line `read PLATE [COLOUR]` on stdin sends one at once. A Vzenith
// camera polls in comet mode unless told otherwise and pulses its simulated relay as told.
// Prints one JSON line `{"ready":true,...}` on stdout; logs to stderr.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createRootLogger, subsystemLogger, type Logger } from '../log/logger.ts';
import {
  LPR_VENDORS, PLATE_COLORS, type LprVendorName, type PlateColor,
} from '../devices/lpr/plate-read.ts';
import { loadDemoImages, sendPush } from './lpr-sender.ts';
import { startStreamCamera } from './lpr-stream-camera.ts';
import { VENDOR_COLORS, vendorHeartbeat, vendorPush } from './lpr-vendor-push.ts';
import { startVzenithCamera, type VzenithHeartbeatMode } from './vzenith-camera.ts';
import { startHuaxiaCamera } from './huaxia-camera.ts';

const HEARTBEAT_MODES: readonly VzenithHeartbeatMode[] = ['none', 'normal', 'comet'];

export const LPR_CAMERA_USAGE =
  'usage: sim lpr-camera --vendor hikvision|vzenith|dahua|huaxia' +
  ' (--target PUSH_URL | --serve [--port N] [--username U --password P])' +
  ' [--every-ms N] [--heartbeat-ms N] [--plates P1,P2] [--serial S] [--offline]' +
  ' [--metadata (Hikvision: the Metadata variant of the alert)]' +
  ' [--heartbeat-mode none|normal|comet (Vzenith; default comet)]';

const DEFAULT_PLATES = ['豫A12345', '豫A01234D', '豫C88888'];

export interface LprCameraIo {
  stdout: { write(text: string): unknown };
  stdin?: NodeJS.ReadableStream;
  log?: Logger;
}

export async function runLprCameraCommand(
  args: string[], io: LprCameraIo = { stdout: process.stdout, stdin: process.stdin },
): Promise<{ close(): Promise<void> }> {
  const { values } = parseArgs({ args, strict: true, options: {
    vendor: { type: 'string' }, target: { type: 'string' }, serve: { type: 'boolean' },
    host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '0' },
    username: { type: 'string', default: 'admin' }, password: { type: 'string' },
    'every-ms': { type: 'string', default: '5000' }, 'heartbeat-ms': { type: 'string' },
    plates: { type: 'string' }, serial: { type: 'string', default: 'sim-lpr-0001' },
    offline: { type: 'boolean', default: false },
    metadata: { type: 'boolean', default: false },
    'heartbeat-mode': { type: 'string', default: 'comet' },
  } });
  const vendor = values.vendor as LprVendorName;
  const everyMs = Number(values['every-ms']);
  const heartbeatMs = Number(values['heartbeat-ms'] ?? 5000);
  const streams = vendor === 'hikvision' || vendor === 'dahua';
  if (!LPR_VENDORS.includes(vendor) || Boolean(values.target) === Boolean(values.serve) ||
    (values.serve && !streams) || !Number.isInteger(everyMs) || !(heartbeatMs > 0) ||
    !HEARTBEAT_MODES.includes(values['heartbeat-mode'] as VzenithHeartbeatMode)) {
    throw new Error(LPR_CAMERA_USAGE);
  }

  const log = subsystemLogger(io.log ?? createRootLogger({ stderr: true }), 'sim-lpr');
  const images = loadDemoImages();
  const plates = values.plates?.split(',').filter(Boolean) ?? DEFAULT_PLATES;
  let seq = 0;
  const timers: NodeJS.Timeout[] = [];
  let send: (plate: string, color: PlateColor) => Promise<void>;
  let stop: () => Promise<void> = async () => undefined;
  let ready: Record<string, unknown>;

  if (values.serve) {
    const camera = await startStreamCamera({ vendor: vendor as 'hikvision' | 'dahua',
      host: values.host, port: Number(values.port), username: values.username,
      password: values.password ?? 'sim-password', heartbeatMs, metadata: values.metadata,
      log });
    send = async (plate, color) => {
      camera.read({ plate, color: String(VENDOR_COLORS[vendor][color]), images });
    };
    stop = () => camera.close();
    ready = { mode: 'stream', streamUrl: camera.streamUrl };
  } else if (vendor === 'vzenith') {
    const heartbeatMode = values['heartbeat-mode'] as VzenithHeartbeatMode;
    const camera = startVzenithCamera({ target: values.target!, serial: values.serial,
      heartbeatMode, heartbeatMs, log });
    send = async (plate, color) => {
      const res = await camera.read({ plate, color, images, offline: values.offline });
      log.info({ plate, status: res.status, reply: res.body.slice(0, 200) }, 'read pushed');
    };
    stop = () => camera.close();
    ready = { mode: 'push', target: values.target, heartbeatMode };
  } else if (vendor === 'huaxia') {
    // Obeys gpio_data in the reply to a read or a heartbeat, as the camera's relay does.
    const camera = startHuaxiaCamera({ target: values.target!, camId: values.serial,
      heartbeatMs, log });
    send = async (plate, color) => {
      const res = await camera.read({ plate, color, images, offline: values.offline });
      log.info({ plate, status: res.status, reply: res.body.slice(0, 200) }, 'read pushed');
    };
    stop = () => camera.close();
    ready = { mode: 'push', target: values.target };
  } else {
    const target = values.target!.replace(/\/$/, '');
    const post = async (p: { push: Parameters<typeof sendPush>[1]; path: string }) => {
      const res = await sendPush(target + p.path, p.push);
      if (res.status !== 200) log.warn({ status: res.status, body: res.body }, 'push refused');
      return res;
    };
    send = async (plate, color) => {
      const res = await post(vendorPush(vendor, { plate, color, seq: ++seq,
        serial: values.serial, images, offline: values.offline, metadata: values.metadata }));
      log.info({ plate, status: res.status, reply: res.body.slice(0, 200) }, 'read pushed');
    };
    timers.push(setInterval(() => {
      const hb = vendorHeartbeat(vendor, values.serial, ++seq);
      if (hb) post(hb).catch((err: Error) => log.warn({ err: err.message }, 'heartbeat failed'));
    }, heartbeatMs));
    ready = { mode: 'push', target };
  }

  const sendSafely = (plate: string, color: PlateColor) => send(plate, color)
    .catch((err: Error) => log.warn({ plate, err: err.message }, 'read not delivered'));
  let next = 0;
  if (everyMs > 0) {
    timers.push(setInterval(() => {
      const plate = plates[next++ % plates.length]!;
      void sendSafely(plate, colorOfPlate(plate));
    }, everyMs));
  }
  const lines = io.stdin ? createInterface({ input: io.stdin }) : null;
  lines?.on('line', (line) => {
    const [word, plate, color] = line.trim().split(/\s+/);
    if (word !== 'read' || !plate) return;
    const c = (PLATE_COLORS as readonly string[]).includes(color ?? '')
      ? color as PlateColor : colorOfPlate(plate);
    void sendSafely(plate, c);
  });

  io.stdout.write(`${JSON.stringify({ ready: true, vendor, ...ready, pid: process.pid })}\n`);
  return {
    close: async () => {
      for (const t of timers) clearInterval(t);
      lines?.close();
      await stop();
    },
  };
}

/** Eight-character plates ending in D or F are large new-energy trucks: yellow-green. */
function colorOfPlate(plate: string): PlateColor {
  return /^.{7}[DF]$/u.test(plate) ? 'yellowGreen' : 'yellow';
}
