// The demo's traffic: simulated cameras push one truck after another to the lanes (or write it
// to the event stream Gatehouse holds open), in the bytes of each lane's chosen vendor, so every
// decision the rules make at a B-level plant shows up on the Lanes page within a minute. A
// Vzenith camera on lane 2 also polls in comet mode, so a guard's manual open reaches its relay.
import type { Logger } from '../log/logger.ts';
import { subsystemLogger } from '../log/logger.ts';
import {
  DEMO_CAMERA_1_MAC, DEMO_CAMERA_2_SERIAL, DEMO_UNREGISTERED, demoFleet,
} from '../config/demo-site.ts';
import type { PlateColor } from '../devices/lpr/plate-read.ts';
import {
  DEFAULT_DEMO_CAMERAS, lane1Vendor, writesMetadata, type DemoCameraChoice,
} from './demo-cameras.ts';
import { loadDemoImages, sendPush } from './lpr-sender.ts';
import type { StreamCamera } from './lpr-stream-camera.ts';
import { VENDOR_COLORS, vendorPush } from './lpr-vendor-push.ts';
import { startVzenithCamera } from './vzenith-camera.ts';
import { startHuaxiaCamera } from './huaxia-camera.ts';

/** A truck every 4 s: busy for a cement plant's gate, still easy for a person to follow. */
export const TRUCK_INTERVAL_MS = 4_000;

/** The demo's Vzenith camera polls this often, so a manual open reaches it within ~2 s. */
const COMET_POLL_MS = 2_000;

interface ScriptStep {
  lane: 1 | 2;
  plate: string | 'fleet';
  color: PlateColor;
}

/** One round of the script: allowed, denied unregistered, denied China IV, electric, fleet. */
const SCRIPT: ScriptStep[] = [
  { lane: 1, plate: '豫A12345', color: 'yellow' },
  { lane: 2, plate: DEMO_UNREGISTERED[0]!, color: 'yellow' },
  { lane: 1, plate: '豫A54321', color: 'yellow' },
  { lane: 2, plate: '豫A01234D', color: 'yellowGreen' },
  { lane: 1, plate: DEMO_UNREGISTERED[1]!, color: 'yellow' },
  { lane: 2, plate: 'fleet', color: 'yellow' },
];

export interface ScriptedTrucks {
  sent(): number;
  stop(): Promise<void>;
}

export interface ScriptedTrucksOptions {
  lprPort: number;
  log: Logger;
  /** The lanes' camera vendors; absent: Hikvision on lane 1, Vzenith on lane 2. */
  cameras?: DemoCameraChoice;
  /** Lane 1's camera when it serves an event stream instead of pushing. */
  stream?: StreamCamera | null;
}

export function startScriptedTrucks(o: ScriptedTrucksOptions): ScriptedTrucks {
  const log = subsystemLogger(o.log, 'trucks');
  const images = loadDemoImages();
  const fleet = demoFleet(50).map((v) => v.plate);
  let step = 0;
  let sent = 0;
  let plateid = 1;
  let inFlight: Promise<void> = Promise.resolve();
  const choice = o.cameras ?? DEFAULT_DEMO_CAMERAS;
  const vzenith = choice.lane2 === 'vzenith' ? startVzenithCamera({
    target: `http://127.0.0.1:${o.lprPort}/lpr/vzenith/cam-2`, serial: DEMO_CAMERA_2_SERIAL,
    heartbeatMode: 'comet', heartbeatMs: COMET_POLL_MS, log: o.log }) : null;
  // A Huaxia lane 2 calls in with heartbeats as often, so a manual open rides one's reply too.
  const huaxia = choice.lane2 === 'huaxia' ? startHuaxiaCamera({
    target: `http://127.0.0.1:${o.lprPort}/lpr/huaxia/cam-2`, camId: DEMO_CAMERA_2_SERIAL,
    heartbeatMs: COMET_POLL_MS, log: o.log }) : null;
  const lane2 = vzenith ?? huaxia;

  const pushNext = async () => {
    const s = SCRIPT[step % SCRIPT.length]!;
    const plate = s.plate === 'fleet' ? fleet[Math.floor(step / SCRIPT.length) % fleet.length]! :
      s.plate;
    step++;

    if (s.lane === 2 && lane2) {
      const res = await lane2.read({ plate, color: s.color, images })
        .catch((err: unknown) => log.warn({ err, plate }, 'scripted truck push failed'));
      if (!res) return;
      sent++;
      log.info({ plate, lane: s.lane, status: res.status }, 'scripted truck pushed');
      return;
    }
    if (s.lane === 1 && o.stream) {
      // Gatehouse opens the stream a moment after starting; a read before that reaches no one.
      if (!(await streamOpen(o.stream))) {
        log.warn({ plate }, 'nobody holds the event stream open; the truck drives on unseen');
        return;
      }
      o.stream.read({ plate, color: String(VENDOR_COLORS[lane1Vendor(choice.lane1)][s.color]),
        images });
      sent++;
      log.info({ plate, lane: s.lane }, 'scripted truck read on the event stream');
      return;
    }
    const vendor = s.lane === 1 ? lane1Vendor(choice.lane1) : choice.lane2;
    const { push, path } = vendorPush(vendor, { plate, color: s.color, seq: plateid++, images,
      serial: s.lane === 1 ? DEMO_CAMERA_1_MAC : DEMO_CAMERA_2_SERIAL,
      metadata: s.lane === 1 && writesMetadata(choice.lane1) });
    const url = `http://127.0.0.1:${o.lprPort}/lpr/${vendor}/cam-${s.lane}${path}`;

    try {
      const res = await sendPush(url, push);
      sent++;
      log.info({ plate, lane: s.lane, status: res.status }, 'scripted truck pushed');
    } catch (err) {
      log.warn({ err, plate }, 'scripted truck push failed');
    }
  };

  const timer = setInterval(() => {
    inFlight = inFlight.then(pushNext);
  }, TRUCK_INTERVAL_MS);
  inFlight = pushNext();

  return {
    sent: () => sent,
    stop: async () => {
      clearInterval(timer);
      await inFlight;
      await lane2?.close();
    },
  };
}

/** How long a scripted truck waits for Gatehouse to open lane 1's event stream. */
const STREAM_OPEN_WAIT_MS = 5_000;

async function streamOpen(stream: StreamCamera): Promise<boolean> {
  const end = Date.now() + STREAM_OPEN_WAIT_MS;
  while (stream.openStreams() === 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return stream.openStreams() > 0;
}
